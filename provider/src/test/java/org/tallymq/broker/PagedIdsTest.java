package org.tallymq.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id runs of paged messages keep delivery order (priority, then id) whatever order ids arrive in. */
class PagedIdsTest {

    private record Ref(int priority, long id) {
    }

    private static final Comparator<Ref> DELIVERY = Comparator.comparingInt((Ref r) -> -r.priority).thenComparingLong(Ref::id);

    @Test
    void idsComeOutInDeliveryOrderWhateverOrderTheyWentIn() {
        Random random = new Random(42);
        PagedIds ids = new PagedIds();
        List<Ref> model = new ArrayList<>();
        long next = 0;
        List<Long> late = new ArrayList<>();
        for (int round = 0; round < 5_000; round++) {
            int op = random.nextInt(10);
            if (op < 6) {
                // ids are unique and mostly increasing; some belong to a transaction that commits late
                long id;
                if (op == 0 && !late.isEmpty()) {
                    id = late.remove(random.nextInt(late.size()));
                } else {
                    id = next++;
                    if (op == 1) {
                        late.add(id);
                        continue;
                    }
                }
                int priority = random.nextInt(10);
                assertTrue(ids.add(priority, id), "add " + id);
                assertFalse(ids.add(priority, id), "the same id twice");
                model.add(new Ref(priority, id));
            } else if (!model.isEmpty()) {
                model.sort(DELIVERY);
                Ref front = model.remove(0);
                assertTrue(ids.removeFront(front.id), "front " + front);
            }
            model.sort(DELIVERY);
            assertEquals(model.size(), ids.size());
            if (!model.isEmpty() && round % 97 == 0) {
                long[] expected = model.stream().mapToLong(Ref::id).toArray();
                assertArrayEquals(expected, ids.all());
                Ref first = model.get(0);
                assertFalse(ids.anyBefore(first.priority, first.id), "nothing precedes the front");
                assertTrue(ids.anyBefore(first.priority, first.id + 1), "the front precedes a later id of its priority");
            }
        }
        while (!model.isEmpty()) {
            assertTrue(ids.removeFront(model.remove(0).id));
        }
        assertTrue(ids.isEmpty());
    }

    @Test
    void aHigherPriorityOrAnEarlierIdPrecedes() {
        PagedIds ids = new PagedIds();
        ids.add(4, 10);
        assertTrue(ids.anyBefore(4, 11), "same priority, later id");
        assertFalse(ids.anyBefore(4, 9), "same priority, earlier id");
        assertTrue(ids.anyBefore(3, 1), "lower priority");
        assertFalse(ids.anyBefore(5, 100), "higher priority");
        assertFalse(ids.removeFront(11));
        assertTrue(ids.removeFront(10));
        assertFalse(ids.anyBefore(0, 0));
    }

    @Test
    void replayAddsUnsortedThenSorts() {
        PagedIds ids = new PagedIds();
        long[] in = {9, 3, 7, 1, 8, 2};
        for (long id : in) {
            ids.appendUnsorted((int) (id % 2), id);
        }
        ids.sortRuns();
        assertArrayEquals(new long[] {1, 3, 7, 9, 2, 8}, ids.all());
    }
}
