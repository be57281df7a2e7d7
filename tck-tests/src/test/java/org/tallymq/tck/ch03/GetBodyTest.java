package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tallymq.tck.ch03.PropertyConversionTest.Where;

/**
 * {@code Message.getBody} and {@code isBodyAssignableTo} (JMS 2.0, Message javadoc; spec change
 * history "New method to extract the body directly from a Message"), for every message type, on the
 * message as created and as received. A body that cannot be assigned gives MessageFormatException,
 * and isBodyAssignableTo predicts exactly that.
 */
@Timeout(30)
class GetBodyTest {

    private static <M extends Message> M message(Where where, Class<M> type, QueueLink.MessageMaker maker)
            throws Exception {
        if (where == Where.CREATED) {
            try (QueueLink link = QueueLink.open()) {
                return type.cast(maker.make(link.session));
            }
        }
        return QueueLink.roundTrip(type, maker);
    }

    private static void assertNotAssignable(Message message, Class<?> type) throws Exception {
        assertFalse(message.isBodyAssignableTo(type), () -> "isBodyAssignableTo(" + type.getSimpleName() + ")");
        assertThrows(MessageFormatException.class, () -> message.getBody(type),
                () -> "getBody(" + type.getSimpleName() + ".class)");
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} TextMessage")
    @EnumSource(Where.class)
    @DisplayName("3.7 getBody of a TextMessage: String or a supertype of String; anything else MessageFormatException")
    void textMessage(Where where) throws Exception {
        TextMessage message = message(where, TextMessage.class, session -> session.createTextMessage("body"));
        assertEquals("body", message.getBody(String.class));
        assertEquals("body", message.getBody(CharSequence.class));
        assertEquals("body", message.getBody(Object.class));
        assertEquals("body", message.getBody(Serializable.class));
        assertTrue(message.isBodyAssignableTo(String.class));
        assertTrue(message.isBodyAssignableTo(CharSequence.class));
        assertNotAssignable(message, Integer.class);
        assertNotAssignable(message, byte[].class);
        assertNotAssignable(message, Map.class);
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} ObjectMessage")
    @EnumSource(Where.class)
    @DisplayName("3.7 getBody of an ObjectMessage: any type the object is assignable to; others MessageFormatException")
    void objectMessage(Where where) throws Exception {
        ObjectMessage message = message(where, ObjectMessage.class,
                session -> session.createObjectMessage(new ArrayList<>(List.of("a", "b"))));
        assertEquals(List.of("a", "b"), message.getBody(ArrayList.class));
        assertEquals(List.of("a", "b"), message.getBody(List.class));
        assertEquals(List.of("a", "b"), message.getBody(Collection.class));
        assertEquals(List.of("a", "b"), message.getBody(Serializable.class));
        assertEquals(List.of("a", "b"), message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(List.class));
        assertNotAssignable(message, String.class);
        assertNotAssignable(message, Map.class);
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} MapMessage")
    @EnumSource(Where.class)
    @DisplayName("3.7 getBody of a MapMessage: Map (or Object) holding every entry; others MessageFormatException")
    void mapMessage(Where where) throws Exception {
        MapMessage message = message(where, MapMessage.class, session -> {
            MapMessage m = session.createMapMessage();
            m.setInt("i", 1);
            m.setString("s", "x");
            m.setBoolean("b", true);
            return m;
        });
        Map<?, ?> body = message.getBody(Map.class);
        assertEquals(Map.of("i", 1, "s", "x", "b", true), body);
        assertEquals(body, message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(Map.class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertNotAssignable(message, String.class);
        assertNotAssignable(message, byte[].class);
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} BytesMessage")
    @EnumSource(Where.class)
    @DisplayName("3.7 getBody of a BytesMessage: byte[] (or Object) with the whole body; others MessageFormatException")
    void bytesMessage(Where where) throws Exception {
        BytesMessage message = message(where, BytesMessage.class, session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(new byte[] {1, 2, 3});
            return m;
        });
        assertArrayEquals(new byte[] {1, 2, 3}, message.getBody(byte[].class));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(byte[].class));
        assertNotAssignable(message, String.class);
        assertNotAssignable(message, Byte[].class);
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} BytesMessage, part read")
    @EnumSource(value = Where.class, names = "RECEIVED")
    @DisplayName("3.7 getBody resets a BytesMessage before and after use: the whole body, and reading restarts at 0")
    void bytesMessageReset(Where where) throws Exception {
        BytesMessage message = message(where, BytesMessage.class, session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(new byte[] {7, 8, 9});
            return m;
        });
        assertEquals(7, message.readByte());
        assertArrayEquals(new byte[] {7, 8, 9}, message.getBody(byte[].class), "the whole body, not what is left");
        assertEquals(7, message.readByte(), "reset after getBody");
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} StreamMessage")
    @EnumSource(Where.class)
    @DisplayName("3.7 getBody of a StreamMessage always throws MessageFormatException; isBodyAssignableTo is always false")
    void streamMessage(Where where) throws Exception {
        StreamMessage message = message(where, StreamMessage.class, session -> {
            StreamMessage m = session.createStreamMessage();
            m.writeInt(1);
            return m;
        });
        assertNotAssignable(message, Object.class);
        assertNotAssignable(message, List.class);
        assertNotAssignable(message, byte[].class);
    }

    @ParameterizedTest(name = "3.7 getBody on a {0} message without body")
    @EnumSource(Where.class)
    @DisplayName("3.7 a message without body (plain Message, null text, null object): getBody of any type is null, isBodyAssignableTo true")
    void noBody(Where where) throws Exception {
        Message plain = message(where, Message.class, session -> session.createMessage());
        TextMessage noText = message(where, TextMessage.class, session -> session.createTextMessage());
        ObjectMessage noObject = message(where, ObjectMessage.class, session -> session.createObjectMessage());
        for (Message message : List.of(plain, noText, noObject)) {
            assertNull(message.getBody(Integer.class));
            assertNull(message.getBody(String.class));
            assertTrue(message.isBodyAssignableTo(Integer.class));
            assertTrue(message.isBodyAssignableTo(byte[].class));
        }
    }
}
