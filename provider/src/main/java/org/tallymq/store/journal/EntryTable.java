package org.tallymq.store.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The live records of {@link JournalIndex}, keyed by their own record id: an open-addressing hash table
 * (linear probing, backward-shift deletion) of entries, so a million live records cost one reference per
 * slot plus the entry, and no boxed keys. Not thread-safe (owned like the index).
 */
final class EntryTable {
    private JournalIndex.Entry[] slots = new JournalIndex.Entry[1024];
    private int size;

    int size() {
        return size;
    }

    /**
     * Keeps consecutive ids in consecutive slots (callers allocate ids in increasing order, and neighbouring
     * slots share cache lines), while folding the high bits in so strided ids do not pile up in one run.
     */
    private static int hash(long id) {
        int h = (int) (id ^ (id >>> 32));
        return h ^ (h >>> 16);
    }

    JournalIndex.Entry get(long id) {
        int mask = slots.length - 1;
        for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
            JournalIndex.Entry e = slots[i];
            if (e == null || e.id == id) {
                return e;
            }
        }
    }

    boolean containsKey(long id) {
        return get(id) != null;
    }

    /** Adds {@code entry} unless its id is present; returns the entry already present, or null if added. */
    JournalIndex.Entry addIfAbsent(JournalIndex.Entry entry) {
        if ((size + 1) * 3 > slots.length * 2) {
            grow();
        }
        JournalIndex.Entry old = insert(slots, entry);
        if (old == null) {
            size++;
        }
        return old;
    }

    private static JournalIndex.Entry insert(JournalIndex.Entry[] table, JournalIndex.Entry entry) {
        int mask = table.length - 1;
        int i = hash(entry.id) & mask;
        while (table[i] != null) {
            if (table[i].id == entry.id) {
                return table[i];
            }
            i = (i + 1) & mask;
        }
        table[i] = entry;
        return null;
    }

    private void grow() {
        JournalIndex.Entry[] bigger = new JournalIndex.Entry[slots.length * 2];
        for (JournalIndex.Entry e : slots) {
            if (e != null) {
                insert(bigger, e);
            }
        }
        slots = bigger;
    }

    /** Removes and returns the entry for {@code id}, or null. */
    JournalIndex.Entry remove(long id) {
        int mask = slots.length - 1;
        int i = hash(id) & mask;
        while (true) {
            JournalIndex.Entry e = slots[i];
            if (e == null) {
                return null;
            }
            if (e.id == id) {
                break;
            }
            i = (i + 1) & mask;
        }
        JournalIndex.Entry removed = slots[i];
        slots[i] = null;
        size--;
        // backward shift: move later entries of the probe run into the hole when their home allows it
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = hash(slots[j].id) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
        return removed;
    }

    List<JournalIndex.Entry> values() {
        List<JournalIndex.Entry> out = new ArrayList<>(size);
        for (JournalIndex.Entry e : slots) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
