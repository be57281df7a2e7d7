package org.tallymq.store.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test handler: keeps what load delivers and fails on a record delivered twice. */
final class Collector implements ReplayHandler {
    final Map<Long, LiveRecord> records = new LinkedHashMap<>();
    final List<PreparedTransaction> prepared = new ArrayList<>();

    @Override
    public void onRecord(LiveRecord record) {
        if (records.put(record.recordId(), record) != null) {
            throw new AssertionError("record " + record.recordId() + " delivered twice");
        }
    }

    @Override
    public void onPrepared(PreparedTransaction transaction) {
        prepared.add(transaction);
    }
}
