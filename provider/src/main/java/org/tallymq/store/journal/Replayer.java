package org.tallymq.store.journal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Second replay pass: delivers the live state the index describes, reading payloads by location. Records
 * go out in the order of their base location; their updates are read from wherever they lie.
 *
 * <p>Runs on the caller of {@link Journal#load}, while nothing else changes the index.
 */
final class Replayer {
    private Replayer() {
    }

    static LoadSummary deliver(JournalIndex index, ReplayHandler handler) throws IOException {
        List<JournalIndex.Entry> entries = index.live.values();
        entries.sort(Comparator.comparingLong(e -> e.base));
        RecordReader bases = new RecordReader(index.segments);
        RecordReader others = new RecordReader(index.segments);
        for (JournalIndex.Entry e : entries) {
            JournalRecord base = bases.read(e.base);
            List<byte[]> updates = new ArrayList<>(base.updates().size() + e.updateCount);
            updates.addAll(base.updates());
            for (int i = 0; i < e.updateCount; i++) {
                updates.add(others.read(e.updates[i]).payload());
            }
            handler.onRecord(new LiveRecord(e.id, e.userType, base.payload(), updates));
        }
        int prepared = 0;
        for (JournalIndex.Tx tx : index.txs.values()) {
            if (!tx.prepared) {
                continue;
            }
            List<JournalRecord> records = new ArrayList<>(tx.ops.size());
            for (JournalIndex.TxOp op : tx.ops) {
                records.add(others.read(op.location()));
            }
            byte[] xid = others.read(tx.prepareLocation).payload();
            handler.onPrepared(new PreparedTransaction(tx.txId, xid, records));
            prepared++;
        }
        return new LoadSummary(entries.size(), prepared, index.maxRecordId, index.maxTxId);
    }
}
