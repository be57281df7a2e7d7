package org.tallymq.tck.ch03.receivedbody;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;

/**
 * {@code Message.getBody} and {@code isBodyAssignableTo} (JMS 2.0, javadoc of {@code Message}; spec 3.11 "Jakarta
 * Messaging message body") on <em>received</em> messages of every body type: each message is sent to a queue and
 * the assertions run on what a consumer got back. (Created, never-sent messages are the message-model suite's.)
 */
@DisplayName("3.11/Message.getBody and isBodyAssignableTo on received messages")
class ReceivedMessageBodyTest extends Jms2Support {

    private Session session;
    private Queue queue;

    @BeforeEach
    void open() throws JMSException {
        session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = newQueue(session);
    }

    private <M extends Message> M roundTrip(M message, Class<M> type) throws JMSException {
        session.createProducer(queue).send(message);
        Message received = receiveOrFail(session.createConsumer(queue));
        assertTrue(type.isInstance(received), () -> "expected a " + type.getSimpleName() + ", got " + received);
        return type.cast(received);
    }

    private static void assertNotAssignable(Message m, Class<?> c) throws JMSException {
        assertFalse(m.isBodyAssignableTo(c), () -> "isBodyAssignableTo(" + c.getSimpleName() + ") must be false");
        assertThrows(MessageFormatException.class, () -> m.getBody(c),
                () -> "getBody(" + c.getSimpleName() + ") must throw MessageFormatException");
    }

    @Test
    @DisplayName("TextMessage: getBody(String/CharSequence/Object) returns the text; Integer or byte[] → MessageFormatException")
    void text() throws JMSException {
        TextMessage m = roundTrip(session.createTextMessage("hello"), TextMessage.class);
        assertEquals("hello", m.getBody(String.class));
        assertEquals("hello", m.getBody(CharSequence.class));
        assertEquals("hello", m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertTrue(m.isBodyAssignableTo(Comparable.class));
        assertNotAssignable(m, Integer.class);
        assertNotAssignable(m, byte[].class);
        assertNotAssignable(m, Map.class);
        assertEquals("hello", m.getText(), "getText after getBody");
    }

    @Test
    @DisplayName("TextMessage without text: any type is assignable and getBody returns null")
    void textWithoutBody() throws JMSException {
        TextMessage m = roundTrip(session.createTextMessage(), TextMessage.class);
        assertTrue(m.isBodyAssignableTo(Integer.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        assertNull(m.getBody(Integer.class));
        assertNull(m.getBody(String.class));
    }

    // (ActiveMQ Artemis 2.40 restores the read position instead of resetting after getBody.)
    @Test
    @DisplayName("BytesMessage: getBody(byte[]/Object) returns all bytes, resetting before and after; String → MessageFormatException")
    void bytes() throws JMSException {
        BytesMessage sent = session.createBytesMessage();
        sent.writeInt(0x01020304); // the bytes 1, 2, 3, 4 (big-endian, as DataOutputStream)
        BytesMessage m = roundTrip(sent, BytesMessage.class);
        assertEquals(1, m.readByte(), "first byte");
        assertEquals(2, m.readByte(), "second byte");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, m.getBody(byte[].class),
                "getBody resets the message before use: all bytes, not the unread rest");
        assertEquals(1, m.readByte(), "getBody resets the message after use: reading starts again at the first byte");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(byte[].class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertNotAssignable(m, String.class);
        assertNotAssignable(m, Map.class);
    }

    @Test
    @DisplayName("MapMessage: getBody(Map/Object) returns the entries; String or byte[] → MessageFormatException")
    void map() throws JMSException {
        MapMessage sent = session.createMapMessage();
        sent.setInt("i", 7);
        sent.setString("s", "seven");
        sent.setBoolean("b", true);
        MapMessage m = roundTrip(sent, MapMessage.class);
        Map<?, ?> body = m.getBody(Map.class);
        assertEquals(Map.of("i", 7, "s", "seven", "b", true), body);
        assertEquals(body, m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertTrue(m.isBodyAssignableTo(Object.class));
        assertNotAssignable(m, String.class);
        assertNotAssignable(m, byte[].class);
        assertEquals(7, m.getInt("i"), "the map is still readable after getBody");
    }

    @Test
    @DisplayName("ObjectMessage: getBody of the object's class or a supertype returns it; an unrelated type → MessageFormatException")
    void object() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
        ObjectMessage m = roundTrip(session.createObjectMessage(list), ObjectMessage.class);
        assertEquals(list, m.getBody(ArrayList.class));
        assertEquals(list, m.getBody(List.class));
        assertEquals(list, m.getBody(Collection.class));
        assertEquals(list, m.getBody(Serializable.class));
        assertEquals(list, m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(Serializable.class));
        assertTrue(m.isBodyAssignableTo(List.class));
        assertNotAssignable(m, String.class);
        assertNotAssignable(m, Map.class);
    }

    @Test
    @DisplayName("ObjectMessage without object: any type is assignable and getBody returns null")
    void objectWithoutBody() throws JMSException {
        ObjectMessage m = roundTrip(session.createObjectMessage(), ObjectMessage.class);
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertNull(m.getBody(Map.class));
    }

    /** Serializes fine, but refuses to be deserialized: stands for any object whose deserialization fails. */
    static final class RefusesDeserialization implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("this class refuses to be deserialized (test of Message.getBody)");
        }
    }

    // (ActiveMQ Artemis 2.40 answers isBodyAssignableTo(Serializable) = true without deserializing.)
    @Test
    @DisplayName("ObjectMessage whose object cannot be deserialized: isBodyAssignableTo is false, getBody → MessageFormatException")
    void objectDeserializationFails() throws JMSException {
        ObjectMessage m = roundTrip(session.createObjectMessage(new RefusesDeserialization()), ObjectMessage.class);
        assertFalse(m.isBodyAssignableTo(Serializable.class), "isBodyAssignableTo when deserialization fails");
        assertFalse(m.isBodyAssignableTo(Object.class), "isBodyAssignableTo(Object) when deserialization fails");
        assertThrows(MessageFormatException.class, () -> m.getBody(Serializable.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
    }

    @Test
    @DisplayName("StreamMessage: isBodyAssignableTo is always false, getBody always → MessageFormatException, even for Object")
    void stream() throws JMSException {
        StreamMessage sent = session.createStreamMessage();
        sent.writeInt(1);
        StreamMessage m = roundTrip(sent, StreamMessage.class);
        assertNotAssignable(m, Object.class);
        assertNotAssignable(m, byte[].class);
        assertNotAssignable(m, List.class);
        assertEquals(1, m.readInt(), "the stream is still readable after getBody");
    }

    // The javadoc of isBodyAssignableTo: "If the message is a StreamMessage then false is always returned", and
    // getBody: "MessageFormatException if the message is a StreamMessage" -- with no exception for an empty one.
    // (ActiveMQ Artemis 2.40 returns null from getBody of an empty StreamMessage.)
    @Test
    @DisplayName("Empty StreamMessage: still isBodyAssignableTo false and getBody → MessageFormatException")
    void emptyStream() throws JMSException {
        StreamMessage m = roundTrip(session.createStreamMessage(), StreamMessage.class);
        assertNotAssignable(m, Object.class);
    }

    // (ActiveMQ Artemis 2.40 throws MessageFormatException from an internal NullPointerException here.)
    @Test
    @DisplayName("Message without body type: any type is assignable and getBody returns null")
    void plainMessage() throws JMSException {
        Message m = roundTrip(session.createMessage(), Message.class);
        assertTrue(m.isBodyAssignableTo(String.class));
        assertTrue(m.isBodyAssignableTo(Integer.class));
        assertNull(m.getBody(String.class));
        assertNull(m.getBody(byte[].class));
    }
}
