package org.tallymq.store.journal;

import java.io.IOException;
import java.util.ArrayList;
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
        RecordReader others = new RecordReader(index.segments);
        long delivered = 0;
        // bases are found by scanning the segments in order (sequential reads, no sort of the live set)
        for (Segment seg : index.segments.values()) {
            SegmentScanner scanner = new SegmentScanner(seg.file, true);
            scanner.readHeader();
            while (scanner.offset() < seg.writePosition && scanner.next()) {
                JournalRecord base = scanner.record();
                RecordType t = base.type();
                if (t != RecordType.ADD && t != RecordType.TX_ADD && t != RecordType.SNAPSHOT) {
                    continue;
                }
                JournalIndex.Entry e = index.live.get(base.recordId());
                if (e == null || e.base != Segment.location(seg.seq, scanner.offset())) {
                    continue;
                }
                List<byte[]> updates = new ArrayList<>(base.updates().size() + e.updateCount);
                updates.addAll(base.updates());
                for (int i = 0; i < e.updateCount; i++) {
                    updates.add(others.read(e.updates[i]).payload());
                }
                handler.onRecord(new LiveRecord(e.id, e.userType, base.payload(), updates));
                delivered++;
            }
        }
        if (delivered != index.live.size()) {
            throw new IOException("bug: replay delivered " + delivered + " records but the index holds " + index.live.size());
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
        return new LoadSummary(delivered, prepared, index.maxRecordId, index.maxTxId);
    }
}
