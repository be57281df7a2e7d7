package org.tallymq.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of a message as it travels between client and broker: the headers a
 * producer sets, the properties and the encoded body. A client message object is turned into
 * one of these at send (so changing the message afterwards changes nothing that is delivered)
 * and a new client message object is made from one at delivery.
 *
 * <p>Never mutate {@link #body()} or {@link #correlationIdBytes()}: instances are shared between
 * threads (and, in-VM, between the client and the broker) without copying.
 *
 * <p>Property values are only {@code Boolean, Byte, Short, Integer, Long, Float, Double, String}.
 * Body encodings per {@link BodyType}: TEXT = UTF-8 (null body = null text); BYTES = the bytes;
 * MAP and STREAM = {@code org.tallymq.client.BodyCodec}; OBJECT = Java serialization; MESSAGE = null.
 *
 * @param messageId          {@code ID:...}, or null when the producer disabled message IDs
 * @param timestamp          JMSTimestamp, 0 when disabled
 * @param correlationId      JMSCorrelationID as a string, or null
 * @param correlationIdBytes JMSCorrelationIDAsBytes when set as bytes, else null
 * @param expiration         absolute ms since the epoch, 0 = never
 * @param deliveryTime       absolute ms since the epoch before which the message is invisible
 */
public record MessageData(
        BodyType bodyType,
        String messageId,
        long timestamp,
        String correlationId,
        byte[] correlationIdBytes,
        DestinationRef destination,
        DestinationRef replyTo,
        int deliveryMode,
        int priority,
        long expiration,
        long deliveryTime,
        String type,
        Map<String, Object> properties,
        byte[] body) {

    public static final int NON_PERSISTENT = 1;
    public static final int PERSISTENT = 2;

    public MessageData {
        properties = properties == null || properties.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public boolean isPersistent() {
        return deliveryMode == PERSISTENT;
    }

    /** Approximate bytes this message occupies, for memory budgets and flow control. */
    public int estimatedSize() {
        int size = 128 + (body == null ? 0 : body.length);
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            size += 16 + e.getKey().length() * 2;
            if (e.getValue() instanceof String s) {
                size += s.length() * 2;
            } else {
                size += 8;
            }
        }
        return size;
    }

    /** A copy with another destination (used when a producer's message is routed). */
    public MessageData withDestination(DestinationRef d) {
        return new MessageData(bodyType, messageId, timestamp, correlationId, correlationIdBytes, d, replyTo,
                deliveryMode, priority, expiration, deliveryTime, type, properties, body);
    }

    @Override
    public String toString() {
        return "MessageData[" + messageId + " to " + destination + ", " + bodyType
                + (body == null ? "" : ", " + body.length + " body bytes") + "]";
    }
}
