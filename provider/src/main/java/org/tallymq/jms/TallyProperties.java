package org.tallymq.jms;

import org.tallymq.protocol.PolicyProperties;

/**
 * Message properties with a meaning to Tally (see the README, "Delivery policies").
 *
 * <ul>
 *   <li>{@link #DUPLICATE_ID}: set it (a String unique per logical message) before {@code send}; the broker
 *       then drops a second message with the same id sent to the same destination while the id is among the
 *       destination's last {@code duplicateCacheSize} ids, also after a restart or a crash of the broker.</li>
 *   <li>The others are set by the broker on a message it moved to a dead-letter or expiry queue.</li>
 * </ul>
 */
public final class TallyProperties {

    /** {@value}: the producer's duplicate id of a message (a String). */
    public static final String DUPLICATE_ID = PolicyProperties.DUPLICATE_ID;
    /** {@value}: where a dead-lettered or expired message was sent, {@code queue://NAME} or {@code topic://NAME}. */
    public static final String ORIGINAL_DESTINATION = PolicyProperties.ORIGINAL_DESTINATION;
    /** {@value}: an int, the delivery attempts a dead-lettered or expired message had seen. */
    public static final String ORIGINAL_DELIVERY_COUNT = PolicyProperties.ORIGINAL_DELIVERY_COUNT;
    /** {@value}: why the message left its destination, in words. */
    public static final String REASON = PolicyProperties.REASON;
    /** {@value}: a long, the JMSExpiration an expired message had (the copy in the expiry queue has none). */
    public static final String ORIGINAL_EXPIRATION = PolicyProperties.ORIGINAL_EXPIRATION;

    private TallyProperties() {
    }
}
