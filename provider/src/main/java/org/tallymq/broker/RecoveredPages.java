package org.tallymq.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tallymq.store.MessageStore;
import org.tallymq.store.QueueKey;
import org.tallymq.store.StoredMessage;

/**
 * Replay with a bounded heap: the first recovered messages, up to the paging threshold, are kept whole (the
 * broker accepts them as usual); of every later one only its id, priority and queue are kept here (13 bytes),
 * and after replay they go to their queues as paged ids ({@link QueuePaging#restore}). Durable subscriptions
 * may be replayed after their messages (compaction moves records), so queues are resolved at the end.
 *
 * <p>Used by one thread (the event loop, during load).
 */
final class RecoveredPages {

    private final long threshold;
    private final long now = System.currentTimeMillis();
    private long held;
    private long[] ids = new long[1024];
    private byte[] priorities = new byte[1024];
    private int[] keys = new int[1024];
    private int size;
    private final List<QueueKey> keyList = new ArrayList<>();
    private final Map<QueueKey, Integer> keyIndex = new HashMap<>();

    RecoveredPages(long threshold) {
        this.threshold = threshold;
    }

    /** Ids kept here (extracted ones no longer count). */
    int size() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ids == null || ids[i] > 0) {
                n++;
            }
        }
        return ids == null ? size : n;
    }

    /**
     * @return true if only the id of {@code m} is kept (the caller drops it), false if the caller keeps it whole:
     *         it fits under the threshold, or it waits for its delivery time or a redelivery delay (such messages
     *         stay on the heap)
     */
    boolean take(StoredMessage m) {
        int bytes = m.message().estimatedSize();
        if (held + bytes <= threshold || m.message().deliveryTime() > now || m.notBefore() > now) {
            held += bytes;
            return false;
        }
        if (size == ids.length) {
            int n = size * 2;
            ids = Arrays.copyOf(ids, n);
            priorities = Arrays.copyOf(priorities, n);
            keys = Arrays.copyOf(keys, n);
        }
        ids[size] = m.recordId();
        priorities[size] = (byte) PagedIds.priorityIndex(m.message().priority());
        keys[size] = keyIndex.computeIfAbsent(m.queue(), k -> {
            keyList.add(k);
            return keyList.size() - 1;
        });
        size++;
        return true;
    }

    /**
     * Takes these ids back out (messages a prepared XA branch consumed: the broker holds them whole, as
     * locked in-flight messages, not as paged ids).
     *
     * @return the ids that were kept here, now removed
     */
    long[] extract(java.util.Set<Long> wanted) {
        long[] out = new long[Math.min(size, wanted.size())];
        int n = 0;
        for (int i = 0; i < size && n < out.length; i++) {
            if (ids[i] > 0 && wanted.contains(ids[i])) {
                out[n++] = ids[i];
                ids[i] = -1; // restore skips it
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Hands every kept id to its queue's paging. A message whose queue no longer exists (its durable
     * subscription was deleted) is deleted from the store.
     *
     * @param queues the queue of a key, or null if it is gone
     * @return how many messages were dropped that way
     */
    int restore(Function<QueueKey, MessageQueue> queues, MessageStore store) {
        MessageQueue[] resolved = new MessageQueue[keyList.size()];
        for (int k = 0; k < resolved.length; k++) {
            resolved[k] = queues.apply(keyList.get(k));
        }
        Map<MessageQueue, Boolean> touched = new IdentityHashMap<>();
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            if (ids[i] < 0) {
                continue; // extracted
            }
            MessageQueue q = resolved[keys[i]];
            if (q == null) {
                dropped++;
                store.deleteMessage(ids[i], false);
                continue;
            }
            q.paging().restore(priorities[i], ids[i]);
            touched.put(q, Boolean.TRUE);
        }
        for (MessageQueue q : touched.keySet()) {
            q.paging().restored();
        }
        ids = null;
        priorities = null;
        keys = null;
        return dropped;
    }
}
