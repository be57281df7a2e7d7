package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.payload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Journal#read}: live records come back by id, as replay gives them, while compaction moves them. */
@Timeout(120)
class LiveReadTest {
    @TempDir
    Path dir;

    private static void assertRecord(LiveRecord r, long id, int size, int updates) {
        assertNotNull(r, "record " + id);
        assertEquals(id, r.recordId());
        assertEquals((byte) 3, r.userType());
        assertArrayEquals(payload(id, size), r.payload(), "payload of " + id);
        assertEquals(updates, r.updates().size(), "updates of " + id);
        for (int u = 0; u < updates; u++) {
            assertArrayEquals(payload(id + 1000 * (u + 1), 8), r.updates().get(u), "update " + u + " of " + id);
        }
    }

    @Test
    @DisplayName("payload and updates come back by id; deleted, never added and uncommitted ids read as null")
    void readsLiveRecordsAndNullForTheRest() throws Exception {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).open()) {
            j.load(new Collector());
            for (long id = 1; id <= 5; id++) {
                await(j.appendAdd(id, (byte) 3, payload(id, 100), false));
            }
            await(j.appendUpdate(2, payload(2 + 1000, 8), false));
            await(j.appendUpdate(2, payload(2 + 2000, 8), false));
            await(j.appendDelete(4, false));
            j.appendAddTx(77, 6, (byte) 3, payload(6, 100));
            List<LiveRecord> got = j.read(new long[] {2, 1, 4, 99, 6, 5});
            assertRecord(got.get(0), 2, 100, 2);
            assertRecord(got.get(1), 1, 100, 0);
            assertNull(got.get(2), "deleted");
            assertNull(got.get(3), "never added");
            assertNull(got.get(4), "added by a transaction that has not committed");
            assertRecord(got.get(5), 5, 100, 0);
            await(j.appendCommit(77, true));
            assertRecord(j.read(new long[] {6}).get(0), 6, 100, 0);
        }
    }

    @Test
    @DisplayName("records read while compaction copies them forward and deletes their segments come back right every time")
    void readsWhileCompactionMovesRecords() throws Exception {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).compactThreshold(0.9).open()) {
            j.load(new Collector());
            int count = 3000;
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            List<Long> kept = new ArrayList<>();
            for (long id = 0; id < count; id++) {
                writes.add(j.appendAdd(id, (byte) 3, payload(id, 300), false));
                if (id % 10 == 0) {
                    kept.add(id);
                    writes.add(j.appendUpdate(id, payload(id + 1000, 8), false));
                } else {
                    writes.add(j.appendDelete(id, false));
                }
            }
            writes.forEach(JournalTestSupport::await);
            await(j.appendAdd(-1, (byte) 3, new byte[0], true));
            long[] ids = kept.stream().mapToLong(Long::longValue).toArray();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        List<LiveRecord> got = j.read(ids);
                        for (int i = 0; i < ids.length; i++) {
                            assertRecord(got.get(i), ids[i], 300, 1);
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            reader.start();
            int segmentsBefore = j.segmentStats().size();
            for (int round = 0; round < 5 && failure.get() == null; round++) {
                await(j.compact());
                // more traffic so the next round has segments to move again
                for (long id = 0; id < 200; id++) {
                    await(j.appendAdd(100_000 + round * 1000 + id, (byte) 3, payload(id, 300), false));
                    await(j.appendDelete(100_000 + round * 1000 + id, false));
                }
            }
            stop.set(true);
            reader.join();
            if (failure.get() != null) {
                throw new AssertionError("a read during compaction failed", failure.get());
            }
            assertTrue(reads.get() > 0, "the reader read at least once");
            assertTrue(segmentsBefore > 2, "the records were spread over " + segmentsBefore + " segments");
            List<LiveRecord> after = j.read(ids);
            for (int i = 0; i < ids.length; i++) {
                assertRecord(after.get(i), ids[i], 300, 1);
            }
        }
    }

    @Test
    @DisplayName("a record moved and its segment deleted between lookup and read is read again where it went")
    void aRecordMovedBetweenLookupAndReadIsFoundWhereItWent() throws Exception {
        // no background compaction: only the round the hook asks for moves record 1, right after its lookup
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).autoCompact(false).open()) {
            j.load(new Collector());
            await(j.appendAdd(1, (byte) 3, payload(1, 300), false));
            await(j.appendUpdate(1, payload(1 + 1000, 8), false));
            for (long id = 2; id < 400; id++) { // fill a few segments, so record 1's segment is not the current one
                await(j.appendAdd(id, (byte) 3, payload(id, 300), false));
                await(j.appendDelete(id, false));
            }
            await(j.appendAdd(-1, (byte) 3, new byte[0], true));
            long firstSegment = j.segmentStats().get(0).sequence();
            j.liveReads().afterLocate = () -> JournalTestSupport.await(j.compact());
            LiveRecord r = j.read(new long[] {1}).get(0);
            j.liveReads().afterLocate = null;
            assertRecord(r, 1, 300, 1);
            assertTrue(j.segmentStats().get(0).sequence() > firstSegment, "compaction deleted the segment the lookup named: "
                    + j.segmentStats());
            assertEquals(1, j.liveReads().rereads.get(), "the read found the old place gone and read again");
        }
    }

    @Test
    @DisplayName("read before load or after close is refused with IllegalStateException")
    void readNeedsAnOpenLoadedJournal() throws Exception {
        Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).open();
        assertThrows(IllegalStateException.class, () -> j.read(new long[] {1}));
        j.load(new Collector());
        assertEquals(1, j.read(new long[] {1}).size());
        j.close();
        assertThrows(IllegalStateException.class, () -> j.read(new long[] {1}));
    }
}
