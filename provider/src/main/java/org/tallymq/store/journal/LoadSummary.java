package org.tallymq.store.journal;

/**
 * What {@link Journal#load(ReplayHandler)} delivered.
 *
 * @param liveRecords          records delivered to {@link ReplayHandler#onRecord}
 * @param preparedTransactions transactions delivered to {@link ReplayHandler#onPrepared}
 * @param maxRecordId          highest record id the log has ever held (-1 if none): new ids should be higher
 * @param maxTxId              highest transaction id in the log (-1 if none): new ids should be higher
 */
public record LoadSummary(long liveRecords, int preparedTransactions, long maxRecordId, long maxTxId) {
}
