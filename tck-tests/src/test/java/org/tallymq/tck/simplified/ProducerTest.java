package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JMSProducer: send options, headers and properties configured on the producer and applied to
 * every message it sends (spec 7.4, 7.5, 7.6, 7.10, 3.5.4, JMSProducer javadoc).
 */
class ProducerTest extends SimplifiedTestSupport {

    @Test
    @DisplayName("Defaults: PERSISTENT, priority 4, TTL 0, delay 0, IDs and timestamps on, synchronous (7.4)")
    void defaults() {
        JMSProducer p = context().createProducer();
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, p.getPriority());
        assertEquals(Message.DEFAULT_TIME_TO_LIVE, p.getTimeToLive());
        assertEquals(Message.DEFAULT_DELIVERY_DELAY, p.getDeliveryDelay());
        assertFalse(p.getDisableMessageID());
        assertFalse(p.getDisableMessageTimestamp());
        assertNull(p.getAsync());
        assertNull(p.getJMSCorrelationID());
        assertNull(p.getJMSCorrelationIDAsBytes());
        assertNull(p.getJMSType());
        assertNull(p.getJMSReplyTo());
        assertTrue(p.getPropertyNames().isEmpty());
    }

    @Test
    @DisplayName("Every setter returns the same JMSProducer and the getters see the value (7.10 method chaining)")
    void fluentSetters() {
        JMSContext c = context();
        Queue replyTo = freshQueue(c);
        JMSProducer p = c.createProducer();
        CompletionListener l = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        assertSame(p, p.setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(7).setTimeToLive(60_000)
                .setDeliveryDelay(5).setDisableMessageID(true).setDisableMessageTimestamp(true).setAsync(l)
                .setJMSCorrelationID("corr").setJMSType("type").setJMSReplyTo(replyTo)
                .setProperty("b", true).setProperty("y", (byte) 1).setProperty("s", (short) 2).setProperty("i", 3)
                .setProperty("l", 4L).setProperty("f", 5f).setProperty("d", 6d).setProperty("t", "text")
                .setProperty("o", Integer.valueOf(7)).clearProperties().setProperty("again", 1)
                .setJMSCorrelationIDAsBytes(new byte[] {1}));
        assertEquals(DeliveryMode.NON_PERSISTENT, p.getDeliveryMode());
        assertEquals(7, p.getPriority());
        assertEquals(60_000, p.getTimeToLive());
        assertEquals(5, p.getDeliveryDelay());
        assertTrue(p.getDisableMessageID());
        assertTrue(p.getDisableMessageTimestamp());
        assertSame(l, p.getAsync());
        assertEquals("type", p.getJMSType());
        assertEquals(replyTo, p.getJMSReplyTo());
        assertArrayEquals(new byte[] {1}, p.getJMSCorrelationIDAsBytes());
        assertEquals(Set.of("again"), p.getPropertyNames());
        assertSame(p, p.setAsync(null));
        assertNull(p.getAsync());
    }

    @Test
    @DisplayName("Invalid delivery mode or priority -> JMSRuntimeException (7.4, JMSProducer javadoc)")
    void invalidOptions() {
        JMSProducer p = context().createProducer();
        assertThrows(JMSRuntimeException.class, () -> p.setDeliveryMode(0));
        assertThrows(JMSRuntimeException.class, () -> p.setDeliveryMode(3));
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(-1));
        assertThrows(JMSRuntimeException.class, () -> p.setPriority(10));
        assertEquals(DeliveryMode.PERSISTENT, p.getDeliveryMode(), "a refused value changes nothing");
        assertEquals(4, p.getPriority());
    }

    @Test
    @DisplayName("Send options reach the message: delivery mode, priority, expiration, delivery time (7.7-7.9, 3.4)")
    void sendOptionsApplied() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(8).setTimeToLive(3_600_000)
                .setDeliveryDelay(100).send(q, "opts");
        Message m = receive(c.createConsumer(q));
        assertEquals(DeliveryMode.NON_PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(8, m.getJMSPriority());
        assertTrue(m.getJMSTimestamp() > 0);
        assertTrue(m.getJMSExpiration() >= m.getJMSTimestamp() + 3_600_000, "JMSExpiration = send time + TTL (3.4.9)");
        assertTrue(m.getJMSDeliveryTime() >= m.getJMSTimestamp() + 100, "JMSDeliveryTime = send time + delay (3.4.13)");
        assertTrue(m.getJMSMessageID().startsWith("ID:"), "message IDs start with ID: (3.4.3)");
    }

    @Test
    @DisplayName("No TTL: JMSExpiration is 0; no delay: JMSDeliveryTime is the send time (3.4.9, 3.4.13)")
    void sendOptionsDefaultsApplied() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().send(q, "plain");
        Message m = receive(c.createConsumer(q));
        assertEquals(0, m.getJMSExpiration());
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(4, m.getJMSPriority());
        assertTrue(m.getJMSDeliveryTime() >= m.getJMSTimestamp());
    }

    @Test
    @DisplayName("Headers set on the producer override the message's: JMSCorrelationID, JMSType, JMSReplyTo (7.6)")
    void headersOverrideMessage() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        Queue replyTo = freshQueue(c);
        TextMessage sent = c.createTextMessage("h");
        sent.setJMSCorrelationID("from-message");
        sent.setJMSType("message-type");
        sent.setJMSReplyTo(q);
        c.createProducer().setJMSCorrelationID("from-producer").setJMSType("producer-type").setJMSReplyTo(replyTo)
                .send(q, sent);
        Message m = receive(c.createConsumer(q));
        assertEquals("from-producer", m.getJMSCorrelationID());
        assertEquals("producer-type", m.getJMSType());
        assertEquals(replyTo, m.getJMSReplyTo());
    }

    @Test
    @DisplayName("Headers not set on the producer leave the message's values alone (7.6)")
    void unsetHeadersKeepMessageValues() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        TextMessage sent = c.createTextMessage("h");
        sent.setJMSCorrelationID("mine");
        sent.setJMSType("my-type");
        sent.setJMSReplyTo(q);
        c.createProducer().send(q, sent);
        Message m = receive(c.createConsumer(q));
        assertEquals("mine", m.getJMSCorrelationID());
        assertEquals("my-type", m.getJMSType());
        assertEquals(q, m.getJMSReplyTo());
    }

    @Test
    @DisplayName("setJMSCorrelationIDAsBytes: the array is copied and reaches the message (JMSProducer javadoc)")
    void correlationIdAsBytes() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        byte[] id = {1, 2, 3};
        JMSProducer p = c.createProducer().setJMSCorrelationIDAsBytes(id);
        id[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, p.getJMSCorrelationIDAsBytes(), "copied before the method returns");
        p.getJMSCorrelationIDAsBytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, p.getJMSCorrelationIDAsBytes(), "the getter returns a copy");
        p.send(q, "b");
        assertArrayEquals(new byte[] {1, 2, 3}, receive(c.createConsumer(q)).getJMSCorrelationIDAsBytes());
    }

    @Test
    @DisplayName("Properties set on the producer are set on every message sent, overriding the message's (7.5)")
    void propertiesApplied() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSProducer p = c.createProducer().setProperty("b", true).setProperty("y", (byte) 1)
                .setProperty("s", (short) 2).setProperty("i", 3).setProperty("l", 4L).setProperty("f", 5.5f)
                .setProperty("d", 6.5d).setProperty("t", "text").setProperty("o", Long.valueOf(8))
                .setProperty("shared", "producer");
        TextMessage own = c.createTextMessage("1");
        own.setStringProperty("shared", "message");
        own.setIntProperty("onlyOnMessage", 42);
        p.send(q, own).send(q, "2");
        JMSConsumer consumer = c.createConsumer(q);
        for (int i = 0; i < 2; i++) {
            Message m = receive(consumer);
            assertTrue(m.getBooleanProperty("b"));
            assertEquals((byte) 1, m.getByteProperty("y"));
            assertEquals((short) 2, m.getShortProperty("s"));
            assertEquals(3, m.getIntProperty("i"));
            assertEquals(4L, m.getLongProperty("l"));
            assertEquals(5.5f, m.getFloatProperty("f"));
            assertEquals(6.5d, m.getDoubleProperty("d"));
            assertEquals("text", m.getStringProperty("t"));
            assertEquals(Long.valueOf(8), m.getObjectProperty("o"));
            assertEquals("producer", m.getStringProperty("shared"), "the producer's value overrides the message's");
            assertEquals(i == 0, m.propertyExists("onlyOnMessage"));
        }
    }

    @Test
    @DisplayName("clearProperties: later messages carry none of them (JMSProducer.clearProperties)")
    void clearPropertiesStopsApplying() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSProducer p = c.createProducer().setProperty("a", 1);
        assertTrue(p.propertyExists("a"));
        p.clearProperties();
        assertFalse(p.propertyExists("a"));
        p.send(q, "x");
        assertFalse(receive(c.createConsumer(q)).propertyExists("a"));
    }

    @Test
    @DisplayName("getPropertyNames: unmodifiable, backed by the producer, no header names (JMSProducer javadoc)")
    void propertyNamesView() {
        JMSProducer p = context().createProducer().setProperty("a", 1).setJMSType("t");
        Set<String> names = p.getPropertyNames();
        assertEquals(Set.of("a"), names);
        assertThrows(UnsupportedOperationException.class, () -> names.add("b"));
        assertThrows(UnsupportedOperationException.class, () -> names.remove("a"));
        assertThrows(UnsupportedOperationException.class, names::clear);
        p.setProperty("b", 2);
        assertEquals(Set.of("a", "b"), names, "the set is backed by the producer");
        p.clearProperties();
        assertTrue(names.isEmpty());
    }

    @Test
    @DisplayName("Property conversions allowed by Table 3-2 (3.5.4)")
    void allowedConversions() {
        JMSProducer p = context().createProducer().setProperty("b", true).setProperty("y", (byte) 7)
                .setProperty("s", (short) 300).setProperty("i", 70_000).setProperty("l", 5_000_000_000L)
                .setProperty("f", 1.5f).setProperty("d", 2.5d).setProperty("num", "12").setProperty("bool", "true")
                .setProperty("dec", "3.25");
        assertEquals("true", p.getStringProperty("b"));
        assertEquals((short) 7, p.getShortProperty("y"));
        assertEquals(7, p.getIntProperty("y"));
        assertEquals(7L, p.getLongProperty("y"));
        assertEquals("7", p.getStringProperty("y"));
        assertEquals(300, p.getIntProperty("s"));
        assertEquals(300L, p.getLongProperty("s"));
        assertEquals(70_000L, p.getLongProperty("i"));
        assertEquals("70000", p.getStringProperty("i"));
        assertEquals("5000000000", p.getStringProperty("l"));
        assertEquals(1.5d, p.getDoubleProperty("f"));
        assertEquals("1.5", p.getStringProperty("f"));
        assertEquals("2.5", p.getStringProperty("d"));
        assertEquals((byte) 12, p.getByteProperty("num"));
        assertEquals((short) 12, p.getShortProperty("num"));
        assertEquals(12, p.getIntProperty("num"));
        assertEquals(12L, p.getLongProperty("num"));
        assertTrue(p.getBooleanProperty("bool"));
        assertEquals(3.25f, p.getFloatProperty("dec"));
        assertEquals(3.25d, p.getDoubleProperty("dec"));
        assertEquals(Integer.valueOf(70_000), p.getObjectProperty("i"));
    }

    @Test
    @DisplayName("Property conversions refused by Table 3-2 -> MessageFormatRuntimeException (3.5.4)")
    void refusedConversions() {
        JMSProducer p = context().createProducer().setProperty("b", true).setProperty("i", 1).setProperty("l", 1L)
                .setProperty("f", 1f).setProperty("d", 1d).setProperty("s", (short) 1);
        List<Runnable> refused = new ArrayList<>(List.of(
                () -> p.getByteProperty("b"), () -> p.getIntProperty("b"), () -> p.getDoubleProperty("b"),
                () -> p.getBooleanProperty("i"), () -> p.getByteProperty("i"), () -> p.getShortProperty("i"),
                () -> p.getFloatProperty("i"), () -> p.getIntProperty("l"), () -> p.getDoubleProperty("l"),
                () -> p.getLongProperty("f"), () -> p.getIntProperty("f"), () -> p.getFloatProperty("d"),
                () -> p.getByteProperty("s"), () -> p.getBooleanProperty("f")));
        for (int i = 0; i < refused.size(); i++) {
            assertThrows(MessageFormatRuntimeException.class, refused.get(i)::run, "conversion #" + i);
        }
    }

    @Test
    @DisplayName("A property that is absent reads as valueOf(null): false, null, NumberFormatException (3.5.4)")
    void absentProperty() {
        JMSProducer p = context().createProducer();
        assertFalse(p.propertyExists("none"));
        assertFalse(p.getBooleanProperty("none"));
        assertNull(p.getStringProperty("none"));
        assertNull(p.getObjectProperty("none"));
        assertThrows(NumberFormatException.class, () -> p.getIntProperty("none"));
        assertThrows(NumberFormatException.class, () -> p.getLongProperty("none"));
        assertThrows(NumberFormatException.class, () -> p.getByteProperty("none"));
        assertThrows(NumberFormatException.class, () -> p.getShortProperty("none"));
    }

    @Test
    @DisplayName("A String that is not a number, read as a number -> NumberFormatException (3.5.4)")
    void notANumber() {
        JMSProducer p = context().createProducer().setProperty("t", "abc");
        assertThrows(NumberFormatException.class, () -> p.getIntProperty("t"));
        assertThrows(NumberFormatException.class, () -> p.getLongProperty("t"));
        assertThrows(NumberFormatException.class, () -> p.getDoubleProperty("t"));
    }

    @Test
    @DisplayName("setProperty with a null or empty name -> IllegalArgumentException (JMSProducer.setProperty)")
    void invalidNames() {
        JMSProducer p = context().createProducer();
        assertThrows(IllegalArgumentException.class, () -> p.setProperty(null, 1));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty("", true));
        assertThrows(IllegalArgumentException.class, () -> p.setProperty(null, (Object) 1));
        assertTrue(p.getPropertyNames().isEmpty());
    }

    @Test
    @DisplayName("setProperty(name, Object) with a value that is not a boxed primitive or String -> MFRE (3.5.5)")
    void invalidObjectValues() {
        JMSProducer p = context().createProducer();
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("o", new ArrayList<>()));
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("o", new byte[] {1}));
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("o", (Object) Character.valueOf('c')));
        assertThrows(MessageFormatRuntimeException.class, () -> p.setProperty("o", Collections.emptyMap()));
        assertFalse(p.propertyExists("o"));
    }

    @Test
    @DisplayName("A producer with properties, sending a received message (read-only properties) -> MNWRE")
    void readOnlyPropertiesOfReceivedMessage() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().send(q, "first");
        Message received = receive(c.createConsumer(q));
        Queue other = freshQueue(c);
        assertThrows(MessageNotWriteableRuntimeException.class,
                () -> c.createProducer().setProperty("p", 1).send(other, received));
        c.createProducer().send(other, received); // without producer properties it can be forwarded
        assertEquals("first", text(receive(c.createConsumer(other))));
    }

    @Test
    @DisplayName("A producer's settings do not leak into another producer of the same context (JMSProducer)")
    void producersAreIndependent() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().setPriority(9).setProperty("p", 1).setJMSType("t").setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        c.createProducer().send(q, "plain");
        Message m = receive(c.createConsumer(q));
        assertEquals(4, m.getJMSPriority());
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertFalse(m.propertyExists("p"));
        assertNull(m.getJMSType());
    }
}
