package org.tallymq.tck.ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 8.5 "Receiving messages synchronously" and the javadoc of {@code MessageConsumer.receive*}. */
@DisplayName("8.5 Receiving messages synchronously")
class SynchronousReceiveTest extends ClassicSupport {

    @Test
    @DisplayName("8.5 receive() blocks until a message arrives and returns it")
    void receiveBlocksUntilMessage() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(Tck.NO_MESSAGE_MS);
        assertEquals(false, pending.isDone(), "receive() returned before any message was sent");
        sendTexts(connection(), q, "late");
        Message m = pending.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertNotNull(m);
        assertEquals("late", text(m));
    }

    @Test
    @DisplayName("8.5 receive() returns a message already waiting")
    void receiveWaiting() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "a");
        assertEquals("a", text(s.createConsumer(q).receive()));
    }

    @Test
    @DisplayName("8.5 receive(timeout) returns the message that arrives within the timeout, null if none does")
    void receiveWithTimeout() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS));
        sendTexts(s, q, "a");
        assertEquals("a", text(consumer.receive(Tck.RECEIVE_TIMEOUT_MS)));
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS));
    }

    @Test
    @DisplayName("8.5 receiveNoWait returns null when nothing is available and the message once it is")
    void receiveNoWait() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        assertNull(consumer.receiveNoWait());
        sendTexts(s, q, "a");
        // "immediately available" may take the provider a moment after the send returned: poll until the deadline
        long deadline = System.currentTimeMillis() + Tck.RECEIVE_TIMEOUT_MS;
        Message m = consumer.receiveNoWait();
        while (m == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            m = consumer.receiveNoWait();
        }
        assertNotNull(m, "receiveNoWait never returned the waiting message");
        assertEquals("a", text(m));
        assertNull(consumer.receiveNoWait());
    }

    @Test
    @DisplayName("8.5 A queue message goes to exactly one of two consumers")
    void queueMessageGoesToOneConsumer() throws JMSException {
        Connection c = startedConnection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s1);
        MessageConsumer c1 = s1.createConsumer(q);
        MessageConsumer c2 = s2.createConsumer(q);
        sendTexts(s1, q, "only-once");
        Message m1 = c1.receive(Tck.NO_MESSAGE_MS * 2);
        Message m2 = c2.receive(m1 == null ? Tck.RECEIVE_TIMEOUT_MS : Tck.NO_MESSAGE_MS);
        assertEquals(1, (m1 == null ? 0 : 1) + (m2 == null ? 0 : 1), "a queue message must reach exactly one consumer");
    }

    @Test
    @Tag("beyond-spec")
    @DisplayName("6.2.5 (beyond the spec) receive on a consumer with a MessageListener → IllegalStateException")
    void receiveWithListenerSet() throws JMSException {
        // 6.2.5: "a session with message listeners cannot also be used to synchronously receive messages ... It is
        // erroneous to attempt to combine both". The javadoc names no exception; providers such as Artemis throw
        // IllegalStateException, which is what Tally aims for.
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(newQueue(s));
        consumer.setMessageListener(m -> { });
        assertThrows(IllegalStateException.class, () -> consumer.receive(Tck.NO_MESSAGE_MS));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
    }
}
