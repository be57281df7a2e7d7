package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.store.journal.JournalTestSupport.SMALL_SEGMENT;
import static org.tallymq.store.journal.JournalTestSupport.await;
import static org.tallymq.store.journal.JournalTestSupport.payload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reclaim and compaction keep the number of segment files bounded under steady add/delete load. */
class ReclaimTest {
    @TempDir
    Path dir;

    /** Waits (without a time bound that matters: 30 s) until background compaction brought the file count to at most {@code max}. */
    private static int settle(Path dir, int max) throws Exception {
        int n = JournalTestSupport.segmentFiles(dir).size();
        for (int i = 0; i < 3000 && n > max; i++) {
            Thread.sleep(10);
            n = JournalTestSupport.segmentFiles(dir).size();
        }
        return n;
    }

    @Test
    @DisplayName("steady add/delete with a few long-lived records: 30 MiB through 64 KiB segments, never more than a handful of files")
    void boundedUnderSteadyLoad() throws Exception {
        Set<Long> expected = new TreeSet<>();
        int maxSeen = 0;
        int rolls;
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).io(CountingIo.noSync()).open()) {
            j.load(new Collector());
            ArrayDeque<Long> window = new ArrayDeque<>();
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            long id = 0;
            for (int round = 0; round < 30; round++) {
                for (int i = 0; i < 1000; i++, id++) {
                    inFlight.add(j.appendAdd(id, (byte) 0, payload(id, 1000), false));
                    if (id % 1000 == 0) {
                        expected.add(id); // long-lived: never deleted, so compaction must copy it forward
                    } else {
                        window.add(id);
                    }
                    if (id % 7 == 0 && !window.isEmpty()) {
                        inFlight.add(j.appendUpdate(window.peekLast(), payload(id, 20), false));
                    }
                    if (window.size() > 40) {
                        inFlight.add(j.appendDelete(window.poll(), false));
                    }
                }
                await(j.appendAdd(-1 - round, (byte) 0, new byte[0], true));
                await(j.appendDelete(-1 - round, true));
                inFlight.forEach(JournalTestSupport::await);
                inFlight.clear();
                int n = settle(dir, 6);
                assertTrue(n <= 6, "segment files stayed bounded in round " + round + ": " + n + " files: " + j.segmentStats()
                        + " " + j.compactionProblem());
                maxSeen = Math.max(maxSeen, n);
            }
            expected.addAll(window);
            rolls = (int) j.segmentStats().get(j.segmentStats().size() - 1).sequence();
        }
        assertTrue(rolls > 400, "the load went through many segments: " + rolls);
        assertTrue(maxSeen <= 6, "segment files stayed bounded, max " + maxSeen + " after " + rolls + " segments");
        assertEquals(expected, new TreeSet<>(JournalTestSupport.reopen(dir).records.keySet()));
    }

    @Test
    @DisplayName("a segment pinned by an open transaction is kept (stats say why) until the transaction ends")
    void openTransactionPins() throws Exception {
        try (Journal j = Journal.builder(dir).segmentSize(SMALL_SEGMENT).io(CountingIo.noSync()).open()) {
            j.load(new Collector());
            await(j.appendAddTx(7, 1_000_000, (byte) 0, payload(7, 100)));
            for (long id = 0; id < 2000; id++) {
                j.appendAdd(id, (byte) 0, payload(id, 500), false);
                j.appendDelete(id, false);
            }
            await(j.compact());
            List<SegmentStats> stats = j.segmentStats();
            assertEquals(1, stats.get(0).sequence(), "segment 1 is kept: " + stats.get(0));
            assertEquals(List.of(7L), stats.get(0).openTransactions());
            assertTrue(stats.get(0).heldBy().contains("open transactions [7]"), stats.get(0).heldBy());
            assertTrue(stats.size() > 10, "nothing behind the pinned head is deleted (only heads are)");
            await(j.appendCommit(7, true));
            await(j.compact());
            stats = j.segmentStats();
            assertTrue(stats.size() <= 2, "after the commit the committed record was copied forward and the rest reclaimed: " + stats);
        }
        assertEquals(Set.of(1_000_000L), JournalTestSupport.reopen(dir).records.keySet());
    }
}
