package org.tallymq.store;

import org.tallymq.protocol.MessageData;

/**
 * A persistent message in one durable queue, as replayed from the store.
 *
 * @param recordId    the store's id of this message-in-queue
 * @param queue       where it lives: a queue name, or the record id of a durable subscription
 * @param deliveries  delivery attempts the application saw before the restart
 * @param notBefore   wall-clock millis before which it must not be delivered (a redelivery delay); 0: none
 */
public record StoredMessage(long recordId, QueueKey queue, MessageData message, int deliveries, long notBefore) {

    public StoredMessage(long recordId, QueueKey queue, MessageData message, int deliveries) {
        this(recordId, queue, message, deliveries, 0);
    }
}
