package org.tallymq.store.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads live records back by id while the journal runs (what a broker that pages message bodies out of
 * its heap needs), without blocking the writer for the reads.
 *
 * <p><b>Why it is safe while compaction moves records.</b> The index (owned by the writer thread) says
 * where each record lies now; a read asks it on the writer thread ({@link JournalWriter#call}, which runs
 * after every earlier append was written, so the location holds written bytes), then reads the bytes on the
 * caller's thread. Between the two the compactor may copy the record forward and delete its old segment.
 * The old location then fails one of the checks every read makes: the segment's file handle is closed
 * (reads of a closed channel throw), or the bytes there are not a base record of that id (frame, segment
 * stamp, CRC, type and id are all checked). Segment files are deleted, never reused in place, so a stale
 * location can never yield another record's valid bytes. A record that failed is looked up and read again
 * on the writer thread itself, where no segment can disappear under the read (reclaim runs there too).
 *
 * <p>Thread-safe: any number of threads may read at once, each with its own reader.
 */
final class LiveReads {
    /** Read-ahead per batch: records of one batch usually lie next to each other in the log. */
    private static final int WINDOW = 256 << 10;

    private final JournalWriter writer;
    private final JournalIndex index;
    /** Tests only: runs between the lookup and the reads, to move records under a read on purpose. */
    volatile Runnable afterLocate;
    /** Records read again on the writer thread because they moved (for tests and diagnostics). */
    final java.util.concurrent.atomic.AtomicLong rereads = new java.util.concurrent.atomic.AtomicLong();

    LiveReads(JournalWriter writer, JournalIndex index) {
        this.writer = writer;
        this.index = index;
    }

    /** Where the records were when the writer looked, and the segments that hold them. */
    private record Where(long[] bases, long[][] updates, Map<Long, Segment> segments) {
    }

    /**
     * @return one entry per id, in order: the record with every update, or null if it is not live
     * @throws IOException if the journal failed or a record is corrupt
     */
    List<LiveRecord> read(long[] ids) throws IOException {
        Where where = await(writer.call(() -> locate(ids), false));
        Runnable hook = afterLocate;
        if (hook != null) {
            hook.run();
        }
        List<LiveRecord> out = new ArrayList<>(ids.length);
        List<Integer> retry = new ArrayList<>();
        RecordReader reader = new RecordReader(where.segments, WINDOW);
        for (int i = 0; i < ids.length; i++) {
            if (where.bases[i] < 0) {
                out.add(null);
                continue;
            }
            LiveRecord r = null;
            try {
                r = readOne(reader, ids[i], where.bases[i], where.updates[i]);
            } catch (IOException e) {
                // the segment was reclaimed after the lookup (closed channel); the writer-side read below decides
            }
            if (r == null) {
                retry.add(i);
            }
            out.add(r);
        }
        if (!retry.isEmpty()) {
            rereads.addAndGet(retry.size());
            long[] again = new long[retry.size()];
            for (int k = 0; k < again.length; k++) {
                again[k] = ids[retry.get(k)];
            }
            List<LiveRecord> fixed = await(writer.call(() -> readOnWriter(again), false));
            for (int k = 0; k < again.length; k++) {
                out.set(retry.get(k), fixed.get(k));
            }
        }
        return out;
    }

    /** Writer thread. */
    private Where locate(long[] ids) {
        writer.requireWriterThread();
        long[] bases = new long[ids.length];
        long[][] updates = new long[ids.length][];
        Map<Long, Segment> segments = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            JournalIndex.Entry e = index.live.get(ids[i]);
            if (e == null) {
                bases[i] = -1;
                continue;
            }
            bases[i] = e.base;
            updates[i] = e.updates();
            addSegment(segments, e.base);
            for (long u : updates[i]) {
                addSegment(segments, u);
            }
        }
        return new Where(bases, updates, segments);
    }

    private void addSegment(Map<Long, Segment> segments, long location) {
        long seq = Segment.seqOf(location);
        if (!segments.containsKey(seq)) {
            segments.put(seq, index.segment(location));
        }
    }

    /** Writer thread: nothing moves or disappears while it runs. A failure here is a real one. */
    private List<LiveRecord> readOnWriter(long[] ids) throws IOException {
        Where where = locate(ids);
        RecordReader reader = new RecordReader(where.segments, WINDOW);
        List<LiveRecord> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (where.bases[i] < 0) {
                out.add(null);
                continue;
            }
            LiveRecord r = readOne(reader, ids[i], where.bases[i], where.updates[i]);
            if (r == null) {
                throw new IOException("bug: journal record " + ids[i] + " is not at " + Segment.describe(where.bases[i])
                        + ", where the index says it is");
            }
            out.add(r);
        }
        return out;
    }

    /** Reads and checks one record; null if the bytes at a location are not what the index said (it moved). */
    private static LiveRecord readOne(RecordReader reader, long id, long base, long[] updateLocations) throws IOException {
        JournalRecord b = reader.read(base);
        RecordType t = b.type();
        if (b.recordId() != id || (t != RecordType.ADD && t != RecordType.TX_ADD && t != RecordType.SNAPSHOT)) {
            return null;
        }
        List<byte[]> updates = new ArrayList<>(b.updates().size() + updateLocations.length);
        updates.addAll(b.updates());
        for (long u : updateLocations) {
            JournalRecord r = reader.read(u);
            if (r.recordId() != id || (r.type() != RecordType.UPDATE && r.type() != RecordType.TX_UPDATE)) {
                return null;
            }
            updates.add(r.payload());
        }
        return new LiveRecord(id, b.userType(), b.payload(), updates);
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted reading the journal");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }
}
