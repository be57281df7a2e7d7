package org.tallymq.broker;

/**
 * What the broker does with the messages of one destination when a delivery fails, when they
 * expire, and how many duplicate ids it remembers. Immutable; resolved for a destination name by
 * {@link DeliveryPolicies}.
 *
 * @param maxDeliveryAttempts  deliveries the application may see (and not acknowledge) before the message
 *                             goes to {@link #deadLetterQueue}; 0 means no limit
 * @param redeliveryDelayMillis how long a message returned unacknowledged waits before its next delivery
 * @param redeliveryMultiplier the delay grows by this factor with each further attempt (1: constant)
 * @param maxRedeliveryDelayMillis the delay never grows beyond this
 * @param deadLetterQueue      the queue a message goes to after its last allowed attempt
 * @param expiryQueue          the queue an expired message goes to; null: it is removed
 * @param duplicateCacheSize   how many duplicate ids the broker remembers for the destination; 0: none
 */
public record DeliveryPolicy(int maxDeliveryAttempts, long redeliveryDelayMillis, double redeliveryMultiplier,
                             long maxRedeliveryDelayMillis, String deadLetterQueue, String expiryQueue,
                             int duplicateCacheSize) {

    /** The policy of a destination no configuration mentions. */
    public static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(10, 0, 1.0, 60_000, "DLQ", null, 2000);

    public DeliveryPolicy {
        if (maxDeliveryAttempts < 0 || redeliveryDelayMillis < 0 || maxRedeliveryDelayMillis < 0
                || !(redeliveryMultiplier >= 1.0) || duplicateCacheSize < 0 || deadLetterQueue == null
                || deadLetterQueue.isEmpty() || (expiryQueue != null && expiryQueue.isEmpty())) {
            throw new IllegalArgumentException("invalid delivery policy: maxDeliveryAttempts=" + maxDeliveryAttempts
                    + ", redeliveryDelay=" + redeliveryDelayMillis + ", redeliveryMultiplier=" + redeliveryMultiplier
                    + ", maxRedeliveryDelay=" + maxRedeliveryDelayMillis + ", deadLetterQueue=" + deadLetterQueue
                    + ", expiryQueue=" + expiryQueue + ", duplicateCacheSize=" + duplicateCacheSize + " (expected numbers"
                    + " >= 0, a multiplier >= 1, a dead-letter queue name, and an expiry queue that is null or named)");
        }
    }

    /**
     * The wait before the next delivery of a message returned after {@code attempts} unacknowledged
     * deliveries: {@code delay * multiplier^(attempts-1)}, at most {@link #maxRedeliveryDelayMillis}.
     */
    public long redeliveryDelay(int attempts) {
        if (redeliveryDelayMillis == 0) {
            return 0;
        }
        double d = redeliveryDelayMillis * Math.pow(redeliveryMultiplier, Math.max(0, attempts - 1));
        return (long) Math.min(d, Math.max(redeliveryDelayMillis, maxRedeliveryDelayMillis));
    }

    /** Whether a message that has seen {@code attempts} unacknowledged deliveries may not be delivered again. */
    public boolean exhausted(int attempts) {
        return maxDeliveryAttempts > 0 && attempts >= maxDeliveryAttempts;
    }
}
