package org.tallymq.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.tallymq.protocol.MessageData;
import org.tallymq.selector.Selector;
import org.tallymq.store.QueueKey;

/**
 * An ordered store of messages with consumers: a queue, or the queue behind one topic
 * subscription. Everything here runs on the broker's event-loop thread.
 *
 * <p>Invariants: a message is in exactly one of {@link #available}, {@link #scheduled} or
 * {@link #inFlight} until it is acknowledged or dropped. Dispatch order is {@link
 * QueuedMessage#DELIVERY_ORDER}; a message returned unacknowledged goes back to its old place.
 */
final class MessageQueue {

    private final Broker broker;
    /** For logs and errors: "queue orders" or "subscription orders-audit on topic orders". */
    final String description;
    /** Where its persistent messages are stored; null for a queue that keeps nothing (temporary, non-durable). */
    final QueueKey storeKey;

    private final TreeSet<QueuedMessage> available = new TreeSet<>(QueuedMessage.DELIVERY_ORDER);
    private final PriorityQueue<QueuedMessage> scheduled =
            new PriorityQueue<>(Comparator.comparingLong((QueuedMessage m) -> m.data.deliveryTime())
                    .thenComparingLong(m -> m.sequence));
    private final TreeSet<QueuedMessage> inFlight = new TreeSet<>(Comparator.comparingLong(m -> m.sequence));
    private final List<ServerConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private boolean dispatchPending;
    private boolean deleted;
    private long nextTimer = Long.MAX_VALUE;

    MessageQueue(Broker broker, String description, QueueKey storeKey) {
        this.broker = broker;
        this.description = description;
        this.storeKey = storeKey;
    }

    /** A new message for this queue, not yet visible: the store may have to hold it first (see {@link #accept}). */
    QueuedMessage newMessage(MessageData data, QueuedMessage.Origin origin) {
        return new QueuedMessage(data, broker.newId(), origin, storeKey != null && data.isPersistent());
    }

    /** A recovered message that a prepared XA branch consumed: held (in flight), not available, until its outcome. */
    void acceptInFlight(QueuedMessage m) {
        if (deleted) {
            return;
        }
        broker.flow().added(m);
        inFlight.add(m);
    }

    /** Makes a message visible to consumers (or schedules it, for a delivery delay). */
    void accept(QueuedMessage m) {
        if (deleted) {
            return;
        }
        broker.flow().added(m);
        long now = broker.clock().millis();
        if (m.isScheduled(now)) {
            scheduled.add(m);
            armTimer(m.data.deliveryTime());
        } else {
            available.add(m);
            requestDispatch();
        }
    }

    /**
     * A delivery comes back unacknowledged.
     *
     * @param consumed the application saw it, so it counts as a delivery attempt
     */
    void returnMessage(QueuedMessage m, boolean consumed) {
        if (!inFlight.remove(m) || deleted) {
            return;
        }
        if (consumed) {
            m.deliveries++;
            if (m.stored) {
                broker.store().updateDeliveries(m.sequence, m.deliveries);
            }
        }
        available.add(m);
        requestDispatch();
    }

    /** A delivery was acknowledged: the message is gone. */
    void acknowledged(QueuedMessage m) {
        if (inFlight.remove(m)) {
            broker.flow().removed(m);
        }
    }

    void addConsumer(ServerConsumer c) {
        consumers.add(c);
        requestDispatch();
    }

    void removeConsumer(ServerConsumer c) {
        consumers.remove(c);
    }

    boolean hasConsumers() {
        return !consumers.isEmpty();
    }

    /** Messages waiting or in flight (not yet acknowledged). */
    int depth() {
        return available.size() + scheduled.size() + inFlight.size();
    }

    /**
     * Drops every message and consumer; later adds and returns are ignored.
     *
     * @return the messages it held that the store holds too, so the caller can delete their records
     */
    List<QueuedMessage> delete() {
        deleted = true;
        List<QueuedMessage> stored = new ArrayList<>();
        for (var set : List.of(available, scheduled, inFlight)) {
            for (QueuedMessage m : set) {
                broker.flow().removed(m);
                if (m.stored) {
                    stored.add(m);
                }
            }
        }
        available.clear();
        scheduled.clear();
        inFlight.clear();
        consumers.clear();
        return stored;
    }

    boolean isDeleted() {
        return deleted;
    }

    /** A snapshot for a browser: waiting and in-flight messages, in delivery order, selected. */
    List<MessageData> browse(Selector selector) {
        long now = broker.clock().millis();
        TreeSet<QueuedMessage> all = new TreeSet<>(QueuedMessage.DELIVERY_ORDER);
        all.addAll(available);
        all.addAll(inFlight);
        List<MessageData> out = new ArrayList<>();
        for (QueuedMessage m : all) {
            if (!m.isExpired(now) && selector.matches(m)) {
                out.add(m.data);
            }
        }
        return out;
    }

    /** Asks for a dispatch pass after the current task (never inside a command; see {@link Broker}). */
    void requestDispatch() {
        if (!dispatchPending && !deleted) {
            dispatchPending = true;
            broker.execute(this::dispatch);
        }
    }

    /** Delivers waiting messages to consumers with credit, round robin, honouring selectors. */
    void dispatch() {
        dispatchPending = false;
        if (deleted || consumers.isEmpty()) {
            return;
        }
        long now = broker.clock().millis();
        releaseScheduled(now);
        var it = available.iterator();
        while (it.hasNext()) {
            if (!anyConsumerHasCredit()) {
                return;
            }
            QueuedMessage m = it.next();
            if (m.isExpired(now)) {
                it.remove();
                broker.expired(this, m);
                continue;
            }
            ServerConsumer target = pickConsumer(m);
            if (target != null) {
                it.remove();
                inFlight.add(m);
                target.deliver(this, m);
            }
        }
    }

    /** Removes waiting messages whose time to live has passed (the periodic sweep; dispatch also drops them). */
    void expire(long now) {
        if (deleted) {
            return;
        }
        var it = available.iterator();
        while (it.hasNext()) {
            QueuedMessage m = it.next();
            if (m.isExpired(now)) {
                it.remove();
                broker.expired(this, m);
            }
        }
    }

    private boolean anyConsumerHasCredit() {
        for (ServerConsumer c : consumers) {
            if (c.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    private ServerConsumer pickConsumer(QueuedMessage m) {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            ServerConsumer c = consumers.get((nextConsumer + i) % n);
            if (c.hasCredit() && c.accepts(m)) {
                nextConsumer = (nextConsumer + i + 1) % n;
                return c;
            }
        }
        return null;
    }

    private void releaseScheduled(long now) {
        while (!scheduled.isEmpty() && scheduled.peek().data.deliveryTime() <= now) {
            available.add(scheduled.poll());
        }
        if (!scheduled.isEmpty()) {
            armTimer(scheduled.peek().data.deliveryTime());
        }
    }

    private void armTimer(long at) {
        if (at < nextTimer) {
            nextTimer = at;
            broker.schedule(at, () -> {
                if (nextTimer == at) {
                    nextTimer = Long.MAX_VALUE;
                }
                requestDispatch();
                // messages released even with no consumers, so browsers see them
                releaseScheduled(broker.clock().millis());
            });
        }
    }
}
