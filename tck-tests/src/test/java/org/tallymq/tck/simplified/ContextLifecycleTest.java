package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.Tck;

/**
 * Creating, sharing and closing JMSContexts: ConnectionFactory.createContext (all four forms),
 * JMSContext.createContext, JMSContext.close (spec 2.8, 6.1.8, 6.2.15 and the JMSContext javadoc).
 */
class ContextLifecycleTest extends SimplifiedTestSupport {

    private static final int[] MODES = {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE,
            JMSContext.DUPS_OK_ACKNOWLEDGE, JMSContext.SESSION_TRANSACTED};

    /** Sends one text and receives it on the same context: the context works. */
    private static void roundTrip(JMSContext c) throws Exception {
        Queue q = freshQueue(c);
        c.createProducer().send(q, "ping");
        if (c.getTransacted()) {
            c.commit();
        }
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("ping", text(receive(consumer)));
        if (c.getTransacted()) {
            c.commit();
        }
        if (c.getSessionMode() == JMSContext.CLIENT_ACKNOWLEDGE) {
            c.acknowledge();
        }
    }

    @Test
    @DisplayName("ConnectionFactory.createContext(): AUTO_ACKNOWLEDGE, not transacted (JMSContext.getSessionMode)")
    void createContextDefault() throws Exception {
        JMSContext c = context();
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, c.getSessionMode());
        assertFalse(c.getTransacted());
        roundTrip(c);
    }

    @ParameterizedTest(name = "session mode {0}")
    @ValueSource(ints = {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE,
            JMSContext.SESSION_TRANSACTED})
    @DisplayName("ConnectionFactory.createContext(int): every session mode is kept and works (spec 6.2.7, 6.2.10)")
    void createContextWithMode(int mode) throws Exception {
        JMSContext c = context(mode);
        assertEquals(mode, c.getSessionMode());
        assertEquals(mode == JMSContext.SESSION_TRANSACTED, c.getTransacted());
        roundTrip(c);
    }

    @Test
    @DisplayName("ConnectionFactory.createContext(user, password): AUTO_ACKNOWLEDGE, works (spec 6.1.1)")
    void createContextWithCredentials() throws Exception {
        ConnectionFactory secured = securedFactory();
        JMSContext c = track(secured.createContext("tck", "tck-secret"));
        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, c.getSessionMode());
        roundTrip(c);
    }

    @ParameterizedTest(name = "session mode {0}")
    @ValueSource(ints = {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE,
            JMSContext.SESSION_TRANSACTED})
    @DisplayName("ConnectionFactory.createContext(user, password, int): mode kept, works (spec 6.1.1)")
    void createContextWithCredentialsAndMode(int mode) throws Exception {
        JMSContext c = track(securedFactory().createContext("tck", "tck-secret", mode));
        assertEquals(mode, c.getSessionMode());
        roundTrip(c);
    }

    @Test
    @DisplayName("ConnectionFactory.createContext: wrong or missing credentials -> JMSSecurityRuntimeException (javadoc)")
    void createContextWithBadCredentials() {
        ConnectionFactory secured = securedFactory();
        assertThrows(JMSSecurityRuntimeException.class, () -> track(secured.createContext("tck", "wrong")));
        assertThrows(JMSSecurityRuntimeException.class,
                () -> track(secured.createContext("nobody", "x", JMSContext.CLIENT_ACKNOWLEDGE)));
        assertThrows(JMSSecurityRuntimeException.class, () -> track(secured.createContext()));
        assertThrows(JMSSecurityRuntimeException.class, () -> track(secured.createContext(JMSContext.AUTO_ACKNOWLEDGE)));
    }

    private static ConnectionFactory securedFactory() {
        ConnectionFactory f;
        try {
            f = Tck.lookup("SecuredConnectionFactory");
        } catch (IllegalStateException e) {
            f = null;
        }
        assumeTrue(f != null, "the JNDI properties bind no SecuredConnectionFactory (a factory whose broker accepts "
                + "only tck / tck-secret); this test needs one");
        return f;
    }

    @ParameterizedTest(name = "mode {0}")
    @ValueSource(ints = {-1, 4, 5, 99, Integer.MIN_VALUE})
    @DisplayName("createContext with an invalid session mode -> JMSRuntimeException (ConnectionFactory.createContext)")
    void invalidSessionMode(int mode) {
        assertThrows(JMSRuntimeException.class, () -> track(cf().createContext(mode)));
        assertThrows(JMSRuntimeException.class, () -> track(cf().createContext(null, null, mode)));
        JMSContext c = context();
        assertThrows(JMSRuntimeException.class, () -> track(c.createContext(mode)));
    }

    @Test
    @DisplayName("JMSContext.createContext(int): every mode, same connection (same client ID), own session")
    void createContextSharesConnection() throws Exception {
        JMSContext first = context();
        String id = "simplified-" + UUID.randomUUID();
        first.setClientID(id);
        for (int mode : MODES) {
            JMSContext second = track(first.createContext(mode));
            assertEquals(mode, second.getSessionMode());
            assertEquals(id, second.getClientID(), "a context made by createContext uses the same connection");
            roundTrip(second);
        }
    }

    @Test
    @DisplayName("JMSContext.close: the connection stays open while another context shares it (javadoc)")
    void closeKeepsSharedConnection() throws Exception {
        String id = "simplified-" + UUID.randomUUID();
        JMSContext first = context();
        first.setClientID(id);
        JMSContext second = track(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        first.close();
        roundTrip(second); // still works
        JMSContext other = context();
        assertThrows(InvalidClientIDRuntimeException.class, () -> other.setClientID(id),
                "the connection holding the client ID must still be open");
        second.close();
        JMSContext third = context();
        third.setClientID(id); // the last context closed the connection, which released the ID
        assertEquals(id, third.getClientID());
    }

    @Test
    @DisplayName("JMSContext.close: closing the parent first or the child first, the last one closes the connection")
    void closeOrderDoesNotMatter() {
        String id = "simplified-" + UUID.randomUUID();
        JMSContext parent = context();
        parent.setClientID(id);
        JMSContext child = track(parent.createContext(JMSContext.CLIENT_ACKNOWLEDGE));
        JMSContext grandchild = track(child.createContext(JMSContext.SESSION_TRANSACTED));
        child.close();
        parent.close();
        assertEquals(id, grandchild.getClientID());
        grandchild.close();
        JMSContext again = context();
        again.setClientID(id);
    }

    @Test
    @DisplayName("Temporary queue: lives as long as the connection, i.e. the last context sharing it (6.2.2, 6.1.8)")
    void temporaryQueueLivesWithSharedConnection() throws Exception {
        JMSContext first = context();
        JMSContext second = track(first.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        TemporaryQueue tmp = first.createTemporaryQueue();
        first.close();
        second.createProducer().send(tmp, "still here");
        assertEquals("still here", text(receive(second.createConsumer(tmp))));
        second.close();
        JMSContext outsider = context();
        assertThrows(JMSRuntimeException.class, () -> {
            outsider.createProducer().send(tmp, "gone");
            outsider.createConsumer(tmp).receive(Tck.NO_MESSAGE_MS);
        }, "the temporary queue is deleted with its connection");
    }

    @Test
    @DisplayName("JMSContext.close twice, and close of a child after its parent: no exception (6.1.8)")
    void closeIsIdempotent() {
        JMSContext c = context();
        JMSContext child = c.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        c.close();
        c.close();
        child.close();
        child.close();
    }

    /** Every method of a closed context except close: IllegalStateRuntimeException (6.1.8). */
    static List<Consumer<JMSContext>> contextCalls(Queue q) {
        return List.of(
                c -> c.createContext(JMSContext.AUTO_ACKNOWLEDGE), JMSContext::createProducer,
                JMSContext::getClientID, c -> c.setClientID("x"), JMSContext::getMetaData,
                JMSContext::getExceptionListener, c -> c.setExceptionListener(null), JMSContext::start,
                JMSContext::stop, c -> c.setAutoStart(false), JMSContext::getAutoStart,
                JMSContext::createBytesMessage, JMSContext::createMapMessage, JMSContext::createMessage,
                JMSContext::createObjectMessage, c -> c.createObjectMessage("x"), JMSContext::createStreamMessage,
                JMSContext::createTextMessage, c -> c.createTextMessage("x"), JMSContext::getTransacted,
                JMSContext::getSessionMode, JMSContext::commit, JMSContext::rollback, JMSContext::recover,
                c -> c.createConsumer(q), c -> c.createConsumer(q, "a = 1"), c -> c.createConsumer(q, null, false),
                c -> c.createQueue("q"), c -> c.createTopic("t"), c -> c.createBrowser(q),
                c -> c.createBrowser(q, "a = 1"), JMSContext::createTemporaryQueue, JMSContext::createTemporaryTopic,
                c -> c.unsubscribe("sub"), JMSContext::acknowledge,
                c -> c.createDurableConsumer(c.createTopic("t"), "d"),
                c -> c.createSharedConsumer(c.createTopic("t"), "s"));
    }

    @Test
    @DisplayName("A closed JMSContext: every method but close -> IllegalStateRuntimeException (6.1.8)")
    void closedContextRefusesEverything() {
        JMSContext open = context();
        Queue q = freshQueue(open);
        List<Consumer<JMSContext>> calls = contextCalls(q);
        for (int i = 0; i < calls.size(); i++) {
            JMSContext c = context(JMSContext.SESSION_TRANSACTED);
            c.createProducer(); // the session exists
            c.close();
            Consumer<JMSContext> call = calls.get(i);
            assertThrows(IllegalStateRuntimeException.class, () -> call.accept(c), "call #" + i + " on a closed context");
        }
    }

    @Test
    @DisplayName("A closed JMSContext that never created a session: still IllegalStateRuntimeException (6.1.8)")
    void closedFreshContextRefusesEverything() {
        JMSContext open = context();
        Queue q = freshQueue(open);
        List<Consumer<JMSContext>> calls = contextCalls(q);
        for (int i = 0; i < calls.size(); i++) {
            JMSContext c = cf().createContext();
            c.close();
            Consumer<JMSContext> call = calls.get(i);
            assertThrows(IllegalStateRuntimeException.class, () -> call.accept(c), "call #" + i + " on a closed context");
        }
    }

    @Test
    @DisplayName("Closing a JMSContext: its producers and consumers are closed (6.1.8, JMSContext.close)")
    void closeClosesProducersAndConsumers() {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSProducer producer = c.createProducer();
        JMSConsumer consumer = c.createConsumer(q);
        c.close();
        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(q, "x"));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveNoWait());
        consumer.close(); // closing a closed consumer is allowed
    }

    @Test
    @DisplayName("JMSContext.close ends a receive blocked in another thread: it returns null (JMSContext.close)")
    void closeEndsBlockedReceive() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        JMSConsumer consumer = c.createConsumer(q);
        Object[] result = {"not returned"};
        Thread t = new Thread(() -> {
            try {
                result[0] = consumer.receive();
            } catch (JMSRuntimeException e) {
                result[0] = e;
            }
        });
        t.start();
        awaitBlocked(t);
        c.close();
        t.join(Tck.RECEIVE_TIMEOUT_MS);
        assertFalse(t.isAlive(), "receive() still blocked after close");
        assertNull(result[0], "a receive ended by close returns null");
    }

    /** Waits (bounded) until {@code t} is parked, i.e. inside the blocking receive. */
    static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + Tck.RECEIVE_TIMEOUT_MS * 1_000_000L;
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the receiving thread never blocked");
            Thread.sleep(5);
        }
    }

    @Test
    @DisplayName("JMSContext.getMetaData: the connection's metadata (6.1.6)")
    void metaData() throws Exception {
        JMSContext c = context();
        assertNotNull(c.getMetaData());
        assertTrue(c.getMetaData().getJMSMajorVersion() >= 2, "the simplified API exists since JMS 2.0");
        assertNotNull(c.getMetaData().getJMSProviderName());
    }

    @Test
    @DisplayName("JMSContext.setExceptionListener / getExceptionListener: set on the shared connection (6.1.7)")
    void exceptionListener() {
        JMSContext c = context();
        assertNull(c.getExceptionListener());
        jakarta.jms.ExceptionListener l = e -> { };
        c.setExceptionListener(l);
        assertEquals(l, c.getExceptionListener());
        JMSContext child = track(c.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertEquals(l, child.getExceptionListener(), "contexts made by createContext share the connection");
    }
}
