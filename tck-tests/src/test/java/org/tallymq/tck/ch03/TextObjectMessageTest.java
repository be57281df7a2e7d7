package org.tallymq.tck.ch03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Date;
import java.util.UUID;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TextMessage, ObjectMessage and the body-less Message (spec 3.11 and their javadoc). */
@Timeout(30)
class TextObjectMessageTest {

    // ---- TextMessage --------------------------------------------------------------------------

    @Test
    @DisplayName("3.11 TextMessage carries its text; Session.createTextMessage(text) sets it")
    void textRoundTrip() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> session.createTextMessage("hello"));
        assertEquals("hello", received.getText());
    }

    @Test
    @DisplayName("3.11 TextMessage carries Unicode beyond the BMP, NUL characters, XML and an empty string")
    void textContent() throws Exception {
        for (String text : List.of("", "caf\u00e9 \u2603 \uD834\uDD1E \u0000 \r\n\t",
                "<?xml version=\"1.0\"?><order id=\"7\">&amp;</order>")) {
            TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> session.createTextMessage(text));
            assertEquals(text, received.getText());
        }
    }

    @Test
    @DisplayName("3.11 TextMessage carries a 3 MB text (beyond any 64 KiB string limit)")
    void largeText() throws Exception {
        StringBuilder text = new StringBuilder();
        while (text.length() < 3_000_000) {
            text.append("line ").append(text.length()).append(" \u00e9\u2603\n");
        }
        String expected = text.toString();
        try (QueueLink link = QueueLink.open()) {
            TextMessage received = link.sendAndReceive(link.session.createTextMessage(expected), TextMessage.class);
            assertEquals(expected, received.getText());
        }
    }

    @Test
    @DisplayName("3.11 TextMessage: the default text is null, and a null text arrives as null")
    void nullText() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> {
            TextMessage message = session.createTextMessage();
            assertNull(message.getText(), "a new TextMessage has null text");
            return message;
        });
        assertNull(received.getText());
    }

    @Test
    @DisplayName("3.11.2 a received TextMessage is read-only; 3.11.1 clearBody makes it empty (null) and writable")
    void textReadOnlyThenCleared() throws Exception {
        TextMessage received = QueueLink.roundTrip(TextMessage.class, session -> session.createTextMessage("fixed"));
        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        assertEquals("fixed", received.getText());
        received.clearBody();
        assertNull(received.getText());
        received.setText("now writable");
        assertEquals("now writable", received.getText());
    }

    // ---- ObjectMessage ------------------------------------------------------------------------

    @Test
    @DisplayName("3.11 ObjectMessage carries a Serializable java.util collection of mixed content")
    void objectRoundTrip() throws Exception {
        HashMap<String, Object> value = sampleObject();
        ObjectMessage received = QueueLink.roundTrip(ObjectMessage.class, session -> session.createObjectMessage(value));
        assertEquals(value, received.getObject());
    }

    @Test
    @DisplayName("3.11 / ObjectMessage javadoc: the message holds a snapshot taken by setObject; later changes to the object do not reach it")
    void setObjectTakesSnapshot() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            ArrayList<String> list = new ArrayList<>(List.of("a", "b"));
            ObjectMessage message = link.session.createObjectMessage();
            message.setObject(list);
            list.add("added after setObject");
            assertEquals(List.of("a", "b"), message.getObject(), "the message before sending");
            ObjectMessage received = link.sendAndReceive(message, ObjectMessage.class);
            assertEquals(List.of("a", "b"), received.getObject(), "the received message");
        }
    }

    @Test
    @DisplayName("3.12 ObjectMessage.getObject returns a copy: changing it does not change the message")
    void getObjectReturnsCopy() throws Exception {
        ObjectMessage received = QueueLink.roundTrip(ObjectMessage.class,
                session -> session.createObjectMessage(new ArrayList<>(List.of(1, 2))));
        @SuppressWarnings("unchecked")
        List<Integer> first = (List<Integer>) received.getObject();
        first.add(3);
        assertEquals(List.of(1, 2), received.getObject());
        assertNotSame(first, received.getObject());
    }

    @Test
    @DisplayName("3.11 ObjectMessage: the default object is null, and a null object arrives as null")
    void nullObject() throws Exception {
        ObjectMessage received = QueueLink.roundTrip(ObjectMessage.class, session -> {
            ObjectMessage message = session.createObjectMessage();
            assertNull(message.getObject());
            return message;
        });
        assertNull(received.getObject());
    }

    @Test
    @DisplayName("3.11 ObjectMessage.setObject throws MessageFormatException when serialization fails")
    void unserializableContent() throws Exception {
        try (QueueLink link = QueueLink.open()) {
            ObjectMessage message = link.session.createObjectMessage();
            ArrayList<Object> list = new ArrayList<>();
            list.add(new Object()); // java.lang.Object is not Serializable
            assertThrows(MessageFormatException.class, () -> message.setObject(list));
        }
    }

    @Test
    @DisplayName("3.11.2 a received ObjectMessage is read-only; 3.11.1 clearBody makes it empty (null) and writable")
    void objectReadOnlyThenCleared() throws Exception {
        ObjectMessage received = QueueLink.roundTrip(ObjectMessage.class, session -> session.createObjectMessage("v"));
        assertThrows(MessageNotWriteableException.class, () -> received.setObject("changed"));
        assertEquals("v", received.getObject());
        received.clearBody();
        assertNull(received.getObject());
        received.setObject(42);
        assertEquals(42, received.getObject());
    }

    // ---- Message without body, and types preserved --------------------------------------------

    @Test
    @DisplayName("3.11 a plain Message (no body) carries headers and properties; it arrives as a Message of no body subtype")
    void plainMessage() throws Exception {
        Message received = QueueLink.roundTrip(Message.class, session -> {
            Message message = session.createMessage();
            message.setStringProperty("only", "properties");
            message.setJMSType("notification");
            return message;
        });
        assertFalse(received instanceof TextMessage || received instanceof BytesMessage || received instanceof MapMessage
                || received instanceof StreamMessage || received instanceof ObjectMessage,
                () -> "a Message arrived as " + Arrays.toString(received.getClass().getInterfaces()));
        assertEquals("properties", received.getStringProperty("only"));
        assertEquals("notification", received.getJMSType());
        received.clearBody(); // allowed on any message
    }

    @Test
    @DisplayName("3.11.4 each message type arrives as the same type (a MapMessage never as a BytesMessage, ...)")
    void typesArePreserved() throws Exception {
        assertInstanceOf(TextMessage.class, QueueLink.roundTrip(Message.class, Session::createTextMessage));
        assertInstanceOf(BytesMessage.class, QueueLink.roundTrip(Message.class, Session::createBytesMessage));
        assertInstanceOf(MapMessage.class, QueueLink.roundTrip(Message.class, Session::createMapMessage));
        assertInstanceOf(StreamMessage.class, QueueLink.roundTrip(Message.class, Session::createStreamMessage));
        assertInstanceOf(ObjectMessage.class, QueueLink.roundTrip(Message.class, Session::createObjectMessage));
    }

    static HashMap<String, Object> sampleObject() {
        HashMap<String, Object> value = new HashMap<>();
        value.put("list", new ArrayList<>(List.of(1, 2L, 3.0)));
        value.put("nested", new TreeMap<>(Map.of("k", "v")));
        value.put("text", "caf\u00e9");
        value.put("nothing", null);
        value.put("date", new Date(0));
        value.put("id", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        return value;
    }
}
