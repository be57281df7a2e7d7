package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.Tck;

/**
 * JMSConsumer.receiveBody, receiveBody(timeout), receiveBodyNoWait (spec 8.6): the body types it
 * accepts, the MessageFormatRuntimeException cases, and what happens to a message whose body
 * could not be returned in each session mode.
 */
class ReceiveBodyTest extends SimplifiedTestSupport {

    @Test
    @DisplayName("receiveBody: String from a TextMessage, also as Object / CharSequence (8.6)")
    void textBody() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a").send(q, "b").send(q, "c");
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("a", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals("b", consumer.receiveBody(Object.class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals("c", consumer.receiveBody(CharSequence.class));
    }

    @Test
    @DisplayName("receiveBody: Map from a MapMessage, byte[] from a BytesMessage, object from an ObjectMessage (8.6)")
    void otherBodies() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        ArrayList<Integer> list = new ArrayList<>(List.of(1, 2));
        c.createProducer().send(q, Map.of("k", "v")).send(q, new byte[] {4, 5}).send(q, list).send(q, list)
                .send(q, new byte[] {6});
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals(Map.of("k", "v"), consumer.receiveBody(Map.class, Tck.RECEIVE_TIMEOUT_MS));
        assertArrayEquals(new byte[] {4, 5}, consumer.receiveBody(byte[].class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals(list, consumer.receiveBody(Serializable.class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals(list, consumer.receiveBody(ArrayList.class, Tck.RECEIVE_TIMEOUT_MS));
        assertArrayEquals(new byte[] {6}, (byte[]) consumer.receiveBody(Object.class, Tck.RECEIVE_TIMEOUT_MS));
    }

    @Test
    @DisplayName("receiveBodyNoWait: the body if a message is there, else null (8.6)")
    void noWait() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSConsumer consumer = c.createConsumer(q);
        assertNull(consumer.receiveBodyNoWait(String.class));
        c.createProducer().send(q, "there");
        String body = null;
        long deadline = System.nanoTime() + Tck.RECEIVE_TIMEOUT_MS * 1_000_000L;
        while (body == null && System.nanoTime() < deadline) { // "immediately available" after the send returned
            body = consumer.receiveBodyNoWait(String.class);
        }
        assertEquals("there", body);
        assertNull(consumer.receiveBodyNoWait(String.class));
    }

    @Test
    @DisplayName("receiveBody(class, timeout): null when nothing arrives in time (8.6)")
    void timeout() {
        JMSContext c = context();
        JMSConsumer consumer = c.createConsumer(freshQueue(c));
        assertNull(consumer.receiveBody(String.class, Tck.NO_MESSAGE_MS));
    }

    @Test
    @DisplayName("receiveBody blocked in another thread returns null when the consumer is closed (8.6)")
    void closeEndsReceiveBody() throws Exception {
        JMSContext c = context();
        JMSConsumer consumer = c.createConsumer(freshQueue(c));
        Object[] result = {"not returned"};
        Thread t = new Thread(() -> result[0] = consumer.receiveBody(String.class));
        t.start();
        ContextLifecycleTest.awaitBlocked(t);
        consumer.close();
        t.join(Tck.RECEIVE_TIMEOUT_MS);
        assertFalse(t.isAlive());
        assertNull(result[0]);
    }

    /** The messages receiveBody refuses, each with the class asked for (8.6). */
    private static List<Consumer<JMSContext>> refusedSends(Queue q) {
        return List.of(
                c -> c.createProducer().send(q, c.createMessage()),                    // Message: no body type
                c -> {
                    StreamMessage s = c.createStreamMessage();
                    try {
                        s.writeString("x");
                    } catch (jakarta.jms.JMSException e) {
                        throw new AssertionError(e);
                    }
                    c.createProducer().send(q, s);                                     // StreamMessage
                },
                c -> c.createProducer().send(q, "text"),                               // wrong class
                c -> c.createProducer().send(q, Map.of("k", 1)),                       // wrong class
                c -> c.createProducer().send(q, new byte[] {1}),                       // wrong class
                c -> c.createProducer().send(q, (Serializable) Integer.valueOf(1)),    // wrong class
                c -> c.createProducer().send(q, (String) null),                        // no body
                c -> c.createProducer().send(q, (Serializable) null));                 // no body
    }

    private static final List<Class<?>> ASKED = List.of(String.class, Object.class, Integer.class, String.class,
            String.class, String.class, String.class, Serializable.class);

    @Test
    @DisplayName("receiveBody -> MessageFormatRuntimeException: Message, StreamMessage, wrong class, no body (8.6)")
    void refused() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        List<Consumer<JMSContext>> sends = refusedSends(q);
        JMSConsumer consumer = c.createConsumer(q);
        for (int i = 0; i < sends.size(); i++) {
            sends.get(i).accept(c);
            Class<?> asked = ASKED.get(i);
            assertThrows(MessageFormatRuntimeException.class,
                    () -> consumer.receiveBody(asked, Tck.RECEIVE_TIMEOUT_MS), "case #" + i);
            // AUTO_ACKNOWLEDGE: the refused message is still the next one; take it out with receive()
            Message m = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertTrue(m != null, "case #" + i + ": the refused message must be delivered again");
        }
    }

    @Test
    @DisplayName("receiveBodyNoWait -> MessageFormatRuntimeException for a body of another type (8.6)")
    void refusedNoWait() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSConsumer consumer = c.createConsumer(q);
        c.createProducer().send(q, "text");
        assertEquals("text", receiveBodyEventually(consumer, q));
    }

    /** receiveBodyNoWait(Integer) until the message is there (it fails), then receiveBodyNoWait(String). */
    private static String receiveBodyEventually(JMSConsumer consumer, Queue q) {
        long deadline = System.nanoTime() + Tck.RECEIVE_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (consumer.receiveBodyNoWait(Integer.class) != null) {
                    throw new AssertionError("a TextMessage body was returned as an Integer");
                }
            } catch (MessageFormatRuntimeException expected) {
                return consumer.receiveBodyNoWait(String.class);
            }
        }
        throw new AssertionError("no message on " + q);
    }

    /** Serializes, but cannot be deserialized anywhere. */
    static final class Unreadable implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            throw new java.io.InvalidObjectException("test: this object refuses to be deserialized");
        }
    }

    @Test
    @DisplayName("receiveBody of an ObjectMessage whose object cannot be deserialized -> MFRE; redelivered (8.6)")
    void objectThatCannotBeDeserialized() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().send(q, new Unreadable()).send(q, "after");
        JMSConsumer consumer = c.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Serializable.class, Tck.RECEIVE_TIMEOUT_MS));
        Message again = receive(consumer);
        assertTrue(again instanceof jakarta.jms.ObjectMessage, "the same message is delivered again first");
        assertFalse(again.getJMSRedelivered());
        assertEquals("after", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS));
    }

    @ParameterizedTest(name = "session mode {0}")
    @ValueSource(ints = {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("AUTO/DUPS_OK: after MFRE the message is delivered again first, not as a redelivery (8.6)")
    void refusedInAutoModesIsDeliveredAgain(int mode) throws Exception {
        JMSContext c = context(mode);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "first").send(q, "second");
        JMSConsumer consumer = c.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, Tck.RECEIVE_TIMEOUT_MS));
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, Tck.RECEIVE_TIMEOUT_MS));
        Message again = receive(consumer);
        assertEquals("first", text(again), "delivered again before any later message");
        assertFalse(again.getJMSRedelivered(), "not a redelivery");
        assertEquals(1, again.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount not incremented");
        assertEquals("second", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS));
    }

    @Test
    @DisplayName("AUTO: a message refused by receiveBody is not acknowledged: a new consumer gets it (8.6)")
    void refusedInAutoIsNotAcknowledged() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().send(q, "keep me");
        JMSConsumer consumer = c.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Map.class, Tck.RECEIVE_TIMEOUT_MS));
        c.close();
        assertEquals(List.of("keep me"), drainTexts(q));
    }

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE: after MFRE the message counts as consumed; recover redelivers it (8.6)")
    void refusedInClientAcknowledge() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "first").send(q, "second");
        JMSConsumer consumer = c.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals("second", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS), "not delivered again");
        c.recover();
        Message m = receive(consumer);
        assertEquals("first", text(m));
        assertTrue(m.getJMSRedelivered());
        assertTrue(m.getIntProperty("JMSXDeliveryCount") >= 2);
        c.acknowledge();
    }

    @Test
    @DisplayName("Transacted: after MFRE the message is part of the transaction; rollback redelivers it (8.6)")
    void refusedInTransaction() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "first").send(q, "second");
        c.commit();
        JMSConsumer consumer = c.createConsumer(q);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, Tck.RECEIVE_TIMEOUT_MS));
        assertEquals("second", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS), "not delivered again");
        c.rollback();
        Message m = receive(consumer);
        assertEquals("first", text(m));
        assertTrue(m.getJMSRedelivered());
        c.commit();
    }

    @Test
    @DisplayName("Transacted: a body received with receiveBody is consumed only at commit (8.6)")
    void receiveBodyInTransaction() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        JMSProducer p = c.createProducer();
        p.send(q, "x");
        c.commit();
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("x", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS));
        c.rollback();
        assertEquals("x", consumer.receiveBody(String.class, Tck.RECEIVE_TIMEOUT_MS));
        c.commit();
        assertNull(consumer.receiveBody(String.class, Tck.NO_MESSAGE_MS));
    }
}
