package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Creates segment files: {@code tally-<seq>.jnl.tmp} is written (header, then zeros to the segment size),
 * forced, and renamed to {@code tally-<seq>.jnl}; the directory is forced. So every {@code .jnl} file has a
 * durable header and zeroed space, and a crash mid-creation leaves only a {@code .tmp} file, which open
 * deletes. Keeps one spare segment ready in the background so the writer rarely waits at a roll.
 *
 * <p>Threading: {@link #prepare} and {@link #take} are called by the writer thread only ({@link #create} also by
 * the opening thread before the writer exists); creation runs on the allocator thread.
 */
final class SegmentAllocator implements AutoCloseable {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

    private final Path dir;
    private final JournalIo io;
    private final int segmentSize;
    private final ExecutorService executor;
    private CompletableFuture<Segment> spare;
    private long spareSeq = -1;

    SegmentAllocator(Path dir, JournalIo io, int segmentSize) {
        this.dir = dir;
        this.io = io;
        this.segmentSize = segmentSize;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tally-journal-allocator " + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts creating segment {@code seq} in the background. */
    void prepare(long seq) {
        if (spare != null && spareSeq == seq) {
            return; // already being prepared
        }
        spareSeq = seq;
        spare = CompletableFuture.supplyAsync(() -> {
            try {
                return create(seq);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, executor);
    }

    /** Segment {@code seq}: the prepared spare if it is that one, else created now. */
    Segment take(long seq) throws IOException {
        if (spare != null && spareSeq == seq) {
            CompletableFuture<Segment> f = spare;
            spare = null;
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for segment " + seq + " to be created");
            } catch (ExecutionException e) {
                Throwable c = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
                throw new IOException("could not create journal segment " + RecordCodec.fileName(seq) + " in " + dir
                        + ": " + c.getMessage() + " (is the disk full?)", c);
            }
        }
        return create(seq);
    }

    /** Creates segment {@code seq} now, on the calling thread. */
    Segment create(long seq) throws IOException {
        Path tmp = dir.resolve(RecordCodec.fileName(seq) + ".tmp");
        Path target = dir.resolve(RecordCodec.fileName(seq));
        io.delete(tmp);
        try (SegmentFile f = io.create(tmp)) {
            f.write(RecordCodec.encodeHeader(seq), 0);
            zeroFill(f, RecordCodec.HEADER_SIZE, segmentSize);
            f.force();
        }
        io.rename(tmp, target);
        io.forceDirectory(dir);
        return new Segment(seq, io.open(target));
    }

    /** Writes zeros over {@code [from, to)}. */
    static void zeroFill(SegmentFile f, long from, long to) throws IOException {
        long pos = from;
        while (pos < to) {
            ByteBuffer z = ZEROS.duplicate();
            z.clear().limit((int) Math.min(z.capacity(), to - pos));
            int n = z.remaining();
            f.write(z, pos);
            pos += n;
        }
    }

    /** Lets a creation in progress finish and stops the thread, so no file changes after close returns. */
    @Override
    public void close() {
        executor.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<Segment> f = spare;
        spare = null;
        if (f != null) {
            f.thenAccept(s -> {
                try {
                    s.file.close();
                } catch (IOException ignored) {
                    // the spare stays on disk as an empty segment; open adopts it
                }
            });
        }
    }
}
