package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Read-only and write-only bodies (spec 3.11.1, 3.11.2), clearBody, getBody and isBodyAssignableTo (Message javadoc). */
class BodyRulesTest {

    interface Op {
        void run() throws JMSException;
    }

    private static TallyMessage received(TallyMessage sent) throws JMSException {
        return TallyMessage.fromMessageData(sent.toMessageData(), 1, null);
    }

    private static void assertAll(Class<? extends Throwable> type, List<Op> ops) {
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            assertThrows(type, op::run, "operation #" + i);
        }
    }

    // ---- read-only bodies on receipt ----------------------------------------------------------

    @Test
    @DisplayName("spec 3.11.2: every write to a received TextMessage/ObjectMessage body throws MessageNotWriteableException")
    void receivedTextAndObjectAreReadOnly() throws JMSException {
        TallyTextMessage t = (TallyTextMessage) received(new TallyTextMessage("a"));
        assertThrows(MessageNotWriteableException.class, () -> t.setText("b"));
        assertEquals("a", t.getText());
        TallyObjectMessage sentObject = new TallyObjectMessage();
        sentObject.setObject("a");
        TallyObjectMessage o = (TallyObjectMessage) received(sentObject);
        assertThrows(MessageNotWriteableException.class, () -> o.setObject("b"));
        assertEquals("a", o.getObject());
    }

    @Test
    @DisplayName("spec 3.11.2: every write to a received MapMessage throws MessageNotWriteableException")
    void receivedMapIsReadOnly() throws JMSException {
        TallyMapMessage sent = new TallyMapMessage();
        sent.setInt("i", 1);
        TallyMapMessage m = (TallyMapMessage) received(sent);
        assertAll(MessageNotWriteableException.class, List.of(
                () -> m.setBoolean("x", true), () -> m.setByte("x", (byte) 1), () -> m.setShort("x", (short) 1),
                () -> m.setChar("x", 'c'), () -> m.setInt("x", 1), () -> m.setLong("x", 1), () -> m.setFloat("x", 1),
                () -> m.setDouble("x", 1), () -> m.setString("x", "s"), () -> m.setBytes("x", new byte[1]),
                () -> m.setBytes("x", new byte[2], 0, 1), () -> m.setObject("x", 1)));
        assertFalse(m.itemExists("x"));
        assertEquals(1, m.getInt("i"));
    }

    private static List<Op> streamWrites(TallyStreamMessage m) {
        return List.of(() -> m.writeBoolean(true), () -> m.writeByte((byte) 1), () -> m.writeShort((short) 1),
                () -> m.writeChar('c'), () -> m.writeInt(1), () -> m.writeLong(1), () -> m.writeFloat(1),
                () -> m.writeDouble(1), () -> m.writeString("s"), () -> m.writeBytes(new byte[1]),
                () -> m.writeBytes(new byte[2], 0, 1), () -> m.writeObject(1));
    }

    private static List<Op> streamReads(TallyStreamMessage m) {
        return List.of(m::readBoolean, m::readByte, m::readShort, m::readChar, m::readInt, m::readLong, m::readFloat,
                m::readDouble, m::readString, () -> m.readBytes(new byte[1]), m::readObject);
    }

    private static List<Op> bytesWrites(TallyBytesMessage m) {
        return List.of(() -> m.writeBoolean(true), () -> m.writeByte((byte) 1), () -> m.writeShort((short) 1),
                () -> m.writeChar('c'), () -> m.writeInt(1), () -> m.writeLong(1), () -> m.writeFloat(1),
                () -> m.writeDouble(1), () -> m.writeUTF("s"), () -> m.writeBytes(new byte[1]),
                () -> m.writeBytes(new byte[2], 0, 1), () -> m.writeObject(1));
    }

    private static List<Op> bytesReads(TallyBytesMessage m) {
        return List.of(m::readBoolean, m::readByte, m::readUnsignedByte, m::readShort, m::readUnsignedShort,
                m::readChar, m::readInt, m::readLong, m::readFloat, m::readDouble, m::readUTF,
                () -> m.readBytes(new byte[1]), () -> m.readBytes(new byte[2], 1), m::getBodyLength);
    }

    @Test
    @DisplayName("StreamMessage javadoc: write-only until reset (MessageNotReadableException), read-only after (MessageNotWriteableException)")
    void streamModes() throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        m.writeInt(1);
        assertAll(MessageNotReadableException.class, streamReads(m));
        m.reset();
        assertAll(MessageNotWriteableException.class, streamWrites(m));
        assertEquals(1, m.readInt());
        TallyStreamMessage r = (TallyStreamMessage) received(m);
        assertAll(MessageNotWriteableException.class, streamWrites(r));
        assertEquals(1, r.readInt());
    }

    @Test
    @DisplayName("BytesMessage javadoc: write-only until reset (MessageNotReadableException), read-only after (MessageNotWriteableException)")
    void bytesModes() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeInt(1);
        assertAll(MessageNotReadableException.class, bytesReads(m));
        m.reset();
        assertAll(MessageNotWriteableException.class, bytesWrites(m));
        assertEquals(4, m.getBodyLength());
        assertEquals(1, m.readInt());
        TallyBytesMessage r = (TallyBytesMessage) received(m);
        assertAll(MessageNotWriteableException.class, bytesWrites(r));
        assertEquals(1, r.readInt());
    }

    @Test
    @DisplayName("spec 3.10: header fields of a received message stay settable")
    void headersOfReceivedMessageAreSettable() throws JMSException {
        TallyMessage r = received(new TallyTextMessage("x"));
        r.setJMSType("t");
        r.setJMSPriority(9);
        r.setJMSRedelivered(true);
        r.setJMSCorrelationID("c");
        assertEquals("t", r.getJMSType());
        assertEquals(9, r.getJMSPriority());
        assertTrue(r.getJMSRedelivered());
        assertEquals("c", r.getJMSCorrelationID());
    }

    // ---- clearBody ------------------------------------------------------------------------------

    @Test
    @DisplayName("spec 3.11.1: clearBody empties a received body and makes it writable; properties stay")
    void clearBodyOnReceived() throws JMSException {
        TallyTextMessage st = new TallyTextMessage("a");
        st.setIntProperty("p", 1);
        TallyTextMessage t = (TallyTextMessage) received(st);
        t.clearBody();
        assertNull(t.getText());
        t.setText("b");
        assertEquals("b", t.getText());
        assertEquals(1, t.getIntProperty("p"));
        assertThrows(MessageNotWriteableException.class, () -> t.setIntProperty("q", 1), "properties stay read-only");

        TallyMapMessage sm = new TallyMapMessage();
        sm.setInt("i", 1);
        TallyMapMessage m = (TallyMapMessage) received(sm);
        m.clearBody();
        assertFalse(m.itemExists("i"));
        assertFalse(m.getMapNames().hasMoreElements());
        m.setInt("j", 2);
        assertEquals(2, m.getInt("j"), "a cleared MapMessage is readable and writable");

        TallyObjectMessage so = new TallyObjectMessage();
        so.setObject(5);
        TallyObjectMessage o = (TallyObjectMessage) received(so);
        o.clearBody();
        assertNull(o.getObject());
        o.setObject(6);
        assertEquals(6, o.getObject());
    }

    @Test
    @DisplayName("spec 3.11.1: clearBody puts a BytesMessage/StreamMessage back to an empty write-only body")
    void clearBodyBytesAndStream() throws JMSException {
        TallyBytesMessage sb = new TallyBytesMessage();
        sb.writeInt(1);
        TallyBytesMessage b = (TallyBytesMessage) received(sb);
        b.clearBody();
        assertThrows(MessageNotReadableException.class, b::readInt);
        b.writeByte((byte) 9);
        b.reset();
        assertEquals(1, b.getBodyLength());
        assertEquals(9, b.readByte());

        TallyStreamMessage ss = new TallyStreamMessage();
        ss.writeInt(1);
        TallyStreamMessage s = (TallyStreamMessage) received(ss);
        s.clearBody();
        assertThrows(MessageNotReadableException.class, s::readInt);
        s.writeString("x");
        s.reset();
        assertEquals("x", s.readString());
        assertThrows(jakarta.jms.MessageEOFException.class, s::readObject);
    }

    // ---- getBody / isBodyAssignableTo ----------------------------------------------------------

    private static final Class<?>[] SOME_TYPES = {String.class, byte[].class, Map.class, Serializable.class,
        Object.class, Integer.class, List.class};

    @Test
    @DisplayName("Message.getBody: a plain Message returns null for any type; isBodyAssignableTo is always true")
    void plainMessage() throws JMSException {
        TallyMessage m = new TallyMessage();
        for (Class<?> c : SOME_TYPES) {
            assertNull(m.getBody(c));
            assertTrue(m.isBodyAssignableTo(c));
        }
    }

    @Test
    @DisplayName("Message.getBody: TextMessage as String or a supertype; other types throw MessageFormatException")
    void textGetBody() throws JMSException {
        TallyTextMessage m = new TallyTextMessage("hi");
        assertEquals("hi", m.getBody(String.class));
        assertEquals("hi", m.getBody(CharSequence.class));
        assertEquals("hi", m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        assertTrue(m.isBodyAssignableTo(Comparable.class));
        for (Class<?> c : new Class<?>[] {byte[].class, Map.class, Integer.class, StringBuilder.class}) {
            assertFalse(m.isBodyAssignableTo(c), c.getName());
            assertThrows(MessageFormatException.class, () -> m.getBody(c), c.getName());
        }
        assertEquals("", new TallyTextMessage("").getBody(String.class), "an empty text is a body");
    }

    @Test
    @DisplayName("Message.getBody: a message of each type without a body returns null for any type")
    void noBody() throws JMSException {
        TallyMessage[] empty = {new TallyTextMessage(), new TallyBytesMessage(), new TallyMapMessage(),
            new TallyObjectMessage()};
        for (TallyMessage m : empty) {
            for (Class<?> c : SOME_TYPES) {
                assertNull(m.getBody(c), m + " as " + c);
                assertTrue(m.isBodyAssignableTo(c), m + " as " + c);
            }
            assertNull(received(m).getBody(Integer.class), "received " + m);
        }
    }

    @Test
    @DisplayName("Message.getBody: BytesMessage as byte[] (a copy), reset before and after; other types throw")
    void bytesGetBody() throws JMSException {
        TallyBytesMessage m = new TallyBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3});
        assertTrue(m.isBodyAssignableTo(byte[].class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Map.class));
        byte[] body = m.getBody(byte[].class);
        assertArrayEquals(new byte[] {1, 2, 3}, body);
        assertEquals(3, m.getBodyLength(), "getBody leaves the message reset, read-only");
        assertEquals(1, m.readByte());
        body[1] = 99;
        byte[] again = (byte[]) m.getBody(Object.class);
        assertArrayEquals(new byte[] {1, 2, 3}, again, "a copy each time");
        assertEquals(1, m.readByte(), "reset after use: reading starts again at 0");
    }

    @Test
    @DisplayName("Message.getBody: MapMessage as Map (a copy, byte[] copied) or Object; other types throw")
    void mapGetBody() throws JMSException {
        TallyMapMessage m = new TallyMapMessage();
        m.setInt("i", 1);
        m.setBytes("b", new byte[] {7});
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertFalse(m.isBodyAssignableTo(HashMap.class), "the javadoc: only Map.class or Object.class");
        assertFalse(m.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(HashMap.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(byte[].class));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = m.getBody(Map.class);
        assertEquals(1, body.get("i"));
        ((byte[]) body.get("b"))[0] = 0;
        body.put("new", 1);
        assertArrayEquals(new byte[] {7}, m.getBytes("b"));
        assertFalse(m.itemExists("new"));
    }

    @Test
    @DisplayName("Message.getBody: StreamMessage always throws MessageFormatException; isBodyAssignableTo is false, even when empty")
    void streamGetBody() throws JMSException {
        TallyStreamMessage m = new TallyStreamMessage();
        for (Class<?> c : SOME_TYPES) {
            assertThrows(MessageFormatException.class, () -> m.getBody(c));
            assertFalse(m.isBodyAssignableTo(c));
        }
        m.writeInt(1);
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
    }

    @Test
    @DisplayName("Message.getBody: ObjectMessage as Serializable or the object's type; a fresh copy each time")
    void objectGetBody() throws JMSException {
        TallyObjectMessage m = new TallyObjectMessage();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        m.setObject(list);
        assertTrue(m.isBodyAssignableTo(Serializable.class));
        assertTrue(m.isBodyAssignableTo(List.class));
        assertTrue(m.isBodyAssignableTo(ArrayList.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertFalse(m.isBodyAssignableTo(Map.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
        @SuppressWarnings("unchecked")
        List<String> body = m.getBody(List.class);
        assertEquals(List.of("a"), body);
        assertNotSame(list, body);
        assertInstanceOf(ArrayList.class, m.getBody(Serializable.class));
    }

    @Test
    @DisplayName("a null type: null for a message without a body, MessageFormatException / false for one with a body")
    void nullType() throws JMSException {
        assertNull(new TallyTextMessage().getBody(null));
        TallyTextMessage t = new TallyTextMessage("x");
        assertThrows(MessageFormatException.class, () -> t.getBody(null));
        assertFalse(t.isBodyAssignableTo(null));
    }
}
