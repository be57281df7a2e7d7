package org.tallymq.store.journal;

import java.util.List;

/**
 * A transaction that was prepared and neither committed nor rolled back: it is in doubt until the caller
 * (XA recovery) appends its COMMIT or ROLLBACK. Its records (TX_ADD, TX_UPDATE, TX_DELETE, in the order
 * written) have not taken effect.
 */
public record PreparedTransaction(long txId, byte[] xid, List<JournalRecord> records) {
}
