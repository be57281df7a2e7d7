package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.Queue;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyTopic;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;

/** toMessageData then fromMessageData keeps every header, property and body value, bit for bit. */
class RoundTripTest {

    private static final String TEXT = "é€\uD83D\uDE00 \u0000 end";

    private static TallyMessage roundTrip(TallyMessage m) throws JMSException {
        return TallyMessage.fromMessageData(m.toMessageData(), 1, null);
    }

    /** Headers and properties with extreme values on a message of any type. */
    private static <M extends TallyMessage> M decorate(M m) throws JMSException {
        m.setJMSMessageID("ID:é-1");
        m.setJMSTimestamp(Long.MIN_VALUE);
        m.setJMSCorrelationID("corr-€");
        m.setJMSDestination(new TallyQueue("orders"));
        m.setJMSReplyTo(new TallyTopic("replies.é"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(9);
        m.setJMSExpiration(Long.MAX_VALUE);
        m.setJMSDeliveryTime(0x0102030405060708L);
        m.setJMSType("type-€");
        m.setBooleanProperty("bool", false);
        m.setByteProperty("byte", Byte.MIN_VALUE);
        m.setShortProperty("short", Short.MIN_VALUE);
        m.setIntProperty("int", 0x80FF7F01);
        m.setLongProperty("long", Long.MIN_VALUE);
        m.setFloatProperty("float", Float.NaN);
        m.setDoubleProperty("double", -0.0d);
        m.setStringProperty("empty", "");
        m.setStringProperty("text", TEXT);
        m.setStringProperty("JMSXGroupID", "g");
        m.setIntProperty("JMSXGroupSeq", 3);
        return m;
    }

    private static void assertDecorated(TallyMessage r) throws JMSException {
        assertEquals("ID:é-1", r.getJMSMessageID());
        assertEquals(Long.MIN_VALUE, r.getJMSTimestamp());
        assertEquals("corr-€", r.getJMSCorrelationID());
        assertEquals(new TallyQueue("orders"), r.getJMSDestination());
        assertEquals(new TallyTopic("replies.é"), r.getJMSReplyTo());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(9, r.getJMSPriority());
        assertEquals(Long.MAX_VALUE, r.getJMSExpiration());
        assertEquals(0x0102030405060708L, r.getJMSDeliveryTime());
        assertEquals("type-€", r.getJMSType());
        assertFalse(r.getJMSRedelivered());
        assertEquals(false, r.getObjectProperty("bool"));
        assertEquals(Byte.MIN_VALUE, r.getObjectProperty("byte"));
        assertEquals(Short.MIN_VALUE, r.getObjectProperty("short"));
        assertEquals(0x80FF7F01, r.getObjectProperty("int"));
        assertEquals(Long.MIN_VALUE, r.getObjectProperty("long"));
        assertTrue(Float.isNaN((Float) r.getObjectProperty("float")));
        assertEquals(Double.doubleToRawLongBits(-0.0d), Double.doubleToRawLongBits((Double) r.getObjectProperty("double")));
        assertEquals("", r.getObjectProperty("empty"));
        assertEquals(TEXT, r.getObjectProperty("text"));
        assertEquals("g", r.getStringProperty("JMSXGroupID"));
        assertEquals(3, r.getIntProperty("JMSXGroupSeq"));
        assertEquals(1, r.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    @DisplayName("a plain Message keeps every header and property")
    void plainMessage() throws JMSException {
        TallyMessage r = roundTrip(decorate(new TallyMessage()));
        assertEquals(TallyMessage.class, r.getClass());
        assertDecorated(r);
        assertNull(r.getBody(Object.class));
    }

    @Test
    @DisplayName("TextMessage: null, empty and non-ASCII texts")
    void text() throws JMSException {
        for (String t : new String[] {null, "", "a", TEXT, "x".repeat(100_000)}) {
            TallyTextMessage r = (TallyTextMessage) roundTrip(decorate(new TallyTextMessage(t)));
            assertDecorated(r);
            assertEquals(t, r.getText());
        }
    }

    @Test
    @DisplayName("BytesMessage: every primitive at its extremes, empty and 1 MiB arrays")
    void bytes() throws JMSException {
        byte[] big = new byte[1 << 20];
        new Random(3).nextBytes(big);
        TallyBytesMessage m = decorate(new TallyBytesMessage());
        m.writeBytes(new byte[0]);
        m.writeBoolean(true);
        m.writeByte(Byte.MIN_VALUE);
        m.writeShort(Short.MIN_VALUE);
        m.writeChar('\uFFFF');
        m.writeInt(0x80FF7F01);
        m.writeLong(Long.MIN_VALUE);
        m.writeFloat(Float.NEGATIVE_INFINITY);
        m.writeDouble(Double.NaN);
        m.writeUTF(TEXT);
        m.writeBytes(big);
        TallyBytesMessage r = (TallyBytesMessage) roundTrip(m);
        assertDecorated(r);
        // TEXT in modified UTF-8: é 2, € 3, the pair 3 + 3, space 1, NUL 2, space 1, "end" 3 = 18
        assertEquals(1 + 1 + 2 + 2 + 4 + 8 + 4 + 8 + 2 + 18 + big.length, r.getBodyLength());
        assertTrue(r.readBoolean());
        assertEquals(Byte.MIN_VALUE, r.readByte());
        assertEquals(Short.MIN_VALUE, r.readShort());
        assertEquals('\uFFFF', r.readChar());
        assertEquals(0x80FF7F01, r.readInt());
        assertEquals(Long.MIN_VALUE, r.readLong());
        assertEquals(Float.NEGATIVE_INFINITY, r.readFloat());
        assertTrue(Double.isNaN(r.readDouble()));
        assertEquals(TEXT, r.readUTF());
        byte[] back = new byte[big.length];
        assertEquals(big.length, r.readBytes(back));
        assertArrayEquals(big, back);
        assertEquals(-1, r.readBytes(back));
        TallyBytesMessage empty = (TallyBytesMessage) roundTrip(new TallyBytesMessage());
        assertEquals(0, empty.getBodyLength());
    }

    @Test
    @DisplayName("MapMessage: one entry of every type with values that fill every byte")
    void map() throws JMSException {
        TallyMapMessage m = decorate(new TallyMapMessage());
        List<Object> values = BodyCodecTest.everyType();
        for (int i = 0; i < values.size(); i++) {
            m.setObject("k" + i, values.get(i));
        }
        TallyMapMessage r = (TallyMapMessage) roundTrip(m);
        assertDecorated(r);
        for (int i = 0; i < values.size(); i++) {
            Object expected = values.get(i);
            Object actual = r.getObject("k" + i);
            if (expected instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) actual);
            } else if (expected instanceof Float f) {
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual));
            } else if (expected instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
            } else {
                assertEquals(expected, actual, "k" + i);
            }
        }
        assertTrue(r.itemExists("k0"), "a null entry survives");
    }

    @Test
    @DisplayName("StreamMessage: a field of every type with values that fill every byte")
    void stream() throws JMSException {
        TallyStreamMessage m = decorate(new TallyStreamMessage());
        List<Object> values = BodyCodecTest.everyType();
        for (Object v : values) {
            m.writeObject(v);
        }
        TallyStreamMessage r = (TallyStreamMessage) roundTrip(m);
        assertDecorated(r);
        for (Object expected : values) {
            Object actual = r.readObject();
            if (expected instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) actual);
            } else if (expected instanceof Float f) {
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((Float) actual));
            } else if (expected instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) actual));
            } else {
                assertEquals(expected, actual);
            }
        }
        assertThrows(MessageEOFException.class, r::readObject);
    }

    @Test
    @DisplayName("ObjectMessage keeps the object and the headers")
    void object() throws JMSException {
        TallyObjectMessage m = decorate(new TallyObjectMessage());
        m.setObject(new java.util.ArrayList<>(List.of(Long.MIN_VALUE, TEXT)));
        TallyObjectMessage r = (TallyObjectMessage) roundTrip(m);
        assertDecorated(r);
        assertEquals(List.of(Long.MIN_VALUE, TEXT), r.getObject());
    }

    @Test
    @DisplayName("spec 3.4.7/3.5.11: deliveryCount 1 is not redelivered; 2 or more sets JMSRedelivered; 0 sets no JMSXDeliveryCount")
    void deliveryCount() throws JMSException {
        MessageData d = new TallyTextMessage("x").toMessageData();
        TallyMessage first = TallyMessage.fromMessageData(d, 1, null);
        assertFalse(first.getJMSRedelivered());
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        TallyMessage again = TallyMessage.fromMessageData(d, 5, null);
        assertTrue(again.getJMSRedelivered());
        assertEquals(5, again.getObjectProperty("JMSXDeliveryCount"));
        TallyMessage browsed = TallyMessage.fromMessageData(d, 0, null);
        assertFalse(browsed.propertyExists("JMSXDeliveryCount"));
        assertThrows(IllegalArgumentException.class, () -> TallyMessage.fromMessageData(d, -1, null));
        assertThrows(IllegalArgumentException.class, () -> TallyMessage.fromMessageData(null, 1, null));
    }

    @Test
    @DisplayName("every body type arrives as its own class and BodyType")
    void bodyTypes() throws JMSException {
        TallyMessage[] all = {new TallyMessage(), new TallyTextMessage(), new TallyBytesMessage(),
            new TallyMapMessage(), new TallyStreamMessage(), new TallyObjectMessage()};
        BodyType[] types = {BodyType.MESSAGE, BodyType.TEXT, BodyType.BYTES, BodyType.MAP, BodyType.STREAM,
            BodyType.OBJECT};
        for (int i = 0; i < all.length; i++) {
            MessageData d = all[i].toMessageData();
            assertEquals(types[i], d.bodyType());
            assertEquals(all[i].getClass(), TallyMessage.fromMessageData(d, 1, null).getClass());
        }
    }

    @Test
    @DisplayName("spec 3.9: changing a message after toMessageData changes nothing in the snapshot")
    void snapshotIsImmutable() throws JMSException {
        TallyBytesMessage b = new TallyBytesMessage();
        b.writeInt(1);
        MessageData d = b.toMessageData();
        b.writeInt(2);
        assertEquals(4, d.body().length);

        TallyMapMessage m = new TallyMapMessage();
        byte[] value = {1};
        m.setBytes("b", value);
        m.setIntProperty("p", 1);
        MessageData md = m.toMessageData();
        m.setInt("later", 2);
        m.setIntProperty("p", 2);
        value[0] = 9;
        TallyMapMessage r = (TallyMapMessage) TallyMessage.fromMessageData(md, 1, null);
        assertFalse(r.itemExists("later"));
        assertArrayEquals(new byte[] {1}, r.getBytes("b"));
        assertEquals(1, r.getIntProperty("p"));

        byte[] corr = {1, 2};
        TallyMessage c = new TallyMessage();
        c.setJMSCorrelationIDAsBytes(corr);
        corr[0] = 7;
        MessageData cd = c.toMessageData();
        c.getJMSCorrelationIDAsBytes()[1] = 7;
        assertArrayEquals(new byte[] {1, 2}, cd.correlationIdBytes());
        TallyMessage cr = TallyMessage.fromMessageData(cd, 1, null);
        assertArrayEquals(new byte[] {1, 2}, cr.getJMSCorrelationIDAsBytes());
        cr.getJMSCorrelationIDAsBytes()[0] = 5;
        assertArrayEquals(new byte[] {1, 2}, cd.correlationIdBytes(), "the getter returns a copy");
        assertNotSame(cd.correlationIdBytes(), cr.getJMSCorrelationIDAsBytes());
    }

    @Test
    @DisplayName("JMSCorrelationID as String or bytes: the last set wins; each getter returns only its own form")
    void correlationIdForms() throws JMSException {
        TallyMessage m = new TallyMessage();
        m.setJMSCorrelationID("s");
        assertNull(m.getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationIDAsBytes(new byte[] {1});
        assertNull(m.getJMSCorrelationID());
        MessageData d = m.toMessageData();
        assertNull(d.correlationId());
        assertArrayEquals(new byte[] {1}, d.correlationIdBytes());
        m.setJMSCorrelationID("t");
        assertNull(m.toMessageData().correlationIdBytes());
        assertEquals("t", m.toMessageData().correlationId());
    }

    @Test
    @DisplayName("destinations convert through Destinations.toRef; a foreign destination without a name is refused")
    void destinations() throws JMSException {
        TallyMessage m = new TallyMessage();
        assertNull(m.toMessageData().destination());
        m.setJMSDestination(new TallyTopic("t"));
        assertEquals(DestinationRef.topic("t"), m.toMessageData().destination());
        Queue foreign = () -> "foreign-q";
        m.setJMSReplyTo(foreign);
        assertEquals(DestinationRef.queue("foreign-q"), m.toMessageData().replyTo());
        m.setJMSReplyTo(new jakarta.jms.Destination() { });
        assertThrows(InvalidDestinationException.class, m::toMessageData);
    }

    @Test
    @DisplayName("a received body that is forwarded unchanged is sent as the same bytes")
    void forwardUnchanged() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        m.setString("k", TEXT);
        MessageData d = m.toMessageData();
        TallyMapMessage r = (TallyMapMessage) TallyMessage.fromMessageData(d, 1, null);
        assertEquals(TEXT, r.getString("k"));
        assertArrayEquals(d.body(), r.toMessageData().body());
        TallyTextMessage t = (TallyTextMessage) TallyMessage.fromMessageData(new TallyTextMessage(TEXT).toMessageData(), 1, null);
        assertEquals(TEXT, TallyMessage.fromMessageData(t.toMessageData(), 1, null).getBody(String.class));
        assertInstanceOf(TallyTextMessage.class, t);
    }
}
