package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread that writes the journal (group commit). Callers enqueue operations; the thread takes
 * everything queued, encodes it into one buffer, writes it, forces once if any operation asked for
 * durability, and then completes every operation of the batch. Nothing waits for a timer: a lone append
 * is written as soon as the thread sees it, and appends that arrive during a force form the next batch.
 *
 * <p><b>Commit point.</b> An append's future completes only after its bytes were written (sync=false) or
 * written and forced (sync=true), in the order the appends were queued. The index is updated as records
 * are encoded, just before the write; if the write or a force fails, the journal becomes <em>failed</em>:
 * the index is never read again, every operation not yet completed and every later one fails with an
 * IOException, the writer zeroes (best effort) the bytes of the batch that failed so a reopen sees exactly
 * the acknowledged records, and the thread ends. Reopening the directory recovers.
 *
 * <p><b>Threading.</b> {@link #submit} is thread-safe. Everything else, and the {@link JournalIndex} and the
 * {@link Segment}s, belong to the writer thread; other threads reach them only through {@link #call}.
 */
final class JournalWriter implements Runnable {

    /** Work run on the writer thread between batches. */
    interface Task<T> {
        T run() throws IOException;
    }

    abstract static class Op {
        abstract void fail(Throwable t);
    }

    /** An append. For PREPARE and COMMIT the writer fills in the transaction's count and first segment. */
    static class Append extends Op {
        final JournalRecord record;
        final boolean sync;
        final CompletableFuture<Void> future = new CompletableFuture<>();

        Append(JournalRecord record, boolean sync) {
            this.record = record;
            this.sync = sync;
        }

        @Override
        void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    /** A compaction copy, written only if the record is still what the compactor read ({@code version}, {@code base}). */
    static final class Snapshot extends Append {
        final int version;
        final long base;

        Snapshot(JournalRecord record, int version, long base) {
            super(record, false);
            this.version = version;
            this.base = base;
        }
    }

    static final class Call<T> extends Op {
        final Task<T> task;
        final boolean forceFirst;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Call(Task<T> task, boolean forceFirst) {
            this.task = task;
            this.forceFirst = forceFirst;
        }

        @Override
        void fail(Throwable t) {
            future.completeExceptionally(t);
        }

        void run() {
            try {
                future.complete(task.run());
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private ArrayDeque<Op> queue = new ArrayDeque<>();
    private boolean closing;
    private volatile IOException failure;

    private final Path dir;
    private final JournalIndex index;
    private final SegmentAllocator allocator;
    private final int segmentSize;
    private final Runnable onRoll;
    private Segment current;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private final List<Append> pending = new ArrayList<>();
    private boolean pendingSync;
    private long pendingStart = -1;
    private long attemptEnd;
    private boolean unforced;
    private final java.util.concurrent.atomic.LongAdder forces = new java.util.concurrent.atomic.LongAdder();

    JournalWriter(Path dir, JournalIndex index, SegmentAllocator allocator, int segmentSize, Runnable onRoll) {
        this.dir = dir;
        this.index = index;
        this.allocator = allocator;
        this.segmentSize = segmentSize;
        this.onRoll = onRoll;
        this.current = index.segments.lastEntry().getValue();
    }

    /**
     * Starts preallocating the next segment in the background. Called once replay is done, so the 32 MiB
     * of zeros do not compete with it; a roll before that creates the segment on the spot. Writer thread.
     */
    void prepareSpare() {
        requireWriterThread();
        allocator.prepare(current.seq + 1);
    }

    /** Queues an operation. Thread-safe. Fails the operation at once if the journal failed or is closing. */
    void submit(Op op) {
        lock.lock();
        try {
            if (failure != null) {
                op.fail(failure);
                return;
            }
            if (closing) {
                op.fail(new IllegalStateException("the journal in " + dir + " is closed; open it again to append"));
                return;
            }
            queue.add(op);
            if (queue.size() == 1) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code task} on the writer thread after every operation queued before it was written. Thread-safe. */
    <T> CompletableFuture<T> call(Task<T> task, boolean forceFirst) {
        Call<T> c = new Call<>(task, forceFirst);
        submit(c);
        return c.future;
    }

    /** The failure that stopped the writer, or null. Thread-safe. */
    IOException failure() {
        return failure;
    }

    /** Asks the thread to write what is queued, force, close the segment files and end. Thread-safe. */
    void shutdown() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private volatile Thread thread;

    /**
     * Fails fast when state owned by the writer thread is touched from another thread (checked always, not
     * only under -ea: a violation would corrupt the index silently).
     */
    void requireWriterThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("bug: journal state touched from " + Thread.currentThread().getName()
                    + "; only the writer thread may do that");
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (true) {
                ArrayDeque<Op> batch;
                boolean last;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closing) {
                        work.awaitUninterruptibly();
                    }
                    batch = queue;
                    queue = new ArrayDeque<>();
                    last = closing && batch.isEmpty();
                } finally {
                    lock.unlock();
                }
                if (last) {
                    break;
                }
                process(batch);
                if (failure != null) {
                    break;
                }
            }
            if (failure == null) {
                flush();
                if (unforced) {
                    forceCurrent();
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new IOException("journal writer stopped by a bug: " + e, e));
        } finally {
            closeFiles();
        }
    }

    private void process(ArrayDeque<Op> batch) {
        for (Op op : batch) {
            if (failure != null) {
                op.fail(failure);
                continue;
            }
            try {
                if (op instanceof Call<?> c) {
                    flush();
                    if (c.forceFirst && unforced) {
                        forceCurrent();
                        unforced = false;
                    }
                    c.run();
                } else {
                    encode((Append) op);
                }
            } catch (IOException e) {
                fail(e);
                op.fail(failure); // the operation being handled is in neither the queue nor the pending list
            }
        }
        if (failure == null) {
            try {
                flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void encode(Append op) throws IOException {
        requireWriterThread();
        JournalRecord r = op.record;
        if (op instanceof Snapshot s) {
            JournalIndex.Entry e = index.live.get(r.recordId());
            if (e == null || e.version != s.version || e.base != s.base) {
                op.future.complete(null);
                return;
            }
        } else if (r.type() == RecordType.PREPARE) {
            r = JournalRecord.prepare(r.txId(), index.txCount(r.txId()), index.txFirstSegment(r.txId()), r.payload());
        } else if (r.type() == RecordType.COMMIT) {
            r = JournalRecord.commit(r.txId(), index.txCount(r.txId()), index.txFirstSegment(r.txId()));
        }
        String problem = index.check(r);
        if (problem != null) {
            op.future.completeExceptionally(new IllegalStateException(problem));
            return;
        }
        int size = RecordCodec.encodedSize(r);
        if (size > segmentSize - RecordCodec.HEADER_SIZE) {
            op.future.completeExceptionally(new IllegalArgumentException("a " + r.type() + " record of " + size
                    + " bytes does not fit in a segment of " + segmentSize + " bytes"));
            return;
        }
        if (current.writePosition + buffer.position() + size > segmentSize) {
            roll();
        }
        if (size > buffer.remaining()) {
            writeBuffered();
            if (size > buffer.capacity()) {
                buffer = ByteBuffer.allocateDirect(size);
            }
        }
        long offset = current.writePosition + buffer.position();
        if (pendingStart < 0) {
            pendingStart = offset;
        }
        RecordCodec.encode(r, current.seq, buffer);
        try {
            index.apply(r, Segment.location(current.seq, offset));
        } catch (ImpossibleRecordException e) {
            throw new IllegalStateException("bug: record passed check() but cannot be applied: " + e.getMessage(), e);
        }
        pending.add(op);
        pendingSync |= op.sync;
    }

    private void writeBuffered() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        attemptEnd = current.writePosition + buffer.remaining();
        current.file.write(buffer, current.writePosition);
        current.writePosition = attemptEnd;
        buffer.clear();
        unforced = true;
    }

    /** Forces the current segment; counted for {@link #forces()}. */
    private void forceCurrent() throws IOException {
        current.file.force();
        forces.increment();
    }

    /** How many times this writer has forced a segment (group commits, rolls, close). Thread-safe. */
    long forces() {
        return forces.sum();
    }

    /** Writes what is buffered, forces if any pending append is sync, completes the pending appends. */
    private void flush() throws IOException {
        writeBuffered();
        if (pendingSync) {
            forceCurrent();
            unforced = false;
        }
        completePending();
    }

    private void completePending() {
        for (Append a : pending) {
            a.future.complete(null);
        }
        pending.clear();
        pendingSync = false;
        pendingStart = -1;
    }

    /** The current segment is full: make it durable, complete its appends, move to the next segment. */
    private void roll() throws IOException {
        writeBuffered();
        forceCurrent();
        unforced = false;
        completePending();
        Segment next = allocator.take(current.seq + 1);
        index.segments.put(next.seq, next);
        current = next;
        allocator.prepare(next.seq + 1);
        onRoll.run();
    }

    Segment current() {
        return current;
    }

    private void fail(IOException cause) {
        IOException f = new IOException("journal in " + dir + " failed: " + cause.getMessage() + ". Appends that were "
                + "not acknowledged failed and the journal accepts no more; close it and open it again to recover.", cause);
        if (pendingStart >= 0) {
            try {
                SegmentAllocator.zeroFill(current.file, pendingStart, Math.max(attemptEnd, current.writePosition));
                forceCurrent();
            } catch (IOException | RuntimeException e) {
                f.addSuppressed(new IOException("could not erase the unacknowledged bytes " + pendingStart + ".."
                        + Math.max(attemptEnd, current.writePosition) + " of " + current.file.path()
                        + "; those records may reappear on reopen", e));
            }
        }
        ArrayDeque<Op> rest;
        lock.lock();
        try {
            failure = f;
            rest = queue;
            queue = new ArrayDeque<>();
        } finally {
            lock.unlock();
        }
        for (Append a : pending) {
            a.fail(f);
        }
        pending.clear();
        for (Op op : rest) {
            op.fail(f);
        }
    }

    private void closeFiles() {
        for (Segment s : index.segments.values()) {
            try {
                s.file.close();
            } catch (IOException ignored) {
                // data was forced before; nothing useful to do
            }
        }
        allocator.close();
        ArrayDeque<Op> rest;
        lock.lock();
        try {
            closing = true;
            rest = queue;
            queue = new ArrayDeque<>();
        } finally {
            lock.unlock();
        }
        IOException f = failure;
        for (Op op : rest) {
            op.fail(f != null ? f : new IllegalStateException("the journal in " + dir + " is closed"));
        }
    }
}
