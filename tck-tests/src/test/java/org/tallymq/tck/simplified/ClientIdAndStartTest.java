package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Tck;

/**
 * The connection side of a JMSContext: client identifier (spec 6.1.2, JMSContext.setClientID),
 * autoStart (spec 8.4, JMSContext.setAutoStart), start and stop (spec 6.1.4, 6.1.5).
 */
class ClientIdAndStartTest extends SimplifiedTestSupport {

    private static String newId() {
        return "simplified-" + UUID.randomUUID();
    }

    // ---- client ID ---------------------------------------------------------------------------

    @Test
    @DisplayName("setClientID as the first action: getClientID returns it (6.1.2)")
    void setClientIdFirst() {
        JMSContext c = context();
        String id = newId();
        c.setClientID(id);
        assertEquals(id, c.getClientID());
    }

    @Test
    @DisplayName("A context without client ID: getClientID returns null (6.1.2)")
    void noClientId() {
        assertNull(context().getClientID());
    }

    @Test
    @DisplayName("setClientID after another action -> IllegalStateRuntimeException (JMSContext.setClientID)")
    void setClientIdTooLate() {
        JMSContext probe = context();
        Queue q = freshQueue(probe);
        List<Consumer<JMSContext>> actions = List.of(
                JMSContext::createProducer, c -> c.createConsumer(q), JMSContext::createTextMessage,
                JMSContext::start, c -> c.setExceptionListener(e -> { }), c -> c.createProducer().send(q, "x"),
                JMSContext::createTemporaryQueue, c -> c.createContext(JMSContext.AUTO_ACKNOWLEDGE).close());
        for (int i = 0; i < actions.size(); i++) {
            JMSContext c = context();
            actions.get(i).accept(c);
            assertThrows(IllegalStateRuntimeException.class, () -> c.setClientID(newId()), "after action #" + i);
        }
    }

    @Test
    @DisplayName("setClientID twice -> IllegalStateRuntimeException (6.1.2)")
    void setClientIdTwice() {
        JMSContext c = context();
        c.setClientID(newId());
        assertThrows(IllegalStateRuntimeException.class, () -> c.setClientID(newId()));
    }

    @Test
    @DisplayName("setClientID on a context made by createContext(int): the shared connection is in use -> ISRE")
    void setClientIdOnDerivedContext() {
        JMSContext c = context();
        JMSContext derived = track(c.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, () -> derived.setClientID(newId()));
    }

    @Test
    @DisplayName("Administratively configured client ID: kept, and setClientID -> IllegalStateRuntimeException (6.1.2)")
    void administrativeClientId() {
        JMSContext c = track(Tck.clientIdConnectionFactory().createContext());
        assertEquals("tck-admin-id", c.getClientID());
        assertThrows(IllegalStateRuntimeException.class, () -> c.setClientID(newId()));
        assertEquals("tck-admin-id", c.getClientID());
    }

    @Test
    @DisplayName("A client ID another connection holds -> InvalidClientIDRuntimeException (JMSContext.setClientID)")
    void duplicateClientId() {
        String id = newId();
        context().setClientID(id);
        JMSContext second = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> second.setClientID(id));
    }

    @Test
    @DisplayName("A null or empty client ID -> InvalidClientIDRuntimeException (JMSContext.setClientID: invalid ID)")
    void invalidClientId() {
        JMSContext a = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> a.setClientID(null));
        JMSContext b = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> b.setClientID(""));
    }

    @Test
    @DisplayName("Unshared durable consumer without client ID -> IllegalStateRuntimeException (createDurableConsumer)")
    void durableConsumerNeedsClientId() {
        JMSContext c = context();
        assertThrows(IllegalStateRuntimeException.class,
                () -> c.createDurableConsumer(c.createTopic(Tck.uniqueName("t")), "sub"));
        assertThrows(IllegalStateRuntimeException.class,
                () -> c.createDurableConsumer(c.createTopic(Tck.uniqueName("t")), "sub", null, false));
    }

    // ---- autoStart, start, stop ----------------------------------------------------------------

    @Test
    @DisplayName("autoStart is true by default: createConsumer starts the connection (8.4)")
    void autoStartDefault() throws Exception {
        JMSContext c = context();
        assertTrue(c.getAutoStart());
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a");
        assertEquals("a", text(receive(c.createConsumer(q))));
    }

    @Test
    @DisplayName("setAutoStart(false): nothing is delivered until start() (8.4)")
    void autoStartOff() throws Exception {
        JMSContext c = context();
        c.setAutoStart(false);
        assertFalse(c.getAutoStart());
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a");
        JMSConsumer consumer = c.createConsumer(q);
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "the connection must not be started");
        assertNull(consumer.receiveNoWait());
        c.start();
        assertEquals("a", text(receive(consumer)));
    }

    @Test
    @DisplayName("setAutoStart(false) then a listener: no onMessage until start() (8.4)")
    void autoStartOffWithListener() throws Exception {
        JMSContext c = context();
        c.setAutoStart(false);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a");
        CountDownLatch got = new CountDownLatch(1);
        c.createConsumer(q).setMessageListener(m -> got.countDown());
        assertFalse(got.await(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS), "delivered before start()");
        c.start();
        assertTrue(got.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("autoStart of a context made by createContext is true; its consumer starts the shared connection")
    void derivedContextAutoStarts() throws Exception {
        JMSContext c = context();
        c.setAutoStart(false);
        JMSContext derived = track(c.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertTrue(derived.getAutoStart());
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a");
        JMSConsumer stopped = c.createConsumer(freshQueue(c));
        assertNull(stopped.receive(Tck.NO_MESSAGE_MS));
        assertEquals("a", text(receive(derived.createConsumer(q))), "the connection is started by the derived context");
    }

    @Test
    @DisplayName("JMSContext.createContext does not start the connection (JMSContext.createContext javadoc)")
    void createContextDoesNotStart() throws Exception {
        JMSContext c = context();
        c.setAutoStart(false);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "a");
        JMSConsumer consumer = c.createConsumer(q);
        track(c.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "createContext started the connection");
        c.start();
        assertEquals("a", text(receive(consumer)));
    }

    @Test
    @DisplayName("With autoStart, creating a consumer starts a stopped connection again (8.4)")
    void createConsumerRestarts() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSConsumer first = c.createConsumer(q);
        c.stop();
        c.createProducer().send(q, "a");
        assertNull(first.receive(Tck.NO_MESSAGE_MS), "delivered while stopped");
        c.createConsumer(freshQueue(c));
        assertEquals("a", text(receive(first)));
    }

    @Test
    @DisplayName("stop() pauses delivery, start() resumes it; stop and start twice are ignored (6.1.5)")
    void stopAndStart() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSConsumer consumer = c.createConsumer(q);
        c.stop();
        c.stop();
        c.createProducer().send(q, "a");
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "delivered while stopped");
        c.start();
        c.start();
        assertEquals("a", text(receive(consumer)));
    }

    @Test
    @DisplayName("stop() from a MessageListener of its own context: IllegalStateRuntimeException or success, no hang")
    void stopFromOwnListener() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        c.createConsumer(q).setMessageListener(m -> {
            try {
                c.stop();
                outcome.set("stopped");
            } catch (IllegalStateRuntimeException e) {
                outcome.set(e);
            } catch (RuntimeException e) {
                outcome.set("wrong exception: " + e);
            }
            done.countDown();
        });
        c.createProducer().send(q, "a");
        assertTrue(done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS), "stop() from onMessage hung");
        Object o = outcome.get();
        assertTrue(o instanceof IllegalStateRuntimeException || "stopped".equals(o), String.valueOf(o));
    }
}
