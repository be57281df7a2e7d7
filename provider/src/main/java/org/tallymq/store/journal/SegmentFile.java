package org.tallymq.store.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * One open journal file. This and {@link JournalIo} are the only I/O the journal does, so tests can
 * wrap them to inject faults (a force that fails, a write that stops half way, a crash at a named point).
 *
 * <p>Threading: positional {@link #read} may run concurrently with {@link #write} on other regions (the
 * journal only reads bytes that a completed write put there). {@link #write}, {@link #force},
 * {@link #truncate} are called by one thread at a time (the journal's writer thread, or the opening thread
 * before the writer starts).
 */
public interface SegmentFile extends Closeable {

    /** The file this handle is open on (used in error messages). */
    Path path();

    /** Writes every remaining byte of {@code src} at {@code position}; on return {@code src} has none left. */
    void write(ByteBuffer src, long position) throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position}; returns the number read, or -1 at the end
     * of the file. May return fewer bytes than asked for only at the end of the file.
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Makes every completed write durable (content; file metadata only where the size changed). */
    void force() throws IOException;

    /** Current size of the file in bytes. */
    long size() throws IOException;

    /** Cuts the file to {@code size} bytes. */
    void truncate(long size) throws IOException;

    @Override
    void close() throws IOException;
}
