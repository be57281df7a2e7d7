package org.tallymq.store.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EntryTableTest {
    @Test
    @DisplayName("property: random adds and removes (clustered and spread ids, seed 3) agree with a HashMap")
    void agreesWithHashMap() {
        Random rnd = new Random(3);
        EntryTable t = new EntryTable();
        Map<Long, JournalIndex.Entry> m = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long id = rnd.nextBoolean() ? rnd.nextInt(5000) : rnd.nextLong();
            if (rnd.nextInt(3) > 0 && !m.containsKey(id)) {
                JournalIndex.Entry e = new JournalIndex.Entry(id, (byte) 0, i);
                assertNull(t.addIfAbsent(e));
                m.put(id, e);
            } else {
                assertSame(m.remove(id), t.remove(id));
            }
            long probe = rnd.nextInt(5000);
            assertSame(m.get(probe), t.get(probe));
        }
        assertEquals(m.size(), t.size());
        for (JournalIndex.Entry e : t.values()) {
            assertSame(m.get(e.id), e);
        }
        assertEquals(m.size(), t.values().size());
        for (long id : m.keySet().toArray(new Long[0])) {
            assertSame(m.remove(id), t.remove(id));
        }
        assertEquals(0, t.size());
        assertNull(t.get(1));
    }
}
