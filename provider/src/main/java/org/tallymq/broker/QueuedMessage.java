package org.tallymq.broker;

import java.util.Comparator;
import org.tallymq.protocol.MessageData;
import org.tallymq.selector.SelectorContext;

/**
 * One message in one queue (a topic's message becomes one of these per subscription). Owned by the
 * broker's event-loop thread.
 */
final class QueuedMessage implements SelectorContext {

    /** Delivery order: higher priority first, then arrival order. */
    static final Comparator<QueuedMessage> DELIVERY_ORDER = (a, b) -> {
        int p = Integer.compare(b.data.priority(), a.data.priority());
        return p != 0 ? p : Long.compare(a.sequence, b.sequence);
    };

    /** Who sent a message, for noLocal: its connection and that connection's client ID (either may be null). */
    record Origin(String connectionId, String clientId) {
    }

    final MessageData data;
    /**
     * The broker-wide id of this message-in-queue: arrival order (kept across redelivery so a
     * returned message regains its place, and across a restart) and, when {@link #stored}, its record
     * id in the store.
     */
    final long sequence;
    /** Who sent it; null for a message recovered from the store. */
    final Origin origin;
    /** Whether the store holds it (a persistent message in a durable queue). */
    final boolean stored;
    /** What it counts against the broker's memory budget (computed once). */
    final int size;
    /** Deliveries the application has seen (and not acknowledged); the next delivery is number deliveries + 1. */
    int deliveries;
    /** Not delivered before this wall-clock time: a redelivery delay (0: none); stored with the delivery count. */
    long notBefore;

    QueuedMessage(MessageData data, long sequence, Origin origin, boolean stored) {
        this.data = data;
        this.sequence = sequence;
        this.origin = origin;
        this.stored = stored;
        this.size = data.estimatedSize();
    }

    boolean isExpired(long now) {
        return data.expiration() != 0 && data.expiration() <= now;
    }

    boolean isScheduled(long now) {
        return readyAt() > now;
    }

    /** When it may be delivered: its delivery time (JMS delivery delay) or a redelivery delay, whichever is later. */
    long readyAt() {
        return Math.max(data.deliveryTime(), notBefore);
    }

    /** The values a selector may see: the allowed header fields and the properties. */
    @Override
    public Object get(String identifier) {
        return headerOrProperty(data, identifier, deliveries + 1);
    }

    @Override
    public String toString() {
        return data.messageId() + "#" + sequence;
    }

    /** A message being published to a topic, before it is copied into each subscription. */
    record Publication(MessageData data, Origin origin) implements SelectorContext {
        @Override
        public Object get(String identifier) {
            return headerOrProperty(data, identifier, 1);
        }
    }

    static Object headerOrProperty(MessageData data, String identifier, int deliveryCount) {
        if (identifier.startsWith("JMS")) {
            switch (identifier) {
                case "JMSDeliveryMode":
                    return data.isPersistent() ? "PERSISTENT" : "NON_PERSISTENT";
                case "JMSPriority":
                    return data.priority();
                case "JMSMessageID":
                    return data.messageId();
                case "JMSTimestamp":
                    return data.timestamp();
                case "JMSCorrelationID":
                    return data.correlationId();
                case "JMSType":
                    return data.type();
                case "JMSXDeliveryCount":
                    return deliveryCount;
                default:
                    break;
            }
        }
        return data.properties().get(identifier);
    }
}
