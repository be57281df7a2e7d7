package org.tallymq.broker;

import java.util.Arrays;

/**
 * The messages of one queue whose bodies are paged out to the store: only their ids (the record id, which is
 * also their arrival order), one ascending run per JMS priority. Eight bytes per message, in arrays that grow
 * and shrink by halves. Delivery order across runs is {@link QueuedMessage#DELIVERY_ORDER}: higher priority
 * first, then lower id.
 *
 * <p>Event-loop thread only (like its queue).
 */
final class PagedIds {

    static final int PRIORITIES = 10;

    private final Run[] runs = new Run[PRIORITIES];
    private int size;

    PagedIds() {
        for (int p = 0; p < PRIORITIES; p++) {
            runs[p] = new Run();
        }
    }

    /** JMS priorities are 0..9; anything else is filed at the nearest end (the client rejects them anyway). */
    static int priorityIndex(int priority) {
        return Math.max(0, Math.min(PRIORITIES - 1, priority));
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Adds {@code id} to its priority's run, in its place: usually at the end; a message of a transaction that
     * committed after later sends of other sessions goes a little before it (cost: the ids between it and the
     * nearer end of the run).
     *
     * @return false if the id is there already (nothing added)
     */
    boolean add(int priority, long id) {
        if (!runs[priorityIndex(priority)].insert(id)) {
            return false;
        }
        size++;
        return true;
    }

    /** Adds without the order check; call {@link #sortRuns} before any other use (replay adds in log order). */
    void appendUnsorted(int priority, long id) {
        runs[priorityIndex(priority)].add(id);
        size++;
    }

    void sortRuns() {
        for (Run r : runs) {
            r.sort();
        }
    }

    /** Whether some paged message comes before a message of this priority and id in delivery order. */
    boolean anyBefore(int priority, long id) {
        int p = priorityIndex(priority);
        for (int q = PRIORITIES - 1; q > p; q--) {
            if (runs[q].size > 0) {
                return true;
            }
        }
        return runs[p].size > 0 && runs[p].first() < id;
    }

    /** Up to {@code max} ids from the front, in delivery order (nothing is removed). */
    long[] peek(int max) {
        long[] out = new long[Math.min(max, size)];
        int n = 0;
        for (int p = PRIORITIES - 1; p >= 0 && n < out.length; p--) {
            Run r = runs[p];
            for (int i = 0; i < r.size && n < out.length; i++) {
                out[n++] = r.get(i);
            }
        }
        return out;
    }

    /**
     * Removes {@code id}, which must be at the front of one of the runs (what {@link #peek} returned, in order).
     *
     * @return whether it was there
     */
    boolean removeFront(long id) {
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            Run r = runs[p];
            if (r.size > 0 && r.first() == id) {
                r.removeFirst();
                size--;
                return true;
            }
        }
        return false;
    }

    /** Every id, in delivery order. */
    long[] all() {
        return peek(size);
    }

    void clear() {
        for (int p = 0; p < PRIORITIES; p++) {
            runs[p] = new Run();
        }
        size = 0;
    }

    /** A ring of longs (power-of-two capacity). */
    private static final class Run {
        private static final int MIN = 16;
        private long[] ring = new long[MIN];
        private int head;
        private int size;

        long get(int i) {
            return ring[(head + i) & (ring.length - 1)];
        }

        long first() {
            return ring[head];
        }

        long last() {
            return get(size - 1);
        }

        void add(long id) {
            if (size == ring.length) {
                resize(ring.length * 2);
            }
            ring[(head + size) & (ring.length - 1)] = id;
            size++;
        }

        /** Inserts keeping the run ascending; false if {@code id} is present. */
        boolean insert(long id) {
            if (size == 0 || last() < id) {
                add(id);
                return true;
            }
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) { // first index whose id is >= id
                int mid = (lo + hi) >>> 1;
                if (get(mid) < id) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (get(lo) == id) {
                return false;
            }
            if (size == ring.length) {
                resize(ring.length * 2);
            }
            int mask = ring.length - 1;
            if (lo < size / 2) { // move the shorter side: here the front, one place towards the head
                head = (head - 1) & mask;
                for (int i = 0; i < lo; i++) {
                    ring[(head + i) & mask] = ring[(head + i + 1) & mask];
                }
            } else {
                for (int i = size; i > lo; i--) {
                    ring[(head + i) & mask] = ring[(head + i - 1) & mask];
                }
            }
            ring[(head + lo) & mask] = id;
            size++;
            return true;
        }

        void removeFirst() {
            head = (head + 1) & (ring.length - 1);
            size--;
            if (ring.length > MIN && size < ring.length / 4) {
                resize(ring.length / 2);
            }
        }

        void sort() {
            resize(ring.length);
            Arrays.sort(ring, 0, size);
        }

        /** Copies the ring into a new array of {@code capacity}, front at index 0. */
        private void resize(int capacity) {
            long[] next = new long[capacity];
            for (int i = 0; i < size; i++) {
                next[i] = get(i);
            }
            ring = next;
            head = 0;
        }
    }
}
