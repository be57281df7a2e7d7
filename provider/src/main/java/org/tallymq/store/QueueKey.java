package org.tallymq.store;

/**
 * Which durable queue a stored message belongs to: a named queue, or a durable subscription
 * (by the record id of its {@link StoredSubscription}).
 */
public sealed interface QueueKey {

    record Queue(String name) implements QueueKey {
    }

    record Subscription(long subscriptionRecordId) implements QueueKey {
    }
}
