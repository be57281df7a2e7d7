package org.tallymq.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.SessionMode;

/**
 * A session as the broker sees it: the deliveries it has been sent and not yet acknowledged, and,
 * when transacted, the sends waiting for commit. Event-loop thread only.
 *
 * <p>A delivery stays here from the moment it is pushed until it is acknowledged (or committed),
 * or returned to its queue by recover, rollback, consumer close (if never consumed) or session close.
 */
final class ServerSession {

    /** One message pushed to one consumer of this session. */
    record Delivery(long id, ServerConsumer consumer, MessageQueue queue, QueuedMessage message) {
    }

    final long id;
    final ServerConnection connection;
    final SessionMode mode;
    private final Map<Long, Delivery> unacked = new LinkedHashMap<>();
    private final List<MessageData> pendingSends = new ArrayList<>();

    ServerSession(long id, ServerConnection connection, SessionMode mode) {
        this.id = id;
        this.connection = connection;
        this.mode = mode;
    }

    void delivered(ServerConsumer consumer, MessageQueue queue, QueuedMessage m) {
        long deliveryId = connection.nextDeliveryId();
        unacked.put(deliveryId, new Delivery(deliveryId, consumer, queue, m));
        connection.push(new Command.Deliver(consumer.id, deliveryId, m.deliveries + 1, m.data));
    }

    void send(MessageData message) {
        if (mode.isTransacted()) {
            pendingSends.add(message);
        } else {
            connection.broker.route(message, connection.id);
        }
    }

    void acknowledge(long[] deliveryIds) {
        for (long id : deliveryIds) {
            Delivery d = unacked.remove(id);
            if (d != null) {
                d.queue.acknowledged(d.message);
            }
        }
    }

    void commit(long[] consumedDeliveryIds) {
        for (MessageData m : pendingSends) {
            connection.broker.route(m, connection.id);
        }
        pendingSends.clear();
        acknowledge(consumedDeliveryIds);
    }

    void rollback(long[] consumedDeliveryIds) {
        pendingSends.clear();
        recover(consumedDeliveryIds);
    }

    /** Returns every unacknowledged delivery to its queue; consumed ones count as an attempt. */
    void recover(long[] consumedDeliveryIds) {
        long[] consumed = consumedDeliveryIds.clone();
        Arrays.sort(consumed);
        for (Delivery d : unacked.values()) {
            boolean wasConsumed = Arrays.binarySearch(consumed, d.id) >= 0;
            if (!wasConsumed) {
                d.consumer.refund(); // the client drops what it buffered, so the window reopens here
            }
            d.queue.returnMessage(d.message, wasConsumed);
        }
        unacked.clear();
    }

    /** A consumer closed: what it was sent and the application never consumed goes back unchanged. */
    void consumerClosed(ServerConsumer consumer, long[] consumedDeliveryIds) {
        long[] consumed = consumedDeliveryIds.clone();
        Arrays.sort(consumed);
        var it = unacked.values().iterator();
        while (it.hasNext()) {
            Delivery d = it.next();
            if (d.consumer == consumer && Arrays.binarySearch(consumed, d.id) < 0) {
                it.remove();
                d.queue.returnMessage(d.message, false);
            }
        }
    }

    void close(long[] consumedDeliveryIds) {
        pendingSends.clear();
        recover(consumedDeliveryIds);
    }

    /**
     * The connection was lost: nobody can say which deliveries the application saw, so every one
     * counts as an attempt (JMSRedelivered=true is allowed to be pessimistic, never optimistic).
     */
    void abandon() {
        pendingSends.clear();
        for (Delivery d : unacked.values()) {
            d.queue.returnMessage(d.message, true);
        }
        unacked.clear();
    }
}
