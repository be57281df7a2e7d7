package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal holds a record that is damaged or impossible somewhere other than the torn tail a crash
 * leaves behind. The journal refuses to open; nothing has been changed on disk. Carries the file, the
 * offset of the record and its type (when it could be read) and a stable {@link #code()} operators can
 * search for.
 */
public final class JournalCorruptedException extends IOException {

    /** A segment file's header is unreadable, of another version, or names another sequence. */
    public static final String BAD_HEADER = "TALLY-J001";
    /** A record's frame (length, type, stamp, CRC32C) is broken and it is not the torn tail of the newest segment. */
    public static final String BAD_RECORD = "TALLY-J002";
    /** A PREPARE or COMMIT counts a different number of records than the log holds for its transaction. */
    public static final String TX_COUNT_MISMATCH = "TALLY-J003";
    /** The sequence numbers of the segment files have a gap: a file is missing. */
    public static final String MISSING_SEGMENT = "TALLY-J004";
    /** Records are well formed but their order is impossible (e.g. an ADD of a record id that is live). */
    public static final String IMPOSSIBLE_SEQUENCE = "TALLY-J005";

    private final Path file;
    private final long offset;
    private final String recordType;
    private final String code;

    JournalCorruptedException(String code, Path file, long offset, String recordType, String detail) {
        super(code + ": journal file " + file + " at offset " + offset + " (record type " + recordType + "): "
                + detail + ". The journal was not opened and nothing was changed. Inspect it with "
                + "'journal verify " + (file.getParent() == null ? "." : file.getParent()) + "'; to open it anyway, "
                + "dropping this record and everything after it, open with repair(true) (back the directory up first).");
        this.file = file;
        this.offset = offset;
        this.recordType = recordType;
        this.code = code;
    }

    /** The segment file holding the bad record. */
    public Path file() {
        return file;
    }

    /** Byte offset of the bad record (or header) in {@link #file()}. */
    public long offset() {
        return offset;
    }

    /** The record's type name, or {@code "unknown"} / {@code "header"} when it could not be read. */
    public String recordType() {
        return recordType;
    }

    /** Stable error code, one of the constants of this class. */
    public String code() {
        return code;
    }
}
