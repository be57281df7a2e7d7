package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file-system operation of the journal, behind one small interface so tests can inject faults.
 * {@link #files()} is the real implementation over {@link java.nio.channels.FileChannel}.
 *
 * <p>Threading: implementations must be safe for use from several threads (the writer, the preallocator,
 * the compactor and the opening thread each call it).
 */
public interface JournalIo {

    /** The real file system. */
    static JournalIo files() {
        return FileJournalIo.INSTANCE;
    }

    /** Opens an existing file for reading and writing. */
    SegmentFile open(Path file) throws IOException;

    /** Opens an existing file for reading only (the tool uses this); by default the same as {@link #open}. */
    default SegmentFile openReadOnly(Path file) throws IOException {
        return open(file);
    }

    /** Creates a new file (fails if it exists) open for reading and writing. */
    SegmentFile create(Path file) throws IOException;

    /** Names (not paths) of the regular files directly in {@code dir}, in no particular order. */
    List<String> list(Path dir) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to} if it exists. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes the file if it exists. */
    void delete(Path file) throws IOException;

    /** Makes creations, renames and deletions in {@code dir} durable (fsync of the directory; a no-op where the platform cannot). */
    void forceDirectory(Path dir) throws IOException;

    /** Creates the directory (and parents) if missing. */
    void createDirectories(Path dir) throws IOException;
}
