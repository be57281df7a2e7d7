package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Background reclaim and compaction, on its own thread. Each round looks at the head (oldest) segment:
 * if nothing in it is live and no open transaction pins it, it is deleted; if it is mostly dead (live share
 * at or below the threshold, for the head or for the whole journal), its live records are copied forward as
 * SNAPSHOT records and it is deleted. Payloads are read here, off the writer thread; the writer only checks
 * that each record is unchanged and appends the copy like any other record, in batches of at most
 * {@link #CHUNK_BYTES}, so producers are never held up for more than one such write.
 *
 * <p>Threading: {@link #wake()}, {@link #requestFull()} and {@link #stop()} are thread-safe; the rest runs on
 * the compactor thread and reaches journal state only through {@link JournalWriter#call}.
 */
final class Compactor implements Runnable {
    static final int CHUNK_BYTES = 1 << 20;

    private final JournalWriter writer;
    private final JournalIndex index;
    private final JournalIo io;
    private final Path dir;
    private final int segmentSize;
    private final double threshold;
    private final boolean automatic;
    private final Object signal = new Object();
    private boolean woken;
    private boolean stopped;
    private final List<CompletableFuture<Void>> fullRequests = new ArrayList<>();
    private volatile String lastProblem;

    Compactor(JournalWriter writer, JournalIndex index, JournalIo io, Path dir, int segmentSize, double threshold,
              boolean automatic) {
        this.writer = writer;
        this.index = index;
        this.io = io;
        this.dir = dir;
        this.segmentSize = segmentSize;
        this.threshold = threshold;
        this.automatic = automatic;
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** A round that copies forward every segment older than the current one, as far as pins allow. */
    CompletableFuture<Void> requestFull() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (signal) {
            if (stopped) {
                f.completeExceptionally(new IllegalStateException("the journal in " + dir + " is closed"));
                return f;
            }
            fullRequests.add(f);
            woken = true;
            signal.notifyAll();
        }
        return f;
    }

    void stop() {
        synchronized (signal) {
            stopped = true;
            signal.notifyAll();
        }
    }

    String lastProblem() {
        return lastProblem;
    }

    @Override
    public void run() {
        while (true) {
            List<CompletableFuture<Void>> requests;
            synchronized (signal) {
                while (!woken && !stopped) {
                    try {
                        signal.wait();
                    } catch (InterruptedException e) {
                        stopped = true;
                    }
                }
                if (stopped) {
                    for (CompletableFuture<Void> f : fullRequests) {
                        f.completeExceptionally(new IllegalStateException("the journal in " + dir + " was closed"));
                    }
                    return;
                }
                woken = false;
                requests = new ArrayList<>(fullRequests);
                fullRequests.clear();
            }
            boolean full = !requests.isEmpty();
            try {
                if (full || automatic) {
                    round(full);
                }
                requests.forEach(f -> f.complete(null));
            } catch (IOException | RuntimeException e) {
                lastProblem = e.toString();
                requests.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    /** What the head looks like, read on the writer thread. */
    private record Head(long seq, int live, int records, boolean pinned, String stuck, long journalLive, long journalRecords) {
    }

    private record Copy(long id, byte userType, long base, long[] updates, int version) {
    }

    private void round(boolean full) throws IOException {
        long stopAt = full ? await(writer.call(() -> writer.current().seq, false)) : Long.MAX_VALUE;
        int attempts = 0;
        while (!isStopped() && attempts < 4) {
            Head h = await(writer.call(this::head, false));
            if (h == null || h.pinned || h.stuck != null || h.seq >= stopAt) {
                return;
            }
            if (h.live > 0) {
                boolean mostlyDead = h.live <= threshold * h.records || h.journalLive <= threshold * h.journalRecords;
                if (!full && !mostlyDead) {
                    return;
                }
                if (!copyForward(h.seq)) {
                    return;
                }
            }
            if (await(writer.call(() -> reclaim(h.seq), true))) {
                attempts = 0;
            } else {
                attempts++;
            }
        }
    }

    private boolean isStopped() {
        synchronized (signal) {
            return stopped;
        }
    }

    /** Writer thread. */
    private Head head() {
        writer.requireWriterThread();
        Segment head = index.segments.firstEntry().getValue();
        if (head == writer.current()) {
            return null;
        }
        long[] t = index.totals(writer.current().seq);
        return new Head(head.seq, head.live, head.records, !head.pins.isEmpty(), head.stuck, t[0], t[1]);
    }

    /** Writer thread, after a force: delete the head if the reclaim rule allows. */
    private boolean reclaim(long seq) throws IOException {
        writer.requireWriterThread();
        Segment head = index.segments.firstEntry().getValue();
        if (head.seq != seq || head == writer.current() || head.live > 0 || !head.pins.isEmpty()) {
            return false;
        }
        index.removeSegment(seq);
        Path path = head.file.path();
        head.file.close();
        io.delete(path);
        io.forceDirectory(dir);
        return true;
    }

    private boolean copyForward(long seq) throws IOException {
        Map<Long, Segment> segments = await(writer.call(() -> new HashMap<>(index.segments), false));
        Segment head = segments.get(seq);
        Set<Long> ids = new HashSet<>();
        SegmentScanner scanner = new SegmentScanner(head.file, false);
        scanner.readHeader();
        while (scanner.next()) {
            JournalRecord r = scanner.record();
            switch (r.type()) {
                case ADD, UPDATE, TX_ADD, TX_UPDATE, SNAPSHOT -> ids.add(r.recordId());
                default -> { }
            }
        }
        List<Copy> copies = await(writer.call(() -> liveIn(ids, seq), false));
        RecordReader reader = new RecordReader(segments);
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        long bytes = 0;
        for (Copy c : copies) {
            JournalRecord base = reader.read(c.base);
            List<byte[]> updates = new ArrayList<>(base.updates());
            for (long u : c.updates) {
                updates.add(reader.read(u).payload());
            }
            JournalRecord snapshot = JournalRecord.snapshot(c.id, c.userType, base.payload(), updates);
            int size = RecordCodec.encodedSize(snapshot);
            if (size > segmentSize - RecordCodec.HEADER_SIZE) {
                String why = "record " + c.id + " with its " + updates.size() + " updates needs " + size
                        + " bytes, more than a segment holds; delete or stop updating it to free this segment";
                await(writer.call(() -> {
                    head.stuck = why;
                    return null;
                }, false));
                return false;
            }
            JournalWriter.Snapshot op = new JournalWriter.Snapshot(snapshot, c.version, c.base);
            writer.submit(op);
            inFlight.add(op.future);
            bytes += size;
            if (bytes >= CHUNK_BYTES) {
                awaitAll(inFlight);
                bytes = 0;
            }
        }
        awaitAll(inFlight);
        return true;
    }

    /** Writer thread: the live records among {@code ids} with their base or an update in segment {@code seq}. */
    private List<Copy> liveIn(Set<Long> ids, long seq) {
        writer.requireWriterThread();
        List<Copy> out = new ArrayList<>();
        for (long id : ids) {
            JournalIndex.Entry e = index.live.get(id);
            if (e == null) {
                continue;
            }
            boolean here = Segment.seqOf(e.base) == seq;
            for (int i = 0; !here && i < e.updateCount; i++) {
                here = Segment.seqOf(e.updates[i]) == seq;
            }
            if (here) {
                out.add(new Copy(e.id, e.userType, e.base, e.updates(), e.version));
            }
        }
        out.sort((a, b) -> Long.compare(a.base, b.base));
        return out;
    }

    private void awaitAll(List<CompletableFuture<Void>> futures) throws IOException {
        for (CompletableFuture<Void> f : futures) {
            await(f);
        }
        futures.clear();
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("compaction interrupted");
        } catch (TimeoutException e) {
            throw new IOException("compaction gave up waiting for the journal writer", e);
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
