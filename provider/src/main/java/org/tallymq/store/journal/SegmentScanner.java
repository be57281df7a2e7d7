package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one segment file front to back: the header, then record after record until the end of the data
 * (a zero length) or a frame that does not decode. Does not decide whether a bad frame is a torn tail or
 * corruption; {@link #validRecordAfter(long)} gives the evidence for that decision.
 *
 * <p>Not thread-safe; one scanner per thread. Reads through a window buffer, so a record is only allocated
 * (when payloads are asked for) after its length was checked against the bytes left in the file.
 */
final class SegmentScanner {
    private static final int WINDOW = 1 << 20;

    private final SegmentFile file;
    private final long fileSize;
    private final boolean withPayload;
    private ByteBuffer window = ByteBuffer.allocate(WINDOW);
    private long windowStart;
    private int windowLength;

    private long seq;
    private long position;
    private JournalRecord record;
    private long recordOffset;
    private int recordLength;
    private BadRecordException bad;

    SegmentScanner(SegmentFile file, boolean withPayload) throws IOException {
        this.file = file;
        this.fileSize = file.size();
        this.withPayload = withPayload;
    }

    /** Reads and checks the header; returns the segment sequence. */
    long readHeader() throws IOException {
        int n = fill(0, RecordCodec.HEADER_SIZE);
        seq = RecordCodec.decodeHeader(window.duplicate().position(0), n, file.path());
        position = RecordCodec.HEADER_SIZE;
        return seq;
    }

    /**
     * Advances to the next record.
     *
     * @return true if a record was read ({@link #record()}, {@link #offset()}); false at the end of the data
     *         ({@link #bad()} null) or at a frame that does not decode ({@link #bad()} says why)
     */
    boolean next() throws IOException {
        record = null;
        long available = fileSize - position;
        if (available <= 0) {
            return false;
        }
        int head = (int) Math.min(4, available);
        int rel = ensure(position, head);
        int length = head == 4 ? window.getInt(rel) : 0;
        if (length >= RecordCodec.RECORD_OVERHEAD && length <= available) {
            rel = ensure(position, length);
        } else if (available >= 5) {
            rel = ensure(position, 5);
        }
        try {
            JournalRecord r = RecordCodec.decode(window, rel, available, seq, withPayload);
            if (r == null) {
                return false;
            }
            record = r;
            recordOffset = position;
            recordLength = length;
            position += length;
            return true;
        } catch (BadRecordException e) {
            bad = e;
            recordOffset = position;
            return false;
        }
    }

    JournalRecord record() {
        return record;
    }

    /** Offset of the current record, or of the bad frame / end of data after {@link #next()} returned false. */
    long offset() {
        return record == null ? position : recordOffset;
    }

    int length() {
        return recordLength;
    }

    BadRecordException bad() {
        return bad;
    }

    long fileSize() {
        return fileSize;
    }

    /**
     * True if a complete, valid record of this segment starts anywhere after {@code offset}. A frame that
     * fails with a valid record after it cannot be a torn tail (writes are sequential), so it is corruption.
     * Uses the segment stamp at record offset 5 as a cheap filter before the CRC check.
     */
    boolean validRecordAfter(long offset) throws IOException {
        long q = offset + 1;
        long lastStart = fileSize - RecordCodec.RECORD_OVERHEAD;
        byte s0 = (byte) (seq >>> 56);
        while (q <= lastStart) {
            int rel = ensure(q, (int) Math.min(window.capacity(), fileSize - q));
            int len = windowLength - rel;
            for (int i = 0; i + RecordCodec.RECORD_OVERHEAD <= len; i++) {
                if (window.get(rel + i + 5) != s0 || window.getLong(rel + i + 5) != seq) {
                    continue;
                }
                long at = q + i;
                int length = window.getInt(rel + i);
                if (length < RecordCodec.RECORD_OVERHEAD || length > fileSize - at) {
                    continue;
                }
                int r = ensure(at, length);
                try {
                    RecordCodec.decode(window, r, fileSize - at, seq, false);
                    return true;
                } catch (BadRecordException e) {
                    // not a record; keep looking
                }
                rel = ensure(q, (int) Math.min(window.capacity(), fileSize - q));
            }
            q += Math.max(1, len - RecordCodec.RECORD_OVERHEAD + 1);
        }
        return false;
    }

    /** Offset of the first non-zero byte at or after {@code from}, or -1 if the rest of the file is zero. */
    long firstNonZero(long from) throws IOException {
        long q = from;
        while (q < fileSize) {
            int rel = ensure(q, (int) Math.min(window.capacity(), fileSize - q));
            int len = windowLength - rel;
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                if (window.getLong(rel + i) != 0) {
                    break;
                }
            }
            for (; i < len; i++) {
                if (window.get(rel + i) != 0) {
                    return q + i;
                }
            }
            q += len;
        }
        return -1;
    }

    /** Makes the window hold {@code [at, at+length)}; returns the index of {@code at} in the window. */
    private int ensure(long at, int length) throws IOException {
        if (at >= windowStart && at + length <= windowStart + windowLength) {
            return (int) (at - windowStart);
        }
        if (length > window.capacity()) {
            window = ByteBuffer.allocate(length);
        }
        fill(at, (int) Math.min(window.capacity(), fileSize - at));
        return 0;
    }

    private int fill(long at, int length) throws IOException {
        window.clear().limit(length);
        int n = file.read(window, at);
        windowStart = at;
        windowLength = Math.max(n, 0);
        return windowLength;
    }
}
