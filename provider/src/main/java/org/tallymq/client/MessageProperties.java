package org.tallymq.client;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The properties of one message (spec 3.5): names checked on set, values limited to boxed
 * primitives and String, reads converted by {@link ValueConversion}, read-only after receipt
 * until {@link #clear()}.
 *
 * <h2>Names a client may set</h2>
 * A name must be a message selector identifier (spec 3.8.1.1): a Java identifier start followed by
 * Java identifier parts, and not one of NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS,
 * ESCAPE (in any case, as selector keywords are case-insensitive). Names beginning with "JMS" are
 * reserved: "JMSX..." for the specification's properties, of which a client sets only
 * JMSXGroupID and JMSXGroupSeq (spec 3.5.9, Table 3-3; the others are set by the provider);
 * "JMS_..." for provider-specific properties, which are allowed (so messages of other providers
 * can be copied); every other "JMS..." name is a header field reference in a selector and would
 * never be matched as a property, so it is refused. Every refusal is an
 * {@link IllegalArgumentException}, the exception the javadoc names for a null or empty name.
 *
 * <p>Threading: not thread-safe; used by the one thread that uses the message.
 */
final class MessageProperties {

    static final String KIND = "property";
    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    static final String JMSX_GROUP_ID = "JMSXGroupID";
    static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    private static final Set<String> RESERVED_WORDS =
            Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    // ---- writing -------------------------------------------------------------------------

    /**
     * Sets a property as a client does.
     *
     * @throws IllegalArgumentException     for a name a client may not use (see the class comment)
     * @throws MessageNotWriteableException if the properties are read-only (a received message)
     * @throws MessageFormatException       if the value is not a boxed primitive or a String
     */
    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        checkName(name);
        if (readOnly) {
            throw new MessageNotWriteableException("cannot set property '" + name
                    + "': the properties of a received message are read-only; call clearProperties() first");
        }
        if (value != null && !ValueConversion.isPropertyType(value)) {
            throw new MessageFormatException("cannot set property '" + name + "' to a " + value.getClass().getName()
                    + ": property values must be Boolean, Byte, Short, Integer, Long, Float, Double or String (spec 3.5.5)");
        }
        values.put(name, value);
    }

    /** Sets a property the provider owns (JMSXDeliveryCount at receipt), bypassing the client's rules. */
    void setByProvider(String name, Object value) {
        values.put(name, value);
    }

    /** Removes a property the provider set (an automatic duplicate id after its send succeeded). */
    void remove(String name) {
        values.remove(name);
    }

    /** Adds properties that arrived with a message; values are trusted to be of the allowed types. */
    void load(Map<String, Object> received) {
        values.putAll(received);
    }

    /** Deletes every property and makes the properties writable (spec 3.5.7). */
    void clear() {
        values.clear();
        readOnly = false;
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    // ---- reading -------------------------------------------------------------------------

    boolean exists(String name) {
        return values.containsKey(name);
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean getBoolean(String name) throws MessageFormatException {
        return ValueConversion.toBoolean(values.get(name), KIND, name);
    }

    byte getByte(String name) throws MessageFormatException {
        return ValueConversion.toByte(values.get(name), KIND, name);
    }

    short getShort(String name) throws MessageFormatException {
        return ValueConversion.toShort(values.get(name), KIND, name);
    }

    int getInt(String name) throws MessageFormatException {
        return ValueConversion.toInt(values.get(name), KIND, name);
    }

    long getLong(String name) throws MessageFormatException {
        return ValueConversion.toLong(values.get(name), KIND, name);
    }

    float getFloat(String name) throws MessageFormatException {
        return ValueConversion.toFloat(values.get(name), KIND, name);
    }

    double getDouble(String name) throws MessageFormatException {
        return ValueConversion.toDouble(values.get(name), KIND, name);
    }

    String getString(String name) throws MessageFormatException {
        return ValueConversion.toText(values.get(name), KIND, name);
    }

    /** The names, as a snapshot: setting properties while enumerating does not disturb it. */
    Enumeration<String> names() {
        return Collections.enumeration(new ArrayList<>(values.keySet()));
    }

    int size() {
        return values.size();
    }

    /**
     * The properties to send. A property set to null is left out: an absent property reads as
     * null through every getter and in selectors, so nothing is lost but {@code propertyExists}.
     */
    Map<String, Object> snapshot() {
        if (values.isEmpty()) {
            return Map.of();
        }
        if (!values.containsValue(null)) {
            return values; // MessageData copies the map
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /**
     * Every name and value as an unmodifiable live view (not a copy): what
     * {@code JMSProducer.getPropertyNames} returns the key set of, and how a JMSProducer copies its
     * properties onto a message.
     */
    Map<String, Object> view() {
        return Collections.unmodifiableMap(values);
    }

    // ---- names ---------------------------------------------------------------------------

    /**
     * Checks a name a client gives (see the class comment).
     *
     * @throws IllegalArgumentException with the reason, for a name a client may not set
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be " + (name == null ? "null" : "empty"));
        }
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name: a name must be a Java"
                    + " identifier (a letter, '_' or '$', then letters, digits, '_' or '$'), spec 3.5.1 and 3.8.1.1");
        }
        if (RESERVED_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + name + "' is not a valid property name: it is a message selector"
                    + " keyword (NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE), spec 3.8.1.1");
        }
        if (name.startsWith("JMS") && !name.startsWith("JMS_")) {
            if (name.equals(JMSX_GROUP_ID) || name.equals(JMSX_GROUP_SEQ)) {
                return;
            }
            if (name.startsWith("JMSX")) {
                throw new IllegalArgumentException("property '" + name + "' is reserved: of the JMSX properties a"
                        + " client may set only JMSXGroupID and JMSXGroupSeq; the others are set by the provider"
                        + " (spec 3.5.9, Table 3-3)");
            }
            throw new IllegalArgumentException("property name '" + name + "' is reserved: names beginning with"
                    + " 'JMS' are header fields (set them with the setJMS... methods), JMSX properties or JMS_<vendor>"
                    + " properties (spec 3.5.9, 3.5.10); choose a name that does not begin with 'JMS'");
        }
    }

    private static boolean isIdentifier(String s) {
        int first = s.codePointAt(0);
        if (!Character.isJavaIdentifierStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!Character.isJavaIdentifierPart(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
