package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.5, message properties (the conversion table of 3.5.4 is in {@link PropertyConversionTest}). */
@Timeout(30)
class PropertyTest {

    // ---- 3.5.1 property names -------------------------------------------------------------

    @ParameterizedTest(name = "3.5.1 valid identifier \"{0}\" is accepted and round-trips")
    @ValueSource(strings = {"a", "_underscore", "$dollar", "camelCase9", "x_1$", "\u00fcber", "JMSXGroupID",
            "nullable", "island", "order"})
    @DisplayName("3.5.1 a name obeying the selector identifier rules is accepted")
    void validNames(String name) throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setStringProperty(name, "v");
            return message;
        });
        assertEquals("v", received.getStringProperty(name));
    }

    @ParameterizedTest(name = "3.5.1 reserved word {0} is rejected as a property name")
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE"})
    @DisplayName("3.5.1 / 3.8.1.1 identifiers cannot be NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE")
    void reservedWordsRejected(String name) throws Exception {
        assertNameRejected(name);
    }

    @ParameterizedTest(name = "3.5.1 \"{0}\" is not a Java identifier and is rejected")
    @ValueSource(strings = {"1abc", "a-b", "a b", "a.b", "price%", "x+y", "'quoted'"})
    @DisplayName("3.5.1 / 3.8.1.1 a name must start with a Java identifier start character and continue with part characters")
    void invalidIdentifiersRejected(String name) throws Exception {
        assertNameRejected(name);
    }

    /**
     * The spec says property names "must obey the rules for a message selector identifier" but names
     * no exception for a name that does not. Any of the API's failure signals counts as a rejection
     * (IllegalArgumentException as for null/empty names, a JMSException, or a JMSRuntimeException);
     * silently storing the property does not.
     */
    private static void assertNameRejected(String name) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message message = link.session.createMessage();
            try {
                message.setStringProperty(name, "v");
            } catch (IllegalArgumentException | JMSException | JMSRuntimeException expected) {
                return;
            }
            fail("setStringProperty(\"" + name + "\", ...) was accepted; property names must be selector identifiers");
        }
    }

    static Stream<Arguments> settersWithBadNames() {
        return Stream.of(PropertyKind.values())
                .flatMap(kind -> Stream.of(Arguments.of(kind, null), Arguments.of(kind, "")));
    }

    @ParameterizedTest(name = "3.5.1 {0} setter with name [{1}] throws IllegalArgumentException")
    @MethodSource("settersWithBadNames")
    @DisplayName("3.5.1 / Message javadoc: a null or empty property name gives IllegalArgumentException")
    void nullOrEmptyNameIsIllegal(PropertyKind kind, String name) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message message = link.session.createMessage();
            assertThrows(IllegalArgumentException.class, () -> kind.set(message, name, kind.sample()));
            assertThrows(IllegalArgumentException.class, () -> message.setObjectProperty(name, kind.sample()),
                    "setObjectProperty");
        }
    }

    // ---- 3.5.2 property values --------------------------------------------------------------

    static Stream<Arguments> extremeValues() {
        return Stream.of(
                Arguments.of(PropertyKind.BOOLEAN, true), Arguments.of(PropertyKind.BOOLEAN, false),
                Arguments.of(PropertyKind.BYTE, Byte.MIN_VALUE), Arguments.of(PropertyKind.BYTE, Byte.MAX_VALUE),
                Arguments.of(PropertyKind.SHORT, Short.MIN_VALUE), Arguments.of(PropertyKind.SHORT, Short.MAX_VALUE),
                Arguments.of(PropertyKind.INT, Integer.MIN_VALUE), Arguments.of(PropertyKind.INT, Integer.MAX_VALUE),
                Arguments.of(PropertyKind.LONG, Long.MIN_VALUE), Arguments.of(PropertyKind.LONG, Long.MAX_VALUE),
                Arguments.of(PropertyKind.FLOAT, Float.MIN_VALUE), Arguments.of(PropertyKind.FLOAT, -Float.MAX_VALUE),
                Arguments.of(PropertyKind.FLOAT, Float.NaN), Arguments.of(PropertyKind.FLOAT, Float.NEGATIVE_INFINITY),
                Arguments.of(PropertyKind.DOUBLE, Double.MIN_VALUE), Arguments.of(PropertyKind.DOUBLE, Double.MAX_VALUE),
                Arguments.of(PropertyKind.DOUBLE, Double.NaN), Arguments.of(PropertyKind.DOUBLE, -0.0d),
                Arguments.of(PropertyKind.STRING, ""), Arguments.of(PropertyKind.STRING, "plain"),
                Arguments.of(PropertyKind.STRING, "caf\u00e9 \u2603 \uD834\uDD1E \u0000 'quote' \"dq\""),
                Arguments.of(PropertyKind.STRING, "x".repeat(70_000)));
    }

    @ParameterizedTest(name = "3.5.2 {0} value {1} round-trips with its own getter and as its boxed object")
    @MethodSource("extremeValues")
    @DisplayName("3.5.2 every property type round-trips, extremes included")
    void valueRoundTrip(PropertyKind kind, Object value) throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            kind.set(message, "p", value);
            return message;
        });
        assertEquals(value, kind.get(received, "p"));
        assertEquals(value, received.getObjectProperty("p"), "getObjectProperty returns the boxed type of the setter");
    }

    @Test
    @DisplayName("3.5.2 / 3.12 a String property set to null reads back as null")
    void nullStringValue() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setStringProperty("s", null);
            return message;
        });
        assertNull(received.getStringProperty("s"));
        assertNull(received.getObjectProperty("s"));
    }

    @Test
    @DisplayName("3.5.2 setting a property again replaces its value and its type")
    void settingAgainReplaces() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setIntProperty("p", 1);
            message.setStringProperty("p", "now a string");
            return message;
        });
        assertEquals("now a string", received.getObjectProperty("p"));
    }

    // ---- 3.5.3 read-only on receipt ---------------------------------------------------------

    @ParameterizedTest(name = "3.5.3 {0} on a received message throws MessageNotWriteableException")
    @EnumSource(PropertyKind.class)
    @DisplayName("3.5.3 properties of a received message are read-only")
    void receivedPropertiesAreReadOnly(PropertyKind kind) throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setStringProperty("existing", "x");
            return message;
        });
        assertThrows(MessageNotWriteableException.class, () -> kind.set(received, "fresh", kind.sample()));
        assertThrows(MessageNotWriteableException.class, () -> kind.set(received, "existing", kind.sample()));
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("fresh", kind.sample()),
                "setObjectProperty");
        assertEquals("x", received.getStringProperty("existing"), "a refused write changes nothing");
    }

    @Test
    @DisplayName("3.5.3 / 3.10 after clearProperties the received message's properties are writable and readable")
    void clearPropertiesMakesReceivedWritable() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> {
            TextMessage message = session.createTextMessage("body stays");
            message.setStringProperty("old", "x");
            return message;
        });
        received.clearProperties();
        assertFalse(received.propertyExists("old"));
        received.setIntProperty("fresh", 5);
        assertEquals(5, received.getIntProperty("fresh"));
        assertEquals("body stays", received.getText(), "clearProperties does not clear the body (3.5.7)");
    }

    // ---- 3.5.5 property values as objects ----------------------------------------------------

    @ParameterizedTest(name = "3.5.5 setObjectProperty with a {0} round-trips as that class")
    @EnumSource(PropertyKind.class)
    @DisplayName("3.5.5 setObjectProperty accepts Boolean, Byte, Short, Integer, Long, Float, Double and String")
    void objectPropertyRoundTrip(PropertyKind kind) throws Exception {
        Object value = kind.sample();
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setObjectProperty("p", value);
            return message;
        });
        Object read = received.getObjectProperty("p");
        assertEquals(value.getClass(), read == null ? null : read.getClass());
        assertEquals(value, read);
        assertEquals(value, kind.get(received, "p"), "the typed getter of the same type");
    }

    static Stream<Arguments> unsupportedObjects() {
        return Stream.of(Arguments.of('c'), Arguments.of((Object) new byte[] {1, 2}), Arguments.of(new Object()),
                Arguments.of(new ArrayList<>(List.of("a"))), Arguments.of(new BigDecimal("1.5")),
                Arguments.of(new Date(0)));
    }

    @ParameterizedTest(name = "3.5.5 setObjectProperty with a {0} throws MessageFormatException")
    @MethodSource("unsupportedObjects")
    @DisplayName("3.5.5 setObjectProperty with any other class throws MessageFormatException")
    void unsupportedObjectProperty(Object value) throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message message = link.session.createMessage();
            assertThrows(MessageFormatException.class, () -> message.setObjectProperty("p", value),
                    () -> value.getClass().getName());
            assertFalse(message.propertyExists("p"), "a refused value is not stored");
        }
    }

    // ---- 3.5.6 iteration, 3.5.7 clearing, propertyExists --------------------------------------

    @Test
    @DisplayName("3.5.6 getPropertyNames enumerates every property set, and no header field")
    void propertyNames() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setBooleanProperty("b", true);
            message.setIntProperty("i", 1);
            message.setStringProperty("s", "x");
            message.setDoubleProperty("d", 1.0);
            message.setJMSType("a-type");
            message.setJMSCorrelationID("a-correlation");
            return message;
        });
        Set<String> names = new HashSet<>(Collections.list(names(received)));
        assertTrue(names.containsAll(Set.of("b", "i", "s", "d")), () -> "getPropertyNames gave " + names);
        for (String header : List.of("JMSType", "JMSCorrelationID", "JMSMessageID", "JMSTimestamp", "JMSDestination",
                "JMSDeliveryMode", "JMSPriority", "JMSExpiration", "JMSRedelivered", "JMSReplyTo", "JMSDeliveryTime")) {
            assertFalse(names.contains(header), () -> "getPropertyNames must not list header field " + header);
        }
        for (String name : names) {
            if (!name.startsWith("JMSX") && !name.startsWith("JMS_")) {
                assertTrue(Set.of("b", "i", "s", "d").contains(name), () -> "unexpected application property " + name);
            }
        }
    }

    @Test
    @DisplayName("3.5.6 getPropertyNames of a new message has no application property")
    void propertyNamesOfNewMessage() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Message message = link.session.createMessage();
            assertEquals(Set.of(), applicationNames(message), "a new message has no application properties");
        }
    }

    @Test
    @DisplayName("3.5.6 propertyExists is true for set properties and false for others")
    void propertyExists() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setLongProperty("there", 1L);
            return message;
        });
        assertTrue(received.propertyExists("there"));
        assertFalse(received.propertyExists("absent"));
        assertFalse(received.propertyExists("There"), "names are case-sensitive");
    }

    @Test
    @DisplayName("3.5.7 clearProperties leaves an empty set of properties; new ones can be set and read")
    void clearProperties() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            TextMessage message = link.session.createTextMessage("body");
            message.setIntProperty("a", 1);
            message.setStringProperty("b", "x");
            message.clearProperties();
            assertEquals(Set.of(), applicationNames(message), "no application property names after clearProperties");
            assertFalse(message.propertyExists("a"));
            assertNull(message.getObjectProperty("b"));
            assertEquals("body", message.getText(), "clearProperties does not clear the body");
            message.setIntProperty("c", 3);
            assertEquals(3, message.getIntProperty("c"));

            TextMessage received = link.sendAndReceive(message, TextMessage.class);
            assertEquals(3, received.getIntProperty("c"));
            assertFalse(received.propertyExists("a"));
        }
    }

    @Test
    @DisplayName("3.11.1 clearBody does not clear the properties")
    void clearBodyKeepsProperties() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> {
            TextMessage message = session.createTextMessage("body");
            message.setStringProperty("kept", "yes");
            return message;
        });
        received.clearBody();
        assertNull(received.getText());
        assertEquals("yes", received.getStringProperty("kept"));
    }

    // ---- 3.5.8 non-existent properties ---------------------------------------------------------

    @ParameterizedTest(name = "3.5.8 absent property on a {0} message")
    @EnumSource(PropertyConversionTest.Where.class)
    @DisplayName("3.5.8 an absent property reads as null: getBoolean false, getString/getObject null, numeric getters as valueOf(null)")
    void absentProperty(PropertyConversionTest.Where where) throws Exception {
        Message message = PropertyConversionTest.messageWith(where, PropertyKind.INT, 1); // "p" exists, "q" does not
        assertFalse(message.getBooleanProperty("q"), "Boolean.valueOf(null) is false");
        assertNull(message.getStringProperty("q"));
        assertNull(message.getObjectProperty("q"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("q"), "Byte.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> message.getShortProperty("q"), "Short.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("q"), "Integer.valueOf(null)");
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("q"), "Long.valueOf(null)");
        // Float.valueOf((String) null) and Double.valueOf((String) null) throw NullPointerException,
        // which the spec's "treated as calling valueOf(String) with a null value" therefore demands.
        assertThrows(NullPointerException.class, () -> message.getFloatProperty("q"), "Float.valueOf(null)");
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("q"), "Double.valueOf(null)");
    }

    // ---- 3.5.9 JMSX properties ---------------------------------------------------------------

    @Test
    @DisplayName("3.5.9 JMSXGroupID (String) and JMSXGroupSeq (int) are set by the client and carried")
    void groupProperties() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setStringProperty("JMSXGroupID", "group-7");
            message.setIntProperty("JMSXGroupSeq", 3);
            return message;
        });
        assertEquals("group-7", received.getStringProperty("JMSXGroupID"));
        assertEquals(3, received.getIntProperty("JMSXGroupSeq"));
    }

    @Test
    @DisplayName("3.5.9 / 3.5.11 JMSXDeliveryCount is an int set by the provider on receive: 1 on first delivery")
    void deliveryCountOnReceive() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, Session::createMessage);
        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        assertInstanceOf(Integer.class, received.getObjectProperty("JMSXDeliveryCount"), "JMSXDeliveryCount is an int");
        assertTrue(received.propertyExists("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("3.5.9 ConnectionMetaData.getJMSXPropertyNames lists the mandatory JMSXDeliveryCount, JMSXGroupID and JMSXGroupSeq")
    void jmsxPropertyNamesInMetaData() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            Set<Object> names = new HashSet<>(Collections.list(link.connection.getMetaData().getJMSXPropertyNames()));
            assertTrue(names.containsAll(Set.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq")),
                    () -> "getJMSXPropertyNames gave " + names);
        }
    }

    /**
     * Property names other than JMSX (Jakarta Messaging defined, whose presence is the provider's
     * business, 3.5.9) and JMS_ (provider-specific, 3.5.10) ones.
     */
    private static Set<String> applicationNames(Message message) throws JMSException {
        Set<String> names = new HashSet<>();
        for (String name : Collections.list(names(message))) {
            if (!name.startsWith("JMSX") && !name.startsWith("JMS_")) {
                names.add(name);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Enumeration<String> names(Message message) throws JMSException {
        return message.getPropertyNames();
    }
}
