package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JMSProducer.send with each kind of body and with each message type (spec 7.2, JMSProducer
 * javadoc: null body rules, MessageFormatRuntimeException, InvalidDestinationRuntimeException).
 */
class SendBodyTest extends SimplifiedTestSupport {

    private JMSContext c;
    private Queue q;
    private JMSConsumer consumer;

    private void open() {
        c = context();
        q = freshQueue(c);
        consumer = c.createConsumer(q);
    }

    @Test
    @DisplayName("send(destination, String): a TextMessage with that text (JMSProducer.send)")
    void sendString() throws Exception {
        open();
        c.createProducer().send(q, "hello");
        Message m = receive(consumer);
        assertInstanceOf(TextMessage.class, m);
        assertEquals("hello", ((TextMessage) m).getText());
        assertEquals(q, m.getJMSDestination());
    }

    @Test
    @DisplayName("send(destination, (String) null): a TextMessage with no body (JMSProducer.send)")
    void sendNullString() throws Exception {
        open();
        c.createProducer().send(q, (String) null);
        Message m = receive(consumer);
        assertInstanceOf(TextMessage.class, m);
        assertNull(((TextMessage) m).getText());
    }

    @Test
    @DisplayName("send(destination, Map): a MapMessage with every allowed value type (3.11.3)")
    void sendMap() throws Exception {
        open();
        Map<String, Object> body = new HashMap<>();
        body.put("bool", true);
        body.put("byte", (byte) 1);
        body.put("short", (short) 2);
        body.put("char", 'c');
        body.put("int", 3);
        body.put("long", 4L);
        body.put("float", 5.5f);
        body.put("double", 6.5d);
        body.put("string", "s");
        body.put("bytes", new byte[] {7, 8});
        body.put("null", null);
        c.createProducer().send(q, body);
        Message m = receive(consumer);
        assertInstanceOf(MapMessage.class, m);
        MapMessage mm = (MapMessage) m;
        assertTrue(mm.getBoolean("bool"));
        assertEquals((byte) 1, mm.getByte("byte"));
        assertEquals((short) 2, mm.getShort("short"));
        assertEquals('c', mm.getChar("char"));
        assertEquals(3, mm.getInt("int"));
        assertEquals(4L, mm.getLong("long"));
        assertEquals(5.5f, mm.getFloat("float"));
        assertEquals(6.5d, mm.getDouble("double"));
        assertEquals("s", mm.getString("string"));
        assertArrayEquals(new byte[] {7, 8}, mm.getBytes("bytes"));
        assertNull(mm.getObject("null"));
    }

    @Test
    @DisplayName("send(destination, (Map) null): a MapMessage with no entries (JMSProducer.send)")
    void sendNullMap() throws Exception {
        open();
        c.createProducer().send(q, (Map<String, Object>) null);
        Message m = receive(consumer);
        assertInstanceOf(MapMessage.class, m);
        assertFalse(((MapMessage) m).getMapNames().hasMoreElements());
    }

    @Test
    @DisplayName("send(destination, Map) with a value of an invalid type -> MessageFormatRuntimeException")
    void sendMapWithInvalidValue() {
        open();
        Map<String, Object> body = new HashMap<>();
        body.put("ok", 1);
        body.put("bad", new BigDecimal("1.5"));
        assertThrows(MessageFormatRuntimeException.class, () -> c.createProducer().send(q, body));
        Map<String, Object> list = Map.of("list", new ArrayList<>());
        assertThrows(MessageFormatRuntimeException.class, () -> c.createProducer().send(q, list));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThrows(MessageFormatRuntimeException.class, () -> c.createProducer().send(q, nullKey));
        assertNull(consumer.receive(tckNoMessage()), "nothing is sent when the body is refused");
    }

    @Test
    @DisplayName("send(destination, byte[]): a BytesMessage with those bytes (JMSProducer.send)")
    void sendBytes() throws Exception {
        open();
        c.createProducer().send(q, new byte[] {1, 2, 3});
        Message m = receive(consumer);
        assertInstanceOf(BytesMessage.class, m);
        BytesMessage bm = (BytesMessage) m;
        assertEquals(3, bm.getBodyLength());
        byte[] read = new byte[3];
        assertEquals(3, bm.readBytes(read));
        assertArrayEquals(new byte[] {1, 2, 3}, read);
    }

    @Test
    @DisplayName("send(destination, (byte[]) null): a BytesMessage with no body (JMSProducer.send)")
    void sendNullBytes() throws Exception {
        open();
        c.createProducer().send(q, (byte[]) null);
        Message m = receive(consumer);
        assertInstanceOf(BytesMessage.class, m);
        assertEquals(0, ((BytesMessage) m).getBodyLength());
    }

    @Test
    @DisplayName("send(destination, Serializable): an ObjectMessage with an equal object (JMSProducer.send)")
    void sendSerializable() throws Exception {
        open();
        ArrayList<String> body = new ArrayList<>(List.of("a", "b"));
        c.createProducer().send(q, body);
        Message m = receive(consumer);
        assertInstanceOf(ObjectMessage.class, m);
        assertEquals(body, ((ObjectMessage) m).getObject());
    }

    @Test
    @DisplayName("send(destination, (Serializable) null): an ObjectMessage with no body (JMSProducer.send)")
    void sendNullSerializable() throws Exception {
        open();
        c.createProducer().send(q, (Serializable) null);
        Message m = receive(consumer);
        assertInstanceOf(ObjectMessage.class, m);
        assertNull(((ObjectMessage) m).getObject());
    }

    @Test
    @DisplayName("send(destination, Message) for each of the six message types (3.11)")
    void sendEveryMessageType() throws Exception {
        open();
        Message plain = c.createMessage();
        plain.setStringProperty("kind", "plain");
        BytesMessage bytes = c.createBytesMessage();
        bytes.writeInt(42);
        MapMessage map = c.createMapMessage();
        map.setString("k", "v");
        ObjectMessage object = c.createObjectMessage("obj");
        StreamMessage stream = c.createStreamMessage();
        stream.writeString("first");
        stream.writeInt(2);
        TextMessage text = c.createTextMessage("txt");
        for (Message m : List.of(plain, bytes, map, object, stream, text)) {
            c.createProducer().send(q, m);
        }
        assertEquals("plain", receive(consumer).getStringProperty("kind"));
        BytesMessage rb = (BytesMessage) receive(consumer);
        assertEquals(42, rb.readInt());
        assertEquals("v", ((MapMessage) receive(consumer)).getString("k"));
        assertEquals("obj", ((ObjectMessage) receive(consumer)).getObject());
        StreamMessage rs = (StreamMessage) receive(consumer);
        assertEquals("first", rs.readString());
        assertEquals(2, rs.readInt());
        assertEquals("txt", text(receive(consumer)));
        assertEquals(q, text.getJMSDestination(), "the sent message carries its destination afterwards (3.4.1)");
    }

    @Test
    @DisplayName("send(destination, (Message) null) -> MessageFormatRuntimeException (JMSProducer.send)")
    void sendNullMessage() {
        open();
        assertThrows(MessageFormatRuntimeException.class, () -> c.createProducer().send(q, (Message) null));
    }

    @Test
    @DisplayName("send to a null destination, every body form -> InvalidDestinationRuntimeException")
    void sendToNullDestination() {
        open();
        var p = c.createProducer();
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, c.createTextMessage("x")));
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, "x"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, Map.of("a", 1)));
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, new byte[] {1}));
        assertThrows(InvalidDestinationRuntimeException.class, () -> p.send(null, (Serializable) 1));
    }

    @Test
    @DisplayName("A message of another provider (any Message implementation) can be sent (3.12)")
    void sendForeignMessage() throws Exception {
        open();
        TextMessage foreign = ForeignTextMessage.create("from elsewhere");
        c.createProducer().setProperty("added", 1).send(q, foreign);
        Message m = receive(consumer);
        assertEquals("from elsewhere", text(m));
        assertEquals(1, m.getIntProperty("added"));
    }

    @Test
    @DisplayName("Changing a message after send changes nothing that was sent (3.9)")
    void messageCopiedAtSend() throws Exception {
        open();
        TextMessage m = c.createTextMessage("before");
        c.createProducer().send(q, m);
        m.setText("after");
        assertEquals("before", text(receive(consumer)));
    }

    @Test
    @DisplayName("setDisableMessageID / Timestamp: a hint; the ID is null or a normal ID, the timestamp 0 or set (3.4.3)")
    void disableHints() throws Exception {
        open();
        long before = System.currentTimeMillis();
        c.createProducer().setDisableMessageID(true).setDisableMessageTimestamp(true).send(q, "hint");
        Message m = receive(consumer);
        assertTrue(m.getJMSMessageID() == null || m.getJMSMessageID().startsWith("ID:"), m.getJMSMessageID());
        assertTrue(m.getJMSTimestamp() == 0 || m.getJMSTimestamp() >= before - 1000, "timestamp " + m.getJMSTimestamp());
    }

    @Test
    @DisplayName("One producer sends to several destinations (7.1: the destination is given per send)")
    void severalDestinations() throws Exception {
        open();
        Queue other = freshQueue(c);
        var p = c.createProducer();
        p.send(q, "to q").send(other, "to other");
        assertEquals("to q", text(receive(consumer)));
        assertEquals("to other", text(receive(c.createConsumer(other))));
    }

    private static long tckNoMessage() {
        return org.tallymq.tck.Tck.NO_MESSAGE_MS;
    }
}
