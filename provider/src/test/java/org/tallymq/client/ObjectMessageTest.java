package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.MessageData;

/** ObjectMessage: snapshot on setObject, deserialization through the allow-list, errors that say what to do. */
class ObjectMessageTest {

    /** A class that records whether it was ever deserialized (its readObject ran). */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean readObjectRan;
        final String payload;

        Gadget(String payload) {
            this.payload = payload;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            readObjectRan = true;
        }
    }

    private static final String GADGET = Gadget.class.getName();

    @BeforeEach
    @AfterEach
    void reset() {
        Gadget.readObjectRan = false;
        System.clearProperty(DeserializationPolicy.SYSTEM_PROPERTY);
    }

    private static TallyObjectMessage sentAndReceived(Serializable o, DeserializationPolicy receiverPolicy)
            throws JMSException {
        TallyObjectMessage m = new TallyObjectMessage();
        m.setObject(o);
        m.setJMSMessageID("ID:test-1");
        return (TallyObjectMessage) TallyMessage.fromMessageData(m.toMessageData(), 1, receiverPolicy);
    }

    @Test
    @DisplayName("ObjectMessage.setObject javadoc: later changes to the object do not change the message")
    void snapshot() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        TallyObjectMessage m = new TallyObjectMessage();
        m.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), m.getObject());
        @SuppressWarnings("unchecked")
        List<String> got = (List<String>) m.getObject();
        got.add("c");
        assertEquals(List.of("a"), m.getObject(), "each getObject is a new copy");
    }

    @Test
    @DisplayName("the default allow-list: JDK value types and collections round-trip")
    void defaultsAllowJdkValues() throws JMSException {
        Map<String, Object> value = new HashMap<>();
        value.put("list", new ArrayList<>(List.of(1, 2L, "s", 'c', 1.5d)));
        value.put("decimal", new BigDecimal("12345678901234567890.123"));
        value.put("date", LocalDate.of(2026, 11, 26));
        value.put("concurrent", new ConcurrentHashMap<>(Map.of("k", new AtomicLong(3))));
        value.put("ints", new int[] {1, 2});
        value.put("strings", new String[] {"x"});
        value.put("immutable", List.of(1, 2, 3));
        TallyObjectMessage r = sentAndReceived((Serializable) value, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) r.getObject();
        assertEquals(value.get("list"), back.get("list"));
        assertEquals(value.get("decimal"), back.get("decimal"));
        assertEquals(value.get("date"), back.get("date"));
        assertEquals(3L, ((AtomicLong) ((Map<?, ?>) back.get("concurrent")).get("k")).get());
        assertArrayEquals(new int[] {1, 2}, (int[]) back.get("ints"));
        assertArrayEquals(new String[] {"x"}, (String[]) back.get("strings"));
        assertEquals(List.of(1, 2, 3), back.get("immutable"));
    }

    @Test
    @DisplayName("a class outside the allow-list is refused with MessageFormatException naming it and the property; its readObject never runs")
    void refusesGadget() throws JMSException {
        TallyObjectMessage r = sentAndReceived(new Gadget("boom"), null);
        MessageFormatException e = assertThrows(MessageFormatException.class, r::getObject);
        assertTrue(e.getMessage().contains(GADGET), e.getMessage());
        assertTrue(e.getMessage().contains(DeserializationPolicy.SYSTEM_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains("ID:test-1"), e.getMessage());
        assertFalse(Gadget.readObjectRan, "the refused class was never deserialized");
        assertThrows(MessageFormatException.class, () -> r.getBody(Serializable.class));
        assertFalse(r.isBodyAssignableTo(Serializable.class), "Message javadoc: false when deserialization fails");
        assertFalse(Gadget.readObjectRan);
    }

    @Test
    @DisplayName("a refused class hidden inside an allowed collection, or as an array element, is refused too")
    void refusesNestedGadget() throws JMSException {
        ArrayList<Object> list = new ArrayList<>(List.of("fine", new Gadget("hidden")));
        MessageFormatException e = assertThrows(MessageFormatException.class, sentAndReceived(list, null)::getObject);
        assertTrue(e.getMessage().contains(GADGET), e.getMessage());
        Gadget[] array = {new Gadget("in an array")};
        e = assertThrows(MessageFormatException.class, sentAndReceived(array, null)::getObject);
        assertTrue(e.getMessage().contains(GADGET), e.getMessage());
        assertFalse(Gadget.readObjectRan);
    }

    @Test
    @DisplayName("a serialized lambda (java.lang.invoke.SerializedLambda) is refused by default")
    void refusesLambda() throws JMSException {
        Runnable lambda = (Runnable & Serializable) () -> { };
        TallyObjectMessage r = sentAndReceived((Serializable) lambda, null);
        MessageFormatException e = assertThrows(MessageFormatException.class, r::getObject);
        assertTrue(e.getMessage().contains("java.lang.invoke.SerializedLambda"), e.getMessage());
    }

    @Test
    @DisplayName("the class is allowed by an explicit pattern: the policy given at receipt, or the one set by the session")
    void allowedByPattern() throws JMSException {
        for (String spec : new String[] {GADGET, "org.tallymq.client.*", "org.tallymq.**", "org.tallymq.client.ObjectMessageTest$Gad*", "*"}) {
            Gadget.readObjectRan = false;
            TallyObjectMessage r = sentAndReceived(new Gadget("ok"), DeserializationPolicy.fromSpec(spec));
            assertEquals("ok", ((Gadget) r.getObject()).payload, spec);
            assertTrue(Gadget.readObjectRan);
        }
        TallyObjectMessage created = new TallyObjectMessage();
        created.setDeserializationPolicy(DeserializationPolicy.fromSpec("org.tallymq.**"));
        created.setObject(new Gadget("own"));
        TallyObjectMessage receivedWithSessionPolicy = (TallyObjectMessage) TallyMessage.fromMessageData(
                created.toMessageData(), 1, null);
        assertThrows(MessageFormatException.class, receivedWithSessionPolicy::getObject);
        receivedWithSessionPolicy.setDeserializationPolicy(DeserializationPolicy.fromSpec("org.tallymq.**"));
        assertEquals("own", ((Gadget) receivedWithSessionPolicy.getObject()).payload);
    }

    @Test
    @DisplayName("an object set on this message by the application is read back without the allow-list; once received it is filtered")
    void ownObjectIsNotFiltered() throws JMSException {
        TallyObjectMessage created = new TallyObjectMessage();
        created.setDeserializationPolicy(DeserializationPolicy.fromSpec(""));
        created.setObject(new Gadget("own"));
        assertEquals("own", ((Gadget) created.getObject()).payload);
        assertTrue(created.isBodyAssignableTo(Gadget.class));
        TallyObjectMessage received = (TallyObjectMessage) TallyMessage.fromMessageData(created.toMessageData(), 1,
                DeserializationPolicy.fromSpec(""));
        assertThrows(MessageFormatException.class, received::getObject);
        received.clearBody();
        received.setObject(new Gadget("replaced"));
        assertEquals("replaced", ((Gadget) received.getObject()).payload, "a body set after clearBody is local");
    }

    @Test
    @DisplayName("defaults() reads the system property tally.deserialization.allowList at each call")
    void systemProperty() throws JMSException {
        TallyObjectMessage r = sentAndReceived(new Gadget("p"), null);
        assertThrows(MessageFormatException.class, r::getObject);
        System.setProperty(DeserializationPolicy.SYSTEM_PROPERTY, "java.lang.*, org.tallymq.client.*");
        assertInstanceOf(Gadget.class, r.getObject());
        System.setProperty(DeserializationPolicy.SYSTEM_PROPERTY, "bad pattern");
        JMSException e = assertThrows(JMSException.class, r::getObject);
        assertTrue(e.getMessage().contains(DeserializationPolicy.SYSTEM_PROPERTY), e.getMessage());
    }

    @Test
    @DisplayName("ObjectMessage javadoc: an object that cannot be serialized gives MessageFormatException on setObject")
    void notSerializable() {
        TallyObjectMessage m = new TallyObjectMessage();
        ArrayList<Object> list = new ArrayList<>(List.of(new Object()));
        MessageFormatException e = assertThrows(MessageFormatException.class, () -> m.setObject(list));
        assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
    }

    @Test
    @DisplayName("ObjectMessage javadoc: a body that cannot be deserialized gives MessageFormatException (corrupt, class missing)")
    void cannotDeserialize() throws JMSException {
        MessageData garbage = new MessageData(BodyType.OBJECT, "ID:g", 0, null, null, null, null, 2, 4, 0, 0, null,
                null, new byte[] {1, 2, 3});
        TallyObjectMessage g = (TallyObjectMessage) TallyMessage.fromMessageData(garbage, 1, null);
        assertThrows(MessageFormatException.class, g::getObject);
        assertFalse(g.isBodyAssignableTo(Object.class));

        TallyObjectMessage m = new TallyObjectMessage();
        m.setObject(new Gadget("x"));
        byte[] body = m.toMessageData().body();
        String s = new String(body, StandardCharsets.ISO_8859_1).replace("$Gadget", "$Gadgez");
        MessageData missing = new MessageData(BodyType.OBJECT, "ID:m", 0, null, null, null, null, 2, 4, 0, 0, null,
                null, s.getBytes(StandardCharsets.ISO_8859_1));
        TallyObjectMessage r = (TallyObjectMessage) TallyMessage.fromMessageData(missing, 1,
                DeserializationPolicy.fromSpec("*"));
        MessageFormatException e = assertThrows(MessageFormatException.class, r::getObject);
        assertTrue(e.getMessage().contains("Gadgez"), e.getMessage());
    }

    @Test
    @DisplayName("a null object is no body; setObject(null) clears it")
    void nullObject() throws JMSException {
        TallyObjectMessage m = new TallyObjectMessage();
        assertNull(m.getObject());
        m.setObject("x");
        m.setObject(null);
        assertNull(m.getObject());
        assertNull(m.toMessageData().body());
        assertNull(sentAndReceived(null, null).getObject());
    }

    @Test
    @DisplayName("toString shows the serialized size, not the object")
    void toStringShort() throws JMSException {
        TallyObjectMessage m = new TallyObjectMessage();
        m.setObject("secret-value");
        assertFalse(m.toString().contains("secret"), m.toString());
        assertTrue(m.toString().contains("serialized bytes"), m.toString());
    }
}
