package org.tallymq.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Reads single records by location (segment, offset), checking their frame and CRC again. Used by replay
 * to fetch the payloads of live records and by the compactor. Reads ahead through a window, so reading
 * records in log order costs few system calls.
 *
 * <p>Not thread-safe; one reader per thread. Only reads bytes a completed write put on disk.
 */
final class RecordReader {
    private static final int WINDOW = 1 << 20;

    private final Map<Long, Segment> segments;
    private ByteBuffer window;
    private long windowSeq = -1;
    private long windowStart;
    private int windowLength;

    RecordReader(Map<Long, Segment> segments) {
        this(segments, WINDOW);
    }

    /** @param windowBytes bytes read ahead per system call (a record larger than that is read whole) */
    RecordReader(Map<Long, Segment> segments, int windowBytes) {
        this.segments = segments;
        this.window = ByteBuffer.allocate(windowBytes);
    }

    JournalRecord read(long location) throws IOException {
        long seq = Segment.seqOf(location);
        long offset = Segment.offsetOf(location);
        Segment seg = segments.get(seq);
        if (seg == null) {
            throw new IOException("record at " + Segment.describe(location) + " is in a segment that is no longer open");
        }
        // a record by location lies in written data: bound it by the write position, not the file size (no system call)
        long available = seg.writePosition - offset;
        int rel = ensure(seg, offset, (int) Math.min(4, available));
        int length = windowLength - rel >= 4 ? window.getInt(rel) : 0;
        if (length >= RecordCodec.RECORD_OVERHEAD && length <= available) {
            rel = ensure(seg, offset, length);
        }
        try {
            JournalRecord r = RecordCodec.decode(window, rel, available, seq, true);
            if (r == null) {
                throw new IOException("no record at " + Segment.describe(location) + " (end of data); the journal index is wrong");
            }
            return r;
        } catch (BadRecordException e) {
            throw new JournalCorruptedException(JournalCorruptedException.BAD_RECORD, seg.file.path(), offset,
                    e.recordType(), "record changed on disk after it was read at open: " + e.getMessage());
        }
    }

    private int ensure(Segment seg, long at, int length) throws IOException {
        if (seg.seq == windowSeq && at >= windowStart && at + length <= windowStart + windowLength) {
            return (int) (at - windowStart);
        }
        if (length > window.capacity()) {
            window = ByteBuffer.allocate(length);
        }
        window.clear().limit((int) Math.min(window.capacity(), Math.max(length, seg.writePosition - at)));
        int n = seg.file.read(window, at);
        windowSeq = seg.seq;
        windowStart = at;
        windowLength = Math.max(n, 0);
        return 0;
    }
}
