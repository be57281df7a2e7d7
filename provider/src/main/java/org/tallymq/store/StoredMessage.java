package org.tallymq.store;

import org.tallymq.protocol.MessageData;

/**
 * A persistent message in one durable queue, as replayed from the store.
 *
 * @param recordId    the store's id of this message-in-queue
 * @param queue       where it lives: a queue name, or the record id of a durable subscription
 * @param deliveries  delivery attempts the application saw before the restart
 */
public record StoredMessage(long recordId, QueueKey queue, MessageData message, int deliveries) {
}
