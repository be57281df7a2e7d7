package org.tallymq.store.journal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Tally's append-only journal: records with opaque payloads in segmented, preallocated files, written by one
 * group-commit thread, replayed at open. The byte layout is in {@link RecordCodec}.
 *
 * <h2>Guarantees and crash model</h2>
 * <ul>
 * <li>An append whose future completed with {@code sync=true} is on disk (written and {@code force}d) and
 *     survives a crash of the process or the machine. A {@code sync=false} append is ordered: it is written
 *     before every later append, and becomes durable with the next sync append or segment roll.</li>
 * <li>After a crash, open cuts the torn tail (a partial record, a bad CRC or zeroed space at the end of the
 *     newest segment); any other damaged or impossible record stops the open with a
 *     {@link JournalCorruptedException} naming file, offset and record type, unless {@code repair(true)},
 *     which truncates there and lists what it dropped in {@link #recoveryReport()}.</li>
 * <li>Transactions are all or nothing: TX_* records take effect at their COMMIT. PREPARE and COMMIT count
 *     the transaction's records, so a lost record is detected. A transaction with no PREPARE, COMMIT or
 *     ROLLBACK at open is rolled back (a ROLLBACK is written). A prepared one is handed to
 *     {@link ReplayHandler#onPrepared} and stays in doubt until its COMMIT or ROLLBACK.</li>
 * <li>If a write or force fails, every append not yet acknowledged fails with an IOException and the journal
 *     enters the <em>failed</em> state: it refuses every further append (IOException) until it is closed
 *     and opened again; the bytes of the failed batch are zeroed (best effort) so the reopened journal holds
 *     exactly the acknowledged appends.</li>
 * </ul>
 *
 * <h2>Liveness and the reclaim rule</h2>
 * A record is <em>live</em> if it is the base (ADD, TX_ADD of a committed transaction, SNAPSHOT) or an
 * update (UPDATE, TX_UPDATE of a committed transaction) of a record that is neither deleted nor superseded
 * by a later SNAPSHOT of it. Records of open transactions (and a prepared transaction's PREPARE)
 * <em>pin</em> their segment. Everything else is dead. Segments are numbered F1, F2, ... without gaps;
 * F<sub>h</sub> is the oldest (the head), F<sub>c</sub> the one being written.
 * <pre>
 *   F<sub>n</sub> may be deleted  iff  n = h  and  n &lt; c
 *                          and no record in F<sub>n</sub> is live
 *                          and no open transaction has a record in F<sub>n</sub>
 *                          and every record appended before the decision is durable.
 * </pre>
 * Why only the head: a DELETE in F<sub>m</sub> cancels an ADD in some F<sub>k</sub>, k &le; m, and a COMMIT or
 * ROLLBACK in F<sub>m</sub> settles records in some F<sub>k</sub>, k &le; m. Deleting F<sub>m</sub> while such an
 * F<sub>k</sub> (k &lt; m) exists would resurrect the ADD or un-settle the transaction. When F<sub>m</sub> is the
 * head, every F<sub>k</sub> with k &lt; m is already gone, so these back references are dead by construction.
 * Because only heads are deleted, the sequence never has gaps: a missing file is detected at open, and a
 * PREPARE/COMMIT whose first segment is older than the head provably lost records to reclaim (its count
 * then bounds, rather than equals, the records found).
 *
 * <p><b>Compaction</b> keeps the head moving: when the head (or the whole journal) is mostly dead, its live
 * records are copied forward as SNAPSHOT records, each holding the payload and every update, so a SNAPSHOT
 * supersedes everything the log said about its record earlier, wherever that lies. Each copy is written only
 * if the record did not change since the compactor read it. Then the head holds nothing live and is deleted
 * by the rule above. A crash between copy and delete leaves both; replay lets the later SNAPSHOT win.
 *
 * <p><b>Limits.</b> Because only the head is deleted, a head pinned by an open transaction (typically an XA
 * branch in doubt) keeps every later segment on disk until that transaction ends; {@link #segmentStats()}
 * names the transaction. A record whose payload and updates no longer fit in one segment cannot be copied
 * forward; its segment is reported as stuck. The loss of the oldest file(s) cannot be detected (there is no
 * manifest); a missing file anywhere else can.
 *
 * <h2>Ids</h2>
 * Record ids and transaction ids are the caller's. A record id must not be live when it is added (checked:
 * the append fails with IllegalStateException); it may be reused once its deletion was appended. A
 * transaction id must not be reused while that transaction is open. {@link LoadSummary} reports the
 * highest ids in the log, so a restarted caller can continue above them.
 *
 * <h2>Threading</h2>
 * Open, then call {@link #load} once from one thread, then append from any number of threads. Appends
 * from one thread are written in call order; appends from different threads in the order they entered
 * the queue. Futures complete on the writer thread: do not block in their callbacks.
 */
public final class Journal implements AutoCloseable {

    private enum State { OPENED, LOADING, LOADED, CLOSED }

    private final Path dir;
    private final int segmentSize;
    private final JournalIndex index;
    private final JournalWriter writer;
    private final Thread writerThread;
    private final Compactor compactor;
    private final LiveReads reads;
    private final Thread compactorThread;
    private final RecoveryReport report;
    private final Object stateLock = new Object();
    private volatile State state = State.OPENED;

    private Journal(Builder b) throws IOException {
        this.dir = b.dir;
        this.segmentSize = b.segmentSize;
        SegmentAllocator allocator = new SegmentAllocator(b.dir, b.io, b.segmentSize);
        Recovery recovery;
        try {
            recovery = Recovery.run(b.dir, b.io, b.repair, allocator);
        } catch (IOException | RuntimeException e) {
            allocator.close();
            throw e;
        }
        this.index = recovery.index;
        Compactor[] compactorRef = new Compactor[1];
        this.writer = new JournalWriter(b.dir, index, allocator, b.segmentSize, () -> {
            if (compactorRef[0] != null) {
                compactorRef[0].wake();
            }
        });
        this.compactor = new Compactor(writer, index, b.io, b.dir, b.segmentSize, b.compactThreshold, b.autoCompact);
        compactorRef[0] = compactor;
        this.reads = new LiveReads(writer, index);
        this.writerThread = new Thread(writer, "tally-journal-writer " + b.dir.getFileName());
        this.compactorThread = new Thread(compactor, "tally-journal-compactor " + b.dir.getFileName());
        writerThread.setDaemon(true);
        compactorThread.setDaemon(true);
        writerThread.start();
        List<CompletableFuture<Void>> rollbacks = new ArrayList<>();
        for (long txId : recovery.incomplete) {
            JournalWriter.Append a = new JournalWriter.Append(JournalRecord.rollback(txId), true);
            writer.submit(a);
            rollbacks.add(a.future);
        }
        try {
            for (CompletableFuture<Void> f : rollbacks) {
                join(f);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        this.report = new RecoveryReport(index.segments.size(), recovery.records, recovery.tornTails, recovery.repairs,
                recovery.incomplete);
    }

    /** Starts configuring a journal in {@code dir} (created if missing). */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Named options for {@link Journal}. Not thread-safe; use from one thread. */
    public static final class Builder {
        private final Path dir;
        private int segmentSize = 32 << 20;
        private JournalIo io = JournalIo.files();
        private boolean repair;
        private double compactThreshold = 0.5;
        private boolean autoCompact = true;

        private Builder(Path dir) {
            if (dir == null) {
                throw new IllegalArgumentException("journal directory must not be null");
            }
            this.dir = dir;
        }

        /** Bytes per segment file, 64 KiB to 1 GiB; default 32 MiB. Existing files keep the size they have. */
        public Builder segmentSize(int bytes) {
            if (bytes < (64 << 10) || bytes > (1 << 30)) {
                throw new IllegalArgumentException("segment size " + bytes + " is outside 64 KiB .. 1 GiB");
            }
            this.segmentSize = bytes;
            return this;
        }

        /** The I/O implementation; default {@link JournalIo#files()}. Tests pass a faulty one. */
        public Builder io(JournalIo io) {
            if (io == null) {
                throw new IllegalArgumentException("io must not be null");
            }
            this.io = io;
            return this;
        }

        /**
         * If true, corruption found at open is cut off instead of failing the open: the damaged segment is
         * zeroed from the bad record on and every later segment is deleted. What was dropped is listed in
         * {@link Journal#recoveryReport()}. Default false. Back the directory up first.
         */
        public Builder repair(boolean repair) {
            this.repair = repair;
            return this;
        }

        /**
         * Compact the head segment when at most this share of its records (or of all records) is live;
         * 0 .. 1, default 0.5.
         */
        public Builder compactThreshold(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("compact threshold " + share + " is outside 0 .. 1");
            }
            this.compactThreshold = share;
            return this;
        }

        /** Whether segments are reclaimed and compacted in the background as the journal rolls; default true. */
        public Builder autoCompact(boolean on) {
            this.autoCompact = on;
            return this;
        }

        /**
         * Opens the journal: recovers every segment (see {@link Journal}) and starts the writer. Call
         * {@link Journal#load} next.
         *
         * @throws JournalCorruptedException if a record other than the torn tail is bad and repair is off
         * @throws IOException               if the files cannot be read or written
         */
        public Journal open() throws IOException {
            return new Journal(this);
        }
    }

    /** What open found and changed. Thread-safe. */
    public RecoveryReport recoveryReport() {
        return report;
    }

    /**
     * Delivers the live state to {@code handler}: every live committed record, then every prepared
     * transaction. Must be called exactly once, before any append, from one thread; the handler runs on
     * that thread. Starts background compaction afterwards.
     *
     * @throws IllegalStateException if called twice or after close
     * @throws IOException           if a record cannot be read back
     */
    public LoadSummary load(ReplayHandler handler) throws IOException {
        if (handler == null) {
            throw new IllegalArgumentException("replay handler must not be null");
        }
        synchronized (stateLock) {
            if (state != State.OPENED) {
                throw new IllegalStateException("load() may be called once, right after open; the journal in " + dir
                        + " is " + state);
            }
            state = State.LOADING;
        }
        LoadSummary summary = Replayer.deliver(index, handler);
        synchronized (stateLock) {
            if (state == State.LOADING) {
                state = State.LOADED;
                writer.call(() -> {
                    writer.prepareSpare();
                    return null;
                }, false);
                compactorThread.start();
                compactor.wake();
            }
        }
        return summary;
    }

    /**
     * Appends ADD: creates record {@code recordId}, which must not be live. Thread-safe.
     *
     * @return completes when written ({@code sync=false}) or durable ({@code sync=true}); fails with
     *         IllegalStateException if the id is live, IOException if the journal failed
     */
    public CompletableFuture<Void> appendAdd(long recordId, byte userType, byte[] payload, boolean sync) {
        return append(JournalRecord.add(recordId, userType, payload(payload)), sync);
    }

    /** Appends UPDATE: adds {@code payload} to the updates of live record {@code recordId}. Thread-safe. */
    public CompletableFuture<Void> appendUpdate(long recordId, byte[] payload, boolean sync) {
        return append(JournalRecord.update(recordId, payload(payload)), sync);
    }

    /** Appends DELETE of live record {@code recordId}. Thread-safe. */
    public CompletableFuture<Void> appendDelete(long recordId, boolean sync) {
        return append(JournalRecord.delete(recordId), sync);
    }

    /**
     * Appends TX_ADD: record {@code recordId} is created when transaction {@code txId} commits. Not forced
     * (the COMMIT or PREPARE is). Thread-safe; a transaction's records are usually appended by one thread.
     */
    public CompletableFuture<Void> appendAddTx(long txId, long recordId, byte userType, byte[] payload) {
        return append(JournalRecord.txAdd(txId, recordId, userType, payload(payload)), false);
    }

    /** Appends TX_UPDATE, effective at the commit of {@code txId}. Not forced. Thread-safe. */
    public CompletableFuture<Void> appendUpdateTx(long txId, long recordId, byte[] payload) {
        return append(JournalRecord.txUpdate(txId, recordId, payload(payload)), false);
    }

    /** Appends TX_DELETE, effective at the commit of {@code txId}. Not forced. Thread-safe. */
    public CompletableFuture<Void> appendDeleteTx(long txId, long recordId) {
        return append(JournalRecord.txDelete(txId, recordId), false);
    }

    /**
     * Appends PREPARE of {@code txId} with the caller's {@code xid} bytes, always forced. After it, only
     * COMMIT or ROLLBACK of {@code txId} may follow. Thread-safe.
     */
    public CompletableFuture<Void> appendPrepare(long txId, byte[] xid) {
        return append(JournalRecord.prepare(txId, 0, 0, payload(xid)), true);
    }

    /** Appends COMMIT of {@code txId}; its records take effect. The journal fills in the record count. Thread-safe. */
    public CompletableFuture<Void> appendCommit(long txId, boolean sync) {
        return append(JournalRecord.commit(txId, 0, 0), sync);
    }

    /** Appends ROLLBACK of {@code txId}; its records are discarded. Thread-safe. */
    public CompletableFuture<Void> appendRollback(long txId, boolean sync) {
        return append(JournalRecord.rollback(txId), sync);
    }

    private static byte[] payload(byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null (use an empty array)");
        }
        return payload;
    }

    private CompletableFuture<Void> append(JournalRecord r, boolean sync) {
        State s = state;
        if (s != State.LOADED) {
            throw new IllegalStateException(s == State.CLOSED ? "the journal in " + dir + " is closed"
                    : "call load() on the journal in " + dir + " before appending");
        }
        int size = RecordCodec.encodedSize(r);
        if (size > segmentSize - RecordCodec.HEADER_SIZE) {
            throw new IllegalArgumentException("a " + r.type() + " record of " + size + " bytes does not fit in a segment of "
                    + segmentSize + " bytes; raise segmentSize or send less");
        }
        JournalWriter.Append a = new JournalWriter.Append(r, sync);
        writer.submit(a);
        return a.future;
    }

    /**
     * Reads live records back by id, as {@link #load} delivered them: the payload and every update in the order
     * they took effect. A record that compaction copies forward meanwhile is found where it went (see
     * {@link LiveReads}). Thread-safe; blocks the calling thread for the reads, and waits for the writer once to
     * look the records up (behind appends already queued: at most one write and force).
     *
     * @return one entry per id, in the order asked: null where the id is not live (deleted, or never added)
     * @throws IOException if the journal failed or is closed, or a record is corrupt on disk
     */
    public List<LiveRecord> read(long[] recordIds) throws IOException {
        if (recordIds == null) {
            throw new IllegalArgumentException("record ids must not be null");
        }
        if (state != State.LOADED) {
            throw new IllegalStateException("read() needs a loaded, open journal; the journal in " + dir + " is " + state);
        }
        return reads.read(recordIds);
    }

    /** For tests in this package. */
    LiveReads liveReads() {
        return reads;
    }

    /**
     * How many times the journal has forced its files to disk since it was opened: with group commit,
     * fewer than the forced appends when callers write concurrently. For benchmarks and monitoring.
     * Thread-safe.
     */
    public long forces() {
        return writer.forces();
    }

    /**
     * Per-segment statistics, oldest first, as of the moment the writer handled the request. Thread-safe.
     *
     * @throws IOException if the journal failed or is closed
     */
    public List<SegmentStats> segmentStats() throws IOException {
        return join(writer.call(() -> {
            writer.requireWriterThread();
            List<SegmentStats> out = new ArrayList<>();
            long current = writer.current().seq;
            for (Segment s : index.segments.values()) {
                List<Long> txs = new ArrayList<>(s.pins.keySet());
                txs.sort(null);
                int dead = s.records - s.live - s.pinnedRecords();
                String heldBy;
                if (s.seq == current) {
                    heldBy = "current segment (being written)";
                } else if (s.stuck != null) {
                    heldBy = "stuck: " + s.stuck;
                } else if (!txs.isEmpty()) {
                    heldBy = "open transactions " + txs + (s.live > 0 ? " and " + s.live + " live records" : "");
                } else if (s.live > 0) {
                    heldBy = s.live + " live records (copied forward when compacted)";
                } else {
                    heldBy = s.seq == index.segments.firstKey() ? "nothing (reclaimable)"
                            : "nothing, but only the oldest segment is deleted";
                }
                out.add(new SegmentStats(s.seq, s.file.path().getFileName().toString(), s.writePosition, s.records,
                        s.live, dead, txs, s.seq == current, heldBy));
            }
            return out;
        }, false));
    }

    /**
     * Requests a full compaction round: every segment older than the current one that no open transaction
     * pins is copied forward and deleted. Thread-safe. The future completes when the round ends.
     */
    public CompletableFuture<Void> compact() {
        if (state != State.LOADED) {
            throw new IllegalStateException("compact() needs a loaded, open journal; the journal in " + dir + " is " + state);
        }
        return compactor.requestFull();
    }

    /** Why the last compaction round stopped early, or null. Thread-safe. */
    public String compactionProblem() {
        return compactor.lastProblem();
    }

    /** The failure that stopped the writer, or null while the journal is healthy. Thread-safe. */
    public IOException failure() {
        return writer.failure();
    }

    /**
     * Writes and forces what is queued, stops the threads and closes the files. Appends queued after the
     * call fail. Idempotent; thread-safe; blocks until the writer is done.
     */
    @Override
    public void close() {
        synchronized (stateLock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        compactor.stop();
        boolean interrupted = false;
        if (compactorThread.isAlive()) {
            while (true) {
                try {
                    compactorThread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        writer.shutdown();
        while (true) {
            try {
                writerThread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the journal writer");
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

    @Override
    public String toString() {
        return "Journal[" + dir + ", " + state + "]";
    }
}
