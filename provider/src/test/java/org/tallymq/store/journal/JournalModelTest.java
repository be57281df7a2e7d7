package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test: random operations (plain and transactional adds, updates, deletes, prepares, commits,
 * rollbacks) against a simple in-memory model, with compaction forced and the journal reopened at random
 * points. After every reopen the replayed state must equal the model exactly.
 */
class JournalModelTest {
    @TempDir
    Path dir;

    private record Rec(byte userType, byte[] payload, List<byte[]> updates) {
    }

    private record Op(RecordType type, long id, byte userType, byte[] payload) {
    }

    private final Map<Long, Rec> model = new TreeMap<>();
    private final Map<Long, List<Op>> openTxs = new LinkedHashMap<>();
    private final Map<Long, List<Op>> preparedTxs = new LinkedHashMap<>();
    private final Map<Long, byte[]> xids = new HashMap<>();
    private long nextId = 1;
    private long nextTx = 1;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    @DisplayName("random operations with compaction and reopen replay exactly the model")
    void randomOperations(long seed) throws IOException {
        Random rnd = new Random(seed);
        Journal j = openAndCheck();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int step = 0; step < 2500; step++) {
            int dice = rnd.nextInt(100);
            boolean sync = rnd.nextInt(10) == 0;
            if (dice < 30 || model.isEmpty()) {
                long id = nextId++;
                byte[] p = bytes(rnd);
                byte ut = (byte) rnd.nextInt(256);
                inFlight.add(j.appendAdd(id, ut, p, sync));
                model.put(id, new Rec(ut, p, new ArrayList<>()));
            } else if (dice < 45) {
                long id = pick(rnd);
                byte[] p = bytes(rnd);
                inFlight.add(j.appendUpdate(id, p, sync));
                model.get(id).updates().add(p);
            } else if (dice < 65) {
                long id = pick(rnd);
                inFlight.add(j.appendDelete(id, sync));
                model.remove(id);
            } else if (dice < 80) {
                long tx = openTxs.isEmpty() || rnd.nextInt(3) == 0 ? nextTx++ : List.copyOf(openTxs.keySet()).get(rnd.nextInt(openTxs.size()));
                List<Op> ops = openTxs.computeIfAbsent(tx, t -> new ArrayList<>());
                int kind = rnd.nextInt(3);
                if (kind == 0 || model.isEmpty()) {
                    long id = nextId++;
                    byte[] p = bytes(rnd);
                    byte ut = (byte) rnd.nextInt(256);
                    inFlight.add(j.appendAddTx(tx, id, ut, p));
                    ops.add(new Op(RecordType.TX_ADD, id, ut, p));
                } else if (kind == 1) {
                    long id = pick(rnd);
                    byte[] p = bytes(rnd);
                    inFlight.add(j.appendUpdateTx(tx, id, p));
                    ops.add(new Op(RecordType.TX_UPDATE, id, (byte) 0, p));
                } else {
                    long id = pick(rnd);
                    inFlight.add(j.appendDeleteTx(tx, id));
                    ops.add(new Op(RecordType.TX_DELETE, id, (byte) 0, JournalRecord.EMPTY));
                }
            } else if (dice < 88 && !openTxs.isEmpty()) {
                long tx = openTxs.keySet().iterator().next();
                List<Op> ops = openTxs.remove(tx);
                int end = rnd.nextInt(3);
                if (end == 0) {
                    inFlight.add(j.appendCommit(tx, sync));
                    commit(ops);
                } else if (end == 1) {
                    inFlight.add(j.appendRollback(tx, sync));
                } else {
                    byte[] xid = bytes(rnd);
                    inFlight.add(j.appendPrepare(tx, xid));
                    preparedTxs.put(tx, ops);
                    xids.put(tx, xid);
                }
            } else if (dice < 92 && !preparedTxs.isEmpty()) {
                long tx = preparedTxs.keySet().iterator().next();
                List<Op> ops = preparedTxs.remove(tx);
                if (rnd.nextBoolean()) {
                    inFlight.add(j.appendCommit(tx, sync));
                    commit(ops);
                } else {
                    inFlight.add(j.appendRollback(tx, sync));
                }
            } else if (dice < 95) {
                inFlight.forEach(JournalTestSupport::await);
                inFlight.clear();
                await(j.compact());
            } else if (dice < 97) {
                inFlight.forEach(JournalTestSupport::await);
                inFlight.clear();
                j.close();
                openTxs.clear(); // rolled back at open
                j = openAndCheck();
            }
        }
        inFlight.forEach(JournalTestSupport::await);
        j.close();
        openTxs.clear();
        openAndCheck().close();
    }

    private void commit(List<Op> ops) {
        for (Op op : ops) {
            switch (op.type()) {
                case TX_ADD -> model.put(op.id(), new Rec(op.userType(), op.payload(), new ArrayList<>()));
                case TX_UPDATE -> {
                    Rec r = model.get(op.id());
                    if (r != null) {
                        r.updates().add(op.payload());
                    }
                }
                case TX_DELETE -> model.remove(op.id());
                default -> throw new AssertionError(op);
            }
        }
    }

    private long pick(Random rnd) {
        List<Long> ids = List.copyOf(model.keySet());
        return ids.get(rnd.nextInt(ids.size()));
    }

    private static byte[] bytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(8) == 0 ? rnd.nextInt(3000) : rnd.nextInt(50)];
        rnd.nextBytes(b);
        return b;
    }

    private Journal openAndCheck() throws IOException {
        Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).open();
        Collector c = new Collector();
        j.load(c);
        assertEquals(model.keySet(), new TreeMap<>(c.records).keySet());
        for (Map.Entry<Long, Rec> e : model.entrySet()) {
            LiveRecord got = c.records.get(e.getKey());
            Rec want = e.getValue();
            assertEquals(want.userType(), got.userType(), "userType of " + e.getKey());
            assertArrayEquals(want.payload(), got.payload(), "payload of " + e.getKey());
            assertEquals(want.updates().size(), got.updates().size(), "updates of " + e.getKey());
            for (int i = 0; i < want.updates().size(); i++) {
                assertArrayEquals(want.updates().get(i), got.updates().get(i), "update " + i + " of " + e.getKey());
            }
        }
        assertEquals(preparedTxs.keySet(), c.prepared.stream().map(PreparedTransaction::txId)
                .collect(java.util.stream.Collectors.toSet()));
        for (PreparedTransaction p : c.prepared) {
            List<Op> ops = preparedTxs.get(p.txId());
            assertArrayEquals(xids.get(p.txId()), p.xid());
            assertEquals(ops.size(), p.records().size());
            for (int i = 0; i < ops.size(); i++) {
                assertEquals(ops.get(i).type(), p.records().get(i).type());
                assertEquals(ops.get(i).id(), p.records().get(i).recordId());
                assertArrayEquals(ops.get(i).payload(), p.records().get(i).payload());
            }
        }
        return j;
    }
}
