package org.tallymq.selector;

/**
 * Which names a selector may use, and the types the parser knows for them (section 3.8.1.1):
 *
 * <ul>
 *   <li>"Message header field references are restricted to JMSDeliveryMode, JMSPriority,
 *       JMSMessageID, JMSTimestamp, JMSCorrelationID, and JMSType." Their types are fixed
 *       ({@link #typeOf}), so a selector such as {@code JMSPriority LIKE '4%'} is rejected when
 *       it is presented.</li>
 *   <li>"Any name beginning with 'JMSX' is a Jakarta Messaging defined property name" and "any
 *       name beginning with 'JMS_' is a provider-specific property name": both are property
 *       references, typed per message like any property (JMSXDeliveryCount, JMSXGroupID, ...;
 *       section 3.5.9: "JMSX properties may be referenced in message selectors whether or not
 *       they are supported by a connection").</li>
 *   <li>Every other name beginning with "JMS" (JMSDestination, JMSReplyTo, JMSExpiration,
 *       JMSRedelivered, JMSDeliveryTime, or a misspelling such as JMSpriority) is neither a
 *       header the selector may reference nor a property name a client may define, so it is
 *       rejected with {@code InvalidSelectorException} rather than silently evaluating to NULL
 *       and never matching.</li>
 *   <li>Any other name is an application property. Names are case-sensitive: {@code jmsType}
 *       is an application property, not the header.</li>
 * </ul>
 */
final class Identifiers {

    static final String SELECTABLE_HEADERS =
            "JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID and JMSType";

    private Identifiers() {
    }

    /** The type the parser can rely on: known for the six headers, {@link ValueType#ANY} otherwise. */
    static ValueType typeOf(String name) {
        switch (name) {
            case "JMSDeliveryMode":
            case "JMSMessageID":
            case "JMSCorrelationID":
            case "JMSType":
                return ValueType.STRING;
            case "JMSPriority":
            case "JMSTimestamp":
                return ValueType.NUMBER;
            default:
                return ValueType.ANY;
        }
    }

    static boolean isSelectableHeader(String name) {
        return typeOf(name) != ValueType.ANY;
    }

    /** Why a selector may not use this name, or null when it may. */
    static String rejection(String name) {
        if (!name.startsWith("JMS") || isSelectableHeader(name) || name.startsWith("JMSX")
                || name.startsWith("JMS_")) {
            return null;
        }
        return "the identifier " + Token.shorten(name) + " cannot be used in a selector: header references are "
                + "restricted to " + SELECTABLE_HEADERS + " (Jakarta Messaging 3.1 section 3.8.1.1), "
                + "names beginning with JMSX or JMS_ are properties, and other names beginning with JMS are reserved";
    }

    /** An extra hint for a type error involving this identifier, or "". */
    static String hint(String name) {
        if (name.equals("JMSDeliveryMode")) {
            return " (in a selector JMSDeliveryMode has the string values 'PERSISTENT' and 'NON_PERSISTENT', "
                    + "section 3.8.1.3)";
        }
        if (isSelectableHeader(name)) {
            return " (" + name + " is " + typeOf(name).noun() + ")";
        }
        return "";
    }
}
