package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.failureOf;
import static org.tallymq.store.journal.JournalTestSupport.payload;
import static org.tallymq.store.journal.JournalTestSupport.reopen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private Journal open() throws IOException {
        return Journal.builder(dir).segmentSize(SMALL_SEGMENT).open();
    }

    private Journal openLoaded() throws IOException {
        Journal j = open();
        j.load(new Collector());
        return j;
    }

    @Test
    @DisplayName("ADD, UPDATE, DELETE survive reopen: live records with their updates in order, deleted ones gone")
    void addUpdateDelete() throws IOException {
        try (Journal j = openLoaded()) {
            await(j.appendAdd(1, (byte) 1, payload(1, 100), false));
            await(j.appendAdd(2, (byte) 2, payload(2, 0), false));
            await(j.appendAdd(3, (byte) 3, payload(3, 5), true));
            await(j.appendUpdate(1, new byte[] {9}, false));
            await(j.appendUpdate(1, new byte[] {8, 8}, false));
            await(j.appendDelete(2, true));
        }
        Collector c = reopen(dir);
        assertEquals(List.of(1L, 3L), List.copyOf(c.records.keySet()));
        LiveRecord r1 = c.records.get(1L);
        assertEquals(1, r1.userType());
        assertArrayEquals(payload(1, 100), r1.payload());
        assertEquals(2, r1.updates().size());
        assertArrayEquals(new byte[] {9}, r1.updates().get(0));
        assertArrayEquals(new byte[] {8, 8}, r1.updates().get(1));
        assertEquals(0, c.records.get(3L).updates().size());
    }

    @Test
    @DisplayName("forces() counts the forces: a forced append adds one, an unforced one adds none")
    void forcesAreCounted() throws IOException {
        try (Journal j = openLoaded()) {
            long before = j.forces();
            await(j.appendAdd(1, (byte) 1, payload(1, 10), false));
            assertEquals(before, j.forces(), "an unforced append is written, not forced");
            await(j.appendAdd(2, (byte) 1, payload(2, 10), true));
            assertEquals(before + 1, j.forces(), "a lone forced append is one force (the earlier one rides along)");
        }
    }

    @Test
    @DisplayName("a committed transaction takes effect as a whole; a rolled-back one leaves no trace")
    void commitAndRollback() throws IOException {
        try (Journal j = openLoaded()) {
            await(j.appendAdd(1, (byte) 1, payload(1, 10), true));
            j.appendAddTx(10, 2, (byte) 2, payload(2, 10));
            j.appendUpdateTx(10, 1, new byte[] {1});
            j.appendUpdateTx(10, 2, new byte[] {2});
            await(j.appendCommit(10, true));
            j.appendAddTx(11, 3, (byte) 3, payload(3, 10));
            j.appendDeleteTx(11, 1);
            await(j.appendRollback(11, true));
            j.appendDeleteTx(12, 2);
            await(j.appendCommit(12, true));
        }
        Collector c = reopen(dir);
        assertEquals(List.of(1L), List.copyOf(c.records.keySet()));
        assertArrayEquals(new byte[] {1}, c.records.get(1L).updates().get(0));
        assertTrue(c.prepared.isEmpty());
    }

    @Test
    @DisplayName("a transaction without COMMIT/PREPARE is rolled back at open (and a ROLLBACK written); its id may be reused")
    void incompleteRolledBack() throws IOException {
        try (Journal j = openLoaded()) {
            j.appendAddTx(5, 1, (byte) 1, payload(1, 10));
            await(j.appendAddTx(5, 2, (byte) 1, payload(2, 10)));
            await(j.appendAdd(3, (byte) 1, payload(3, 10), true));
        }
        try (Journal j = open()) {
            assertEquals(List.of(5L), j.recoveryReport().rolledBackTransactions());
            Collector c = new Collector();
            j.load(c);
            assertEquals(List.of(3L), List.copyOf(c.records.keySet()));
            j.appendAddTx(5, 4, (byte) 1, payload(4, 1));
            await(j.appendCommit(5, true));
        }
        Collector c = reopen(dir);
        // compaction may have copied record 3 forward, so it can come after 4: compare as a set
        assertEquals(java.util.Set.of(3L, 4L), c.records.keySet());
    }

    @Test
    @DisplayName("a prepared transaction survives reopen with its Xid and records, then commits after recovery")
    void preparedSurvivesReopen() throws IOException {
        byte[] xid = payload(77, 40);
        try (Journal j = openLoaded()) {
            await(j.appendAdd(1, (byte) 1, payload(1, 10), true));
            j.appendAddTx(20, 2, (byte) 4, payload(2, 10));
            j.appendDeleteTx(20, 1);
            await(j.appendPrepare(20, xid));
        }
        try (Journal j = open()) {
            Collector c = new Collector();
            LoadSummary s = j.load(c);
            assertEquals(1, s.preparedTransactions());
            assertEquals(List.of(1L), List.copyOf(c.records.keySet()), "prepared work is not yet visible");
            PreparedTransaction p = c.prepared.get(0);
            assertEquals(20, p.txId());
            assertArrayEquals(xid, p.xid());
            assertEquals(List.of(JournalRecord.txAdd(20, 2, (byte) 4, payload(2, 10)), JournalRecord.txDelete(20, 1)), p.records());
            IllegalStateException e = assertInstanceOf(IllegalStateException.class,
                    failureOf(j.appendAddTx(20, 3, (byte) 1, new byte[0])));
            assertTrue(e.getMessage().contains("prepared"), e.getMessage());
            await(j.appendCommit(20, true));
        }
        Collector c = reopen(dir);
        assertEquals(List.of(2L), List.copyOf(c.records.keySet()));
        assertTrue(c.prepared.isEmpty());
    }

    @Test
    @DisplayName("records span many segments and replay in order")
    void manySegments() throws IOException {
        try (Journal j = openLoaded()) {
            for (int i = 0; i < 500; i++) {
                j.appendAdd(i, (byte) 0, payload(i, 1000), false);
            }
            await(j.appendAdd(500, (byte) 0, payload(500, 1000), true));
            assertTrue(j.segmentStats().size() > 5, "should have rolled");
        }
        Collector c = reopen(dir);
        assertEquals(501, c.records.size());
        long expect = 0;
        for (LiveRecord r : c.records.values()) {
            assertEquals(expect, r.recordId());
            assertArrayEquals(payload(expect, 1000), r.payload());
            expect++;
        }
    }

    @Test
    @DisplayName("bad use is rejected with a message: before load, duplicate id, unknown id, null payload, too big, after close")
    void misuse() throws IOException {
        Journal j = open();
        assertTrue(assertThrows(IllegalStateException.class, () -> j.appendAdd(1, (byte) 0, new byte[0], true))
                .getMessage().contains("load()"));
        j.load(new Collector());
        assertThrows(IllegalStateException.class, () -> j.load(new Collector()));
        await(j.appendAdd(1, (byte) 0, new byte[0], true));
        assertTrue(failureOf(j.appendAdd(1, (byte) 0, new byte[0], true)).getMessage().contains("already exists"));
        assertTrue(failureOf(j.appendUpdate(2, new byte[0], true)).getMessage().contains("no live record 2"));
        assertTrue(failureOf(j.appendDelete(2, true)).getMessage().contains("no live record 2"));
        assertTrue(failureOf(j.appendDeleteTx(3, 2)).getMessage().contains("no live record 2"));
        assertThrows(IllegalArgumentException.class, () -> j.appendAdd(5, (byte) 0, null, true));
        assertThrows(IllegalArgumentException.class, () -> j.appendAdd(5, (byte) 0, new byte[SMALL_SEGMENT], true));
        await(j.appendDelete(1, true));
        j.close();
        j.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> j.appendAdd(9, (byte) 0, new byte[0], true))
                .getMessage().contains("closed"));
        assertThrows(IllegalArgumentException.class, () -> Journal.builder(dir).segmentSize(10));
        assertThrows(IllegalArgumentException.class, () -> Journal.builder(null));
    }

    @Test
    @DisplayName("segment stats show live and dead records and the open transaction that pins a segment")
    void stats() throws IOException {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).autoCompact(false).open()) {
            j.load(new Collector());
            j.appendAddTx(99, 1000, (byte) 0, payload(1, 10));
            for (int i = 0; i < 200; i++) {
                j.appendAdd(i, (byte) 0, payload(i, 1000), false);
                if (i % 2 == 0) {
                    j.appendDelete(i, false);
                }
            }
            await(j.appendAdd(5000, (byte) 0, new byte[0], true));
            List<SegmentStats> stats = j.segmentStats();
            SegmentStats first = stats.get(0);
            assertEquals(List.of(99L), first.openTransactions());
            assertTrue(first.heldBy().contains("open transactions [99]"), first.heldBy());
            assertTrue(first.liveRecords() > 0 && first.deadRecords() > 0, first.toString());
            assertTrue(stats.get(stats.size() - 1).current());
            assertFalse(stats.get(1).current());
            await(j.appendRollback(99, true));
            await(j.compact());
            List<SegmentStats> after = j.segmentStats();
            assertTrue(after.get(0).sequence() > first.sequence(), "head reclaimed after the rollback: " + after);
        }
        Collector c = reopen(dir);
        assertEquals(101, c.records.size());
        assertFalse(c.records.containsKey(1000L));
    }
}
