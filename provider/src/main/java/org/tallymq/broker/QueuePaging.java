package org.tallymq.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.tallymq.selector.Selector;
import org.tallymq.store.StoredMessage;

/**
 * The paged part of one queue: messages whose bodies are only in the journal, known here by id
 * ({@link PagedIds}), and the reads that bring them back (see {@link Pager} for when messages are paged).
 *
 * <p><b>Order.</b> The queue's messages are those on the heap (its {@code available} set) and those paged
 * here. Dispatch takes them in {@link QueuedMessage#DELIVERY_ORDER} across both: it stops at the first heap
 * message that some paged message precedes ({@link #anyBefore}) and waits for a read, so paging changes
 * neither priority nor FIFO order, also after a restart. A read takes the ids at the front without removing
 * them; when it completes they leave here and join the heap together, so dispatch never sees a gap.
 *
 * <p><b>Memory.</b> A paged message costs its 8-byte id. Reads are bounded: see {@link #refill}.
 *
 * <p><b>Limits.</b> A selector sees a paged message only once it is read back: when the first
 * {@link Pager#WINDOW} messages of a queue match no consumer's selector, matching messages behind them wait
 * until those are consumed (or expire). Expired paged messages are dropped when read back, not by the
 * periodic sweep. Dispatch waits for a paged message that precedes the heap ones; if the queue then holds
 * {@link Pager#WINDOW} or more messages on the heap while the broker is over its whole memory budget (filled
 * by NON_PERSISTENT messages, say), the queue waits until memory frees up.
 *
 * <p>Event-loop thread only.
 */
final class QueuePaging {

    private static final Logger LOG = Logger.getLogger(QueuePaging.class.getName());

    private final Broker broker;
    private final MessageQueue queue;
    private final PagedIds ids = new PagedIds();
    private boolean reading;
    private boolean failed;

    QueuePaging(Broker broker, MessageQueue queue) {
        this.broker = broker;
        this.queue = queue;
    }

    int size() {
        return ids.size();
    }

    /**
     * Pages {@code m} out instead of holding it, if it may be and memory asks for it: a stored (persistent,
     * durable-queue) message that is visible now, while the heap is over the paging threshold or this queue
     * already pages (so later messages do not crowd the heap while earlier ones wait on disk).
     *
     * @return whether it was paged (the caller then drops it; only its id is kept)
     */
    boolean pageOut(QueuedMessage m, long now) {
        Pager pager = broker.pager();
        if (!m.stored || !pager.enabled() || m.isScheduled(now)) {
            return false;
        }
        if (ids.isEmpty() && broker.flow().used() + m.size <= pager.threshold()) {
            return false;
        }
        if (!ids.add(m.data.priority(), m.sequence)) {
            return false;
        }
        pager.announce(queue.description);
        return true;
    }

    /** Replay: {@code id} is stored and stays paged. Call {@link #restored} when replay is done. */
    void restore(int priority, long id) {
        ids.appendUnsorted(priority, id);
    }

    void restored() {
        ids.sortRuns();
    }

    /** Whether a paged message comes before {@code m} in delivery order (dispatch must wait for it). */
    boolean anyBefore(QueuedMessage m) {
        return !ids.isEmpty() && ids.anyBefore(m.data.priority(), m.sequence);
    }

    /**
     * Starts a read if one is due. One read runs at a time, and reads are bounded so that a queue whose front
     * no consumer selects cannot fill the heap:
     * <ul>
     * <li>{@code blocked}: dispatch stopped at a heap message that a paged one precedes; read while the queue
     *     holds fewer than {@link Pager#WINDOW} messages on the heap or the broker is under its memory budget;</li>
     * <li>{@code starved}: consumers with credit found nothing more on the heap; read while under the window;</li>
     * <li>otherwise read ahead while under half the window and the paging threshold.</li>
     * </ul>
     *
     * @param onHeap messages the queue holds on the heap, waiting
     */
    void refill(boolean blocked, boolean starved, int onHeap) {
        if (ids.isEmpty() || reading || failed) {
            return;
        }
        Pager pager = broker.pager();
        long used = broker.flow().used();
        boolean due;
        if (blocked) {
            due = onHeap < Pager.WINDOW || used < pager.budget();
        } else if (starved) {
            due = onHeap < Pager.WINDOW;
        } else {
            due = onHeap < Pager.WINDOW / 2 && used < pager.threshold();
        }
        if (!due) {
            return;
        }
        reading = true;
        long[] batch = ids.peek(Pager.BATCH);
        pager.read(batch, read -> arrived(batch, read), this::readFailed);
    }

    /** On the event loop: {@code messages} answers a prefix of {@code asked}, in order. */
    private void arrived(long[] asked, List<StoredMessage> messages) {
        reading = false;
        if (queue.isDeleted()) {
            return;
        }
        List<QueuedMessage> back = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            StoredMessage m = messages.get(i);
            if (!ids.removeFront(asked[i]) || m == null) {
                continue; // no longer paged here, or no longer stored (neither happens while a message is paged)
            }
            QueuedMessage qm = new QueuedMessage(m.message(), m.recordId(), null, true);
            qm.deliveries = broker.pager().deliveries(m.recordId(), m.deliveries());
            qm.notBefore = m.notBefore(); // a redelivery delay stored before a restart
            back.add(qm);
        }
        queue.pagedIn(back);
    }

    private void readFailed(IOException e) {
        reading = false;
        failed = true;
        LOG.severe("broker '" + broker.name() + "': cannot read paged messages of " + queue.description + " back from "
                + broker.storeDescription() + ": " + e.getMessage() + ". Its " + ids.size() + " paged messages stay in"
                + " the journal and come back when the broker is restarted after the store problem is fixed");
    }

    /** The paged messages a browser selects, read now (the event loop waits for the reads). */
    List<QueuedMessage> browse(Selector selector, long now) {
        List<QueuedMessage> out = new ArrayList<>();
        long[] all = ids.all();
        try {
            for (int from = 0; from < all.length; from += Pager.BATCH) {
                for (StoredMessage m : broker.pager().readNow(Arrays.copyOfRange(all, from,
                        Math.min(all.length, from + Pager.BATCH)))) {
                    if (m == null) {
                        continue;
                    }
                    QueuedMessage qm = new QueuedMessage(m.message(), m.recordId(), null, true);
                    qm.deliveries = broker.pager().deliveries(m.recordId(), m.deliveries());
                    if (!qm.isExpired(now) && selector.matches(qm)) {
                        out.add(qm);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warning("broker '" + broker.name() + "': a browser of " + queue.description + " sees only the messages"
                    + " on the heap: the paged ones cannot be read (" + e.getMessage() + ")");
        }
        return out;
    }

    /** The queue is deleted: its paged messages go from the store too (ordered before whatever follows). */
    void dropAll() {
        for (long id : ids.all()) {
            broker.store().deleteMessage(id, false);
        }
        ids.clear();
    }
}
