package org.tallymq.store;

/**
 * A durable subscription as persisted.
 *
 * @param clientId null for a shared durable subscription made without a client ID
 * @param selector "" for none
 */
public record StoredSubscription(long recordId, String clientId, String name, String topic, String selector,
                                 boolean noLocal, boolean shared) {
}
