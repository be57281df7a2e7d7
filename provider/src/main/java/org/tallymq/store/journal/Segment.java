package org.tallymq.store.journal;

import java.util.HashMap;
import java.util.Map;

/**
 * In-memory bookkeeping for one segment file. Owned by one thread at a time: the opening thread during
 * recovery, then the writer thread (the compactor only sees copies, see {@link SegmentStats}).
 */
final class Segment {
    final long seq;
    final SegmentFile file;
    /** End of the data: where the next record goes; every byte from here to the end of the file is zero. */
    long writePosition = RecordCodec.HEADER_SIZE;
    /** Records in the file. */
    int records;
    /** Records that hold live state: the base (ADD, committed TX_ADD, SNAPSHOT) or an update of a live record. */
    int live;
    /** Open (pending or prepared) transactions with records in this file, and how many each. */
    final Map<Long, Integer> pins = new HashMap<>();
    /** Set by the compactor when a live record cannot be copied forward (reason shown in stats), else null. */
    String stuck;

    Segment(long seq, SegmentFile file) {
        this.seq = seq;
        this.file = file;
    }

    void pin(long txId) {
        pins.merge(txId, 1, Integer::sum);
    }

    void unpin(long txId) {
        pins.remove(txId);
    }

    int pinnedRecords() {
        int n = 0;
        for (int c : pins.values()) {
            n += c;
        }
        return n;
    }

    /** Location of a record: segment sequence in the high 32 bits, offset in the low 32. */
    static long location(long seq, long offset) {
        return (seq << 32) | offset;
    }

    static long seqOf(long location) {
        return location >>> 32;
    }

    static int offsetOf(long location) {
        return (int) location;
    }

    static String describe(long location) {
        return RecordCodec.fileName(seqOf(location)) + "@" + offsetOf(location);
    }
}
