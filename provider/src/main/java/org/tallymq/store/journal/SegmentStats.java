package org.tallymq.store.journal;

import java.util.List;

/**
 * One segment as operators see it.
 *
 * @param sequence         segment sequence
 * @param file             file name
 * @param bytesUsed        header and records written
 * @param records          records in the file
 * @param liveRecords      records that hold live state (see {@link Journal} for the definition)
 * @param deadRecords      records that hold nothing any more
 * @param openTransactions open (pending or prepared) transactions with records here; they pin the file
 * @param current          true for the segment being written
 * @param heldBy           why the file cannot be deleted now, in words ("nothing" if it can)
 */
public record SegmentStats(long sequence, String file, long bytesUsed, int records, int liveRecords, int deadRecords,
                           List<Long> openTransactions, boolean current, String heldBy) {
}
