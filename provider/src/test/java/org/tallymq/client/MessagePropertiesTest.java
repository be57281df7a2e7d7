package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePropertiesTest {

    interface Setter {
        void set(TallyMessage m, String name) throws JMSException;
    }

    private static final List<Setter> ALL_SETTERS = List.of(
            (m, n) -> m.setBooleanProperty(n, true),
            (m, n) -> m.setByteProperty(n, (byte) 1),
            (m, n) -> m.setShortProperty(n, (short) 1),
            (m, n) -> m.setIntProperty(n, 1),
            (m, n) -> m.setLongProperty(n, 1L),
            (m, n) -> m.setFloatProperty(n, 1f),
            (m, n) -> m.setDoubleProperty(n, 1d),
            (m, n) -> m.setStringProperty(n, "v"),
            (m, n) -> m.setObjectProperty(n, 1));

    private static TallyMessage received(TallyMessage sent, int deliveryCount) throws JMSException {
        return TallyMessage.fromMessageData(sent.toMessageData(), deliveryCount, null);
    }

    @Test
    @DisplayName("Message javadoc: a null or empty name throws IllegalArgumentException from every setter")
    void nullAndEmptyNames() {
        for (Setter s : ALL_SETTERS) {
            assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMessage(), null));
            assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMessage(), ""));
        }
    }

    @ParameterizedTest(name = "invalid identifier \"{0}\"")
    @ValueSource(strings = {"1a", "a.b", "a-b", "a b", "+1", "'x'", "\u0030", "a\u2028b"})
    @DisplayName("spec 3.5.1/3.8.1.1: a name that is not a Java identifier is refused")
    void invalidIdentifiers(String name) {
        for (Setter s : ALL_SETTERS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMessage(), name));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @ParameterizedTest(name = "selector keyword \"{0}\"")
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
        "null", "True", "escape", "between"})
    @DisplayName("spec 3.8.1.1: selector keywords (case-insensitive) are not property names")
    void reservedWords(String name) {
        for (Setter s : ALL_SETTERS) {
            assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMessage(), name));
        }
    }

    @ParameterizedTest(name = "provider-owned name \"{0}\"")
    @ValueSource(strings = {"JMSXDeliveryCount", "JMSXUserID", "JMSXAppID", "JMSXProducerTXID", "JMSXConsumerTXID",
        "JMSXRcvTimestamp", "JMSXState", "JMSXSomethingNew", "JMSType", "JMSCorrelationID", "JMSPriority"})
    @DisplayName("spec 3.5.9 Table 3-3: JMSX properties other than JMSXGroupID/Seq and header names are refused")
    void reservedJmsNames(String name) {
        for (Setter s : ALL_SETTERS) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.set(new TallyMessage(), name));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @ParameterizedTest(name = "valid name \"{0}\"")
    @ValueSource(strings = {"a", "_a", "$a", "a1", "a_b$c", "JMSXGroupID", "JMSXGroupSeq", "JMS_TALLY_Hint",
        "NULLABLE", "Island", "\u0041\u0061\u0391\u0430\u0301", "日本"})
    @DisplayName("spec 3.5.1: identifiers, JMSXGroupID/Seq and JMS_<vendor> names are accepted")
    void validNames(String name) throws JMSException {
        for (Setter s : ALL_SETTERS) {
            TallyMessage m = new TallyMessage();
            s.set(m, name);
            assertTrue(m.propertyExists(name));
        }
    }

    @Test
    @DisplayName("spec 3.5.5: setObjectProperty with a type other than boxed primitive or String throws MessageFormatException")
    void setObjectPropertyTypes() throws JMSException {
        TallyMessage m = new TallyMessage();
        for (Object bad : new Object[] {new Object(), 'c', new byte[1], List.of(), new StringBuilder("x"),
            java.math.BigDecimal.ONE}) {
            assertThrows(MessageFormatException.class, () -> m.setObjectProperty("p", bad), bad.getClass().getName());
            assertFalse(m.propertyExists("p"));
        }
        m.setObjectProperty("p", null);
        assertTrue(m.propertyExists("p"));
        assertNull(m.getObjectProperty("p"));
    }

    @Test
    @DisplayName("spec 3.5.3 / 3.10: properties of a received message are read-only for every setter")
    void receivedPropertiesAreReadOnly() throws JMSException {
        TallyMessage sent = new TallyMessage();
        sent.setStringProperty("a", "x");
        TallyMessage r = received(sent, 1);
        for (Setter s : ALL_SETTERS) {
            assertThrows(MessageNotWriteableException.class, () -> s.set(r, "a"));
            assertThrows(MessageNotWriteableException.class, () -> s.set(r, "b"));
        }
        assertEquals("x", r.getStringProperty("a"));
        assertFalse(r.propertyExists("b"));
    }

    @Test
    @DisplayName("spec 3.5.7: clearProperties deletes every property and makes them writable; the body stays")
    void clearProperties() throws JMSException {
        TallyTextMessage sent = new TallyTextMessage("body");
        sent.setIntProperty("a", 1);
        TallyTextMessage r = (TallyTextMessage) received(sent, 2);
        assertTrue(r.propertyExists("JMSXDeliveryCount"));
        r.clearProperties();
        assertFalse(r.getPropertyNames().hasMoreElements());
        assertFalse(r.propertyExists("a"));
        assertNull(r.getObjectProperty("JMSXDeliveryCount"));
        assertThrows(NumberFormatException.class, () -> r.getShortProperty("a"));
        r.setIntProperty("a", 5);
        assertEquals(5, r.getIntProperty("a"));
        assertEquals("body", r.getText());
        assertThrows(MessageNotWriteableException.class, () -> r.setText("x"), "clearProperties leaves the body read-only");
    }

    @Test
    @DisplayName("spec 3.5.6/3.5.11: getPropertyNames lists application and JMSX properties, never header fields")
    void propertyNames() throws JMSException {
        TallyMessage sent = new TallyMessage();
        sent.setStringProperty("b", "1");
        sent.setIntProperty("a", 1);
        sent.setStringProperty("JMSXGroupID", "g");
        sent.setIntProperty("JMSXGroupSeq", 1);
        sent.setJMSType("type");
        sent.setJMSCorrelationID("c");
        assertEquals(Set.of("a", "b", "JMSXGroupID", "JMSXGroupSeq"), names(sent));
        TallyMessage r = received(sent, 3);
        assertEquals(Set.of("a", "b", "JMSXGroupID", "JMSXGroupSeq", "JMSXDeliveryCount"), names(r));
        assertEquals(3, r.getIntProperty("JMSXDeliveryCount"));
        assertEquals("3", r.getStringProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("getPropertyNames is a snapshot: setting a property while enumerating is safe")
    void propertyNamesSnapshot() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setIntProperty("a", 1);
        Enumeration<String> names = m.getPropertyNames();
        m.setIntProperty("b", 2);
        assertEquals(List.of("a"), Collections.list(names));
    }

    @Test
    @DisplayName("spec 3.5.1: property names are case-sensitive")
    void caseSensitive() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setIntProperty("abc", 1);
        assertFalse(m.propertyExists("ABC"));
        assertNull(m.getObjectProperty("ABC"));
    }

    @Test
    @DisplayName("a property set again replaces the value and its type")
    void replace() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setIntProperty("a", 1);
        m.setStringProperty("a", "two");
        assertEquals("two", m.getObjectProperty("a"));
        assertEquals(List.of("a"), Collections.list(m.getPropertyNames()));
    }

    @Test
    @DisplayName("a property set to null is not sent (absent reads the same everywhere)")
    void nullPropertyNotSent() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setStringProperty("n", null);
        m.setStringProperty("s", "v");
        assertEquals(Set.of("s"), m.toMessageData().properties().keySet());
    }

    private static Set<String> names(TallyMessage m) {
        Set<String> s = new TreeSet<>();
        for (Enumeration<String> e = m.getPropertyNames(); e.hasMoreElements(); ) {
            s.add(e.nextElement());
        }
        return s;
    }

    @Test
    @DisplayName("a getter with a null name reads as absent, not as a NullPointerException of its own")
    void nullNameGetters() throws JMSException {
        TallyMessage m = new TallyMessage();
        assertFalse(m.propertyExists(null));
        assertNull(m.getStringProperty(null));
        assertFalse(m.getBooleanProperty(null));
        assertThrows(NumberFormatException.class, () -> m.getIntProperty(null));
    }
}
