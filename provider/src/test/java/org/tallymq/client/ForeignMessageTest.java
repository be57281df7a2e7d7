package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyQueue;

/** Messages of other providers (spec 3.12: they must be accepted), acknowledge() and toString(). */
class ForeignMessageTest {

    /** A message of "another provider": a proxy that is not a TallyMessage, delegating to one. */
    @SuppressWarnings("unchecked")
    static <T extends Message> T foreign(Message delegate, Class<T> iface) {
        InvocationHandler h = (proxy, method, args) -> {
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h);
    }

    private static <M extends TallyMessage> M withHeaders(M m) throws JMSException {
        m.setJMSMessageID("ID:other-1");
        m.setJMSTimestamp(123);
        m.setJMSCorrelationID("corr");
        m.setJMSReplyTo(new TallyQueue("replies"));
        m.setJMSDestination(new TallyQueue("dest"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(7);
        m.setJMSExpiration(456);
        m.setJMSDeliveryTime(789);
        m.setJMSType("t");
        m.setStringProperty("app", "v");
        m.setStringProperty("JMSXGroupID", "g");
        return m;
    }

    private static TallyMessage received(TallyMessage m) throws JMSException {
        return TallyMessage.fromMessageData(m.toMessageData(), 4, null);
    }

    @Test
    @DisplayName("spec 3.12: a foreign TextMessage is copied with its text, headers and client properties, not JMSXDeliveryCount")
    void text() throws JMSException {
        TextMessage f = foreign(received(withHeaders(new TallyTextMessage("hello"))), TextMessage.class);
        assertTrue(f.propertyExists("JMSXDeliveryCount"));
        TallyMessage c = TallyMessage.copyOf(f);
        assertInstanceOf(TallyTextMessage.class, c);
        assertEquals("hello", ((TextMessage) c).getText());
        assertEquals("ID:other-1", c.getJMSMessageID());
        assertEquals(123, c.getJMSTimestamp());
        assertEquals("corr", c.getJMSCorrelationID());
        assertEquals(new TallyQueue("replies"), c.getJMSReplyTo());
        assertEquals(new TallyQueue("dest"), c.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, c.getJMSDeliveryMode());
        assertEquals(7, c.getJMSPriority());
        assertEquals(456, c.getJMSExpiration());
        assertEquals(789, c.getJMSDeliveryTime());
        assertEquals("t", c.getJMSType());
        assertEquals("v", c.getStringProperty("app"));
        assertEquals("g", c.getStringProperty("JMSXGroupID"));
        assertFalse(c.propertyExists("JMSXDeliveryCount"), "set by the provider, not copied");
        c.setStringProperty("more", "x");
        ((TallyTextMessage) c).setText("writable");
        assertEquals("writable", ((TallyTextMessage) TallyMessage.fromMessageData(c.toMessageData(), 1, null)).getText());
    }

    @Test
    @DisplayName("spec 3.12: a foreign BytesMessage is copied whole, even half read, and left reset")
    void bytes() throws JMSException {
        TallyBytesMessage src = new TallyBytesMessage();
        byte[] data = new byte[20_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        src.writeBytes(data);
        src.reset();
        BytesMessage f = foreign(src, BytesMessage.class);
        f.readInt();
        TallyBytesMessage c = (TallyBytesMessage) TallyMessage.copyOf(f);
        c.reset();
        byte[] back = new byte[data.length];
        assertEquals(data.length, c.readBytes(back));
        assertArrayEquals(data, back);
        assertEquals(0, f.readByte(), "the foreign message was reset after copying");
    }

    @Test
    @DisplayName("spec 3.12: foreign MapMessage, StreamMessage, ObjectMessage and plain Message are copied")
    void otherTypes() throws JMSException {
        TallyMapMessage map = new TallyMapMessage();
        map.setInt("i", 1);
        map.setBytes("b", new byte[] {2});
        TallyMapMessage mc = (TallyMapMessage) TallyMessage.copyOf(foreign(map, MapMessage.class));
        assertEquals(1, mc.getInt("i"));
        assertArrayEquals(new byte[] {2}, mc.getBytes("b"));

        TallyStreamMessage stream = new TallyStreamMessage();
        stream.writeString("s");
        stream.writeObject(null);
        stream.writeLong(3);
        TallyStreamMessage sc = (TallyStreamMessage) TallyMessage.copyOf(foreign(stream, StreamMessage.class));
        sc.reset();
        assertEquals("s", sc.readString());
        assertNull(sc.readObject());
        assertEquals(3, sc.readLong());
        assertThrows(MessageEOFException.class, sc::readObject);

        TallyObjectMessage object = new TallyObjectMessage();
        object.setObject(new java.util.ArrayList<>(List.of("x")));
        TallyObjectMessage oc = (TallyObjectMessage) TallyMessage.copyOf(foreign(object, ObjectMessage.class));
        assertEquals(List.of("x"), oc.getObject());

        TallyMessage plain = TallyMessage.copyOf(foreign(withHeaders(new TallyMessage()), Message.class));
        assertEquals(TallyMessage.class, plain.getClass());
        assertEquals("v", plain.getStringProperty("app"));
    }

    @Test
    @DisplayName("a foreign property name Tally cannot accept gives MessageFormatException naming it; null gives one too")
    void badForeignProperty() {
        Message f = (Message) Proxy.newProxyInstance(Message.class.getClassLoader(), new Class<?>[] {Message.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPropertyNames" -> Collections.enumeration(List.of("a.b"));
                    case "getObjectProperty" -> 1;
                    case "getJMSDeliveryMode", "getJMSPriority" -> 4;
                    case "getJMSTimestamp", "getJMSExpiration", "getJMSDeliveryTime" -> 0L;
                    default -> null;
                });
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> TallyMessage.copyOf(f));
        assertTrue(e.getMessage().contains("a.b"), e.getMessage());
        assertThrows(MessageFormatException.class, () -> TallyMessage.copyOf(null));
    }

    @Test
    @DisplayName("spec 3.6: acknowledge() delegates to the acknowledger; without one it does nothing")
    void acknowledge() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.acknowledge();
        AtomicInteger calls = new AtomicInteger();
        m.setAcknowledger(calls::incrementAndGet);
        m.acknowledge();
        m.acknowledge();
        assertEquals(2, calls.get());
        IllegalStateException closed = new IllegalStateException("session closed");
        m.setAcknowledger(() -> {
            throw closed;
        });
        assertSame(closed, assertThrows(IllegalStateException.class, m::acknowledge));
    }

    @Test
    @DisplayName("toString names the type, id and destination, never the text or property values")
    void toStringIsShort() throws JMSException {
        TallyTextMessage m = withHeaders(new TallyTextMessage("secret-text ".repeat(1000)));
        m.setStringProperty("secretProp", "secret-value");
        String s = m.toString();
        assertTrue(s.startsWith("TallyTextMessage[ID:other-1 to queue://dest"), s);
        assertTrue(s.contains("12000 chars"), s);
        assertFalse(s.contains("secret"), s);
        assertTrue(s.length() < 200, s);
    }
}
