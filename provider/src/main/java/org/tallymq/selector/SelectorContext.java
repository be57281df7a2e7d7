package org.tallymq.selector;

/**
 * What a {@link Selector} can see of a message: its selectable header fields and its properties.
 *
 * <p>{@link #get} is called with the identifiers of the selector, as written (case-sensitive):
 * <ul>
 *   <li>the header fields a selector may reference (Jakarta Messaging 3.1, section 3.8.1.1):
 *       {@code JMSDeliveryMode} (the String {@code "PERSISTENT"} or {@code "NON_PERSISTENT"},
 *       section 3.8.1.3), {@code JMSPriority} (Integer), {@code JMSMessageID} (String or null),
 *       {@code JMSTimestamp} (Long), {@code JMSCorrelationID} (String or null) and
 *       {@code JMSType} (String or null);</li>
 *   <li>any other name is a property name ({@code JMSX...} for properties the specification
 *       defines, such as {@code JMSXDeliveryCount}, {@code JMS_...} for provider-specific ones);
 *       the value is the property's value as it was set, or null when the message has no such
 *       property.</li>
 * </ul>
 * Other {@code JMS...} names never reach this interface: the parser rejects them.
 *
 * <p>Threading: a selector calls {@code get} only from the thread that called
 * {@link Selector#matches}; an implementation need not be thread-safe if each thread uses its own.
 */
@FunctionalInterface
public interface SelectorContext {

    /**
     * The value of an identifier: a header name from the list above, or a property name.
     *
     * @return a Boolean, Byte, Short, Integer, Long, Float, Double or String; null when absent.
     *     Any other type is tolerated and treated as a value that is like no selector type
     *     (comparisons with it are false, arithmetic with it is unknown).
     */
    Object get(String identifier);
}
