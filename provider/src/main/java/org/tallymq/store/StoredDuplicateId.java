package org.tallymq.store;

/**
 * One remembered duplicate id: a producer's {@code TallyDuplicateId} that reached a destination.
 *
 * @param recordId    the store's id of this record
 * @param topic       whether the destination is a topic (else a queue)
 * @param destination the queue or topic name
 * @param id          the producer's duplicate id
 */
public record StoredDuplicateId(long recordId, boolean topic, String destination, String id) {
}
