package org.tallymq.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.PolicyProperties;

/**
 * Applies the {@link DeliveryPolicy} of a message's destination when a delivery comes back
 * unacknowledged (redelivery delay, or the dead-letter queue after the last allowed attempt) and when
 * a message expires (the expiry queue, or removal). Event-loop thread only.
 *
 * <p><b>A move is atomic in the store.</b> The copy in the target queue (with the properties of
 * {@link PolicyProperties}, no expiration and no delivery time) and the removal of the original are one
 * journal transaction, so after a crash the message is in exactly one of the two places. The copy
 * becomes visible when that transaction is forced. Nothing is ever dropped here without a log line,
 * except expired messages when no expiry queue is configured (that is what expiry means).
 *
 * <p>A message is never dead-lettered from the queue it would be moved to (a consumer of the DLQ that
 * keeps failing gets it again and again, and a warning each time), nor expired into its own expiry queue.
 */
final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private final Broker broker;

    DeadLetters(Broker broker) {
        this.broker = broker;
    }

    DeliveryPolicy policyOf(QueuedMessage m) {
        DestinationRef d = m.data.destination();
        return broker.config().policies().forName(d == null ? "" : d.name());
    }

    /**
     * A consumed delivery came back (its count already raised). Moves it to its dead-letter queue when
     * it has used its last attempt, else sets its redelivery delay.
     *
     * @return true when the message left {@code q}
     */
    boolean returned(MessageQueue q, QueuedMessage m) {
        DeliveryPolicy p = policyOf(m);
        // a stopping broker returns every delivery and counts it (it cannot tell which ones the application saw);
        // that is no reason to dead-letter: the count is stored, and the next start decides after one more attempt
        if (p.exhausted(m.deliveries) && !broker.isClosing()) {
            if (isQueue(m, p.deadLetterQueue())) {
                LOG.warning(() -> "broker '" + broker.name() + "': message " + m.data.messageId() + " on dead-letter "
                        + q.description + " failed " + m.deliveries + " delivery attempts; it stays there (a dead-letter"
                        + " queue does not dead-letter its own messages): fix or remove its consumer");
            } else {
                String reason = "maximum delivery attempts (" + p.maxDeliveryAttempts() + ") reached on " + q.description;
                LOG.warning(() -> "broker '" + broker.name() + "': message " + m.data.messageId() + " moved to dead-letter"
                        + " queue " + p.deadLetterQueue() + ": " + reason);
                move(q, m, p.deadLetterQueue(), reason, false);
                return true;
            }
        }
        long delay = p.redeliveryDelay(m.deliveries);
        m.notBefore = delay > 0 ? broker.clock().millis() + delay : 0;
        return false;
    }

    /** {@code m} expired and was taken out of {@code q}: to the expiry queue, or removed. */
    void expired(MessageQueue q, QueuedMessage m) {
        DeliveryPolicy p = policyOf(m);
        String target = p.expiryQueue();
        if (target == null || isQueue(m, target)) {
            broker.flow().removed(m);
            if (m.stored) {
                broker.store().deleteMessage(m.sequence, false);
            }
            LOG.fine(() -> "broker '" + broker.name() + "': message " + m.data.messageId() + " on " + q.description
                    + " expired; removed");
            return;
        }
        LOG.fine(() -> "broker '" + broker.name() + "': message " + m.data.messageId() + " on " + q.description
                + " expired; moved to expiry queue " + target);
        move(q, m, target, "expired on " + q.description, true);
    }

    private static boolean isQueue(QueuedMessage m, String name) {
        DestinationRef d = m.data.destination();
        return d != null && d.isQueue() && d.name().equals(name);
    }

    private void move(MessageQueue from, QueuedMessage m, String targetName, String reason, boolean expired) {
        from.removeForMove(m);
        MessageData data = copyFor(m, targetName, reason, expired);
        MessageQueue target = broker.queue(targetName);
        QueuedMessage copy = target.newMessage(data, null);
        if (!m.stored && !copy.stored) {
            target.accept(copy);
            return;
        }
        long tx = broker.newId();
        if (copy.stored) {
            broker.store().addMessageTx(tx, copy.sequence, target.storeKey, data);
        }
        if (m.stored) {
            broker.store().deleteMessageTx(tx, m.sequence);
        }
        CompletableFuture<Void> durable = broker.store().commit(tx);
        durable.whenComplete((x, e) -> broker.execute(() -> {
            if (e != null) {
                // the store refuses writes from now on; the original record is still in it (the move never
                // committed), and the copy stays available in this run so nothing is lost before the restart
                broker.storeFailure(durable);
            }
            target.accept(copy);
        }));
    }

    private static MessageData copyFor(QueuedMessage m, String targetName, String reason, boolean expired) {
        MessageData d = m.data;
        Map<String, Object> props = new LinkedHashMap<>(d.properties());
        props.put(PolicyProperties.ORIGINAL_DESTINATION, d.destination() == null ? "" : PolicyProperties.describe(d.destination()));
        props.put(PolicyProperties.ORIGINAL_DELIVERY_COUNT, m.deliveries);
        props.put(PolicyProperties.REASON, reason);
        if (expired) {
            props.put(PolicyProperties.ORIGINAL_EXPIRATION, d.expiration());
        }
        return new MessageData(d.bodyType(), d.messageId(), d.timestamp(), d.correlationId(), d.correlationIdBytes(),
                DestinationRef.queue(targetName), d.replyTo(), d.deliveryMode(), d.priority(), 0, 0, d.type(), props, d.body());
    }
}
