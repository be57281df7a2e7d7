package org.tallymq.protocol;

/**
 * Names of the message properties the broker's delivery policies read and write. The public face of
 * these names, for applications, is {@code org.tallymq.jms.TallyProperties}; the broker and the client
 * use them from here so neither depends on the other.
 */
public final class PolicyProperties {

    /** A producer's id for a message: the broker drops a second message to the same destination with the same id. */
    public static final String DUPLICATE_ID = "TallyDuplicateId";
    /** Set on a dead-lettered or expired message: where it was sent ("queue://NAME" or "topic://NAME"). */
    public static final String ORIGINAL_DESTINATION = "TallyOriginalDestination";
    /** Set on a dead-lettered or expired message: its JMSXDeliveryCount when it left (unacknowledged attempts seen). */
    public static final String ORIGINAL_DELIVERY_COUNT = "TallyOriginalDeliveryCount";
    /** Set on a dead-lettered or expired message: why it left its destination, in words. */
    public static final String REASON = "TallyDeadLetterReason";
    /** Set on an expired message moved to an expiry queue: its JMSExpiration (the copy has none). */
    public static final String ORIGINAL_EXPIRATION = "TallyOriginalExpiration";

    private PolicyProperties() {
    }

    /** "queue://NAME" or "topic://NAME" (temporary destinations as "temp-queue://", "temp-topic://"). */
    public static String describe(DestinationRef d) {
        String scheme = switch (d.kind()) {
            case QUEUE -> "queue";
            case TOPIC -> "topic";
            case TEMP_QUEUE -> "temp-queue";
            case TEMP_TOPIC -> "temp-topic";
        };
        return scheme + "://" + d.name();
    }
}
