package org.tallymq.tck.ch11.appserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tallymq.tck.Jms2Support;
import org.tallymq.tck.Tck;

/**
 * Spec chapter 11 "Jakarta Messaging application server facilities" (11.2 connection consumers, server sessions,
 * {@code Session.setMessageListener} and {@code Session.run}). The sentence these tests rely on is 11.1: "The
 * facilities described in this chapter are a special category of Jakarta Messaging. They are optional and might
 * only be supported by some Jakarta Messaging providers." The javadoc marks each method "(optional operation)" /
 * "(optional)" and declares only {@code JMSException} (for {@code run}, {@code JMSRuntimeException}).
 *
 * <p>So each test accepts exactly two outcomes: the provider <em>declines</em> the facility with the exception the
 * method declares ({@code JMSException} / {@code JMSRuntimeException}) or with
 * {@code java.lang.UnsupportedOperationException}, the Java platform's signal for an unsupported optional operation;
 * or it <em>supports</em> it, and then it must work as 11.2 describes (messages of the destination reach the
 * listeners of the server sessions through {@code Session.run}). A {@code null} result, any other runtime
 * exception, or a hang is a failure.
 *
 * <p>(ActiveMQ Artemis 2.40 fails these: its createConnectionConsumer methods return null, and its
 * setMessageListener accepts a listener that getMessageListener then does not return.)
 */
@DisplayName("11.2 Application server facilities: optional, but if offered they must work")
class ApplicationServerFacilitiesTest extends Jms2Support {

    /** A call to an optional facility. */
    @FunctionalInterface
    private interface OptionalCall<T> {
        T call() throws JMSException;
    }

    /** Returns the result, or null if the provider declined in a permitted way; fails on anything else. */
    private static <T> T supportedOrDeclined(String what, OptionalCall<T> call) {
        T result;
        try {
            result = call.call();
        } catch (JMSException | JMSRuntimeException | UnsupportedOperationException declined) {
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e + "; an unsupported optional facility must be declined with "
                    + "JMSException or UnsupportedOperationException", e);
        }
        assertNotNull(result, what + " returned null: it must return the connection consumer or throw (javadoc @return)");
        return result;
    }

    /** A minimal application server: each server session is a new session of the connection, run on its own thread. */
    private static final class ThreadPerStartPool implements ServerSessionPool {
        final Connection connection;
        final MessageListener listener;
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        ThreadPerStartPool(Connection connection, MessageListener listener) {
            this.connection = connection;
            this.listener = listener;
        }

        @Override
        public ServerSession getServerSession() throws JMSException {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.setMessageListener(listener);
            return new ServerSession() {
                @Override
                public Session getSession() {
                    return session;
                }

                @Override
                public void start() {
                    Thread t = new Thread(() -> {
                        try {
                            session.run();
                        } catch (RuntimeException | Error e) {
                            errors.add(e);
                        }
                    }, "tck-server-session");
                    t.setDaemon(true);
                    t.start();
                }
            };
        }
    }

    /** Records the texts a server session's listener got. */
    private static final class Texts implements MessageListener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(Message message) {
            try {
                received.add(((TextMessage) message).getText());
            } catch (JMSException | RuntimeException e) {
                received.add("error: " + e);
            }
        }

        Set<String> take(int n) throws InterruptedException {
            Set<String> got = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String t = received.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertNotNull(t, "the server sessions' listener got only " + got + " of " + n + " messages");
                got.add(t);
            }
            String extra = received.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS);
            assertNull(extra, () -> "a message was delivered twice or unexpectedly: " + extra);
            return got;
        }
    }

    private void assertDelivers(ConnectionConsumer cc, ThreadPerStartPool pool, Texts texts, Destination d)
            throws Exception {
        assertSame(pool, cc.getServerSessionPool(), "ConnectionConsumer.getServerSessionPool");
        String[] sent = numbered("cc", 5);
        sendTexts(connection(), d, sent);
        assertEquals(Set.of(sent), texts.take(sent.length));
        assertEquals(List.of(), pool.errors, "Session.run failed on a server session thread");
        cc.close();
    }

    @Test
    @DisplayName("11.2.4/11.2.5 createConnectionConsumer on a queue: declined (JMSException/UnsupportedOperationException) or it delivers through ServerSession and Session.run")
    void connectionConsumerOnQueue() throws Exception {
        Connection c = connection();
        Queue q = newQueue(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        Texts texts = new Texts();
        ThreadPerStartPool pool = new ThreadPerStartPool(c, texts);
        ConnectionConsumer cc = supportedOrDeclined("createConnectionConsumer",
                () -> c.createConnectionConsumer(q, null, pool, 1));
        if (cc != null) {
            assertDelivers(cc, pool, texts, q);
        }
    }

    @Test
    @DisplayName("11.2.4 createConnectionConsumer on a topic: declined, or it delivers every message published after creation")
    void connectionConsumerOnTopic() throws Exception {
        Connection c = connection();
        Topic t = newTopic(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        Texts texts = new Texts();
        ThreadPerStartPool pool = new ThreadPerStartPool(c, texts);
        ConnectionConsumer cc = supportedOrDeclined("createConnectionConsumer(topic)",
                () -> c.createConnectionConsumer(t, null, pool, 2));
        if (cc != null) {
            assertDelivers(cc, pool, texts, t);
        }
    }

    @Test
    @DisplayName("11.2.4 createSharedConnectionConsumer: declined, or it delivers from the shared subscription")
    void sharedConnectionConsumer() throws Exception {
        Connection c = connection();
        Topic t = newTopic(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        Texts texts = new Texts();
        ThreadPerStartPool pool = new ThreadPerStartPool(c, texts);
        ConnectionConsumer cc = supportedOrDeclined("createSharedConnectionConsumer",
                () -> c.createSharedConnectionConsumer(t, newSubscriptionName(), null, pool, 1));
        if (cc != null) {
            assertDelivers(cc, pool, texts, t);
        }
    }

    @Test
    @DisplayName("11.2.4 createDurableConnectionConsumer (client ID set): declined, or it delivers from the durable subscription")
    void durableConnectionConsumer() throws Exception {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection c = connection(cid);
        Topic t = newTopic(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        Texts texts = new Texts();
        ThreadPerStartPool pool = new ThreadPerStartPool(c, texts);
        ConnectionConsumer cc = supportedOrDeclined("createDurableConnectionConsumer",
                () -> c.createDurableConnectionConsumer(t, name, null, pool, 1));
        if (cc != null) {
            assertDelivers(cc, pool, texts, t);
        }
    }

    @Test
    @DisplayName("11.2.4 createSharedDurableConnectionConsumer: declined, or it delivers from the shared durable subscription")
    void sharedDurableConnectionConsumer() throws Exception {
        String name = durable(null, newSubscriptionName());
        Connection c = connection();
        Topic t = newTopic(c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        Texts texts = new Texts();
        ThreadPerStartPool pool = new ThreadPerStartPool(c, texts);
        ConnectionConsumer cc = supportedOrDeclined("createSharedDurableConnectionConsumer",
                () -> c.createSharedDurableConnectionConsumer(t, name, null, pool, 1));
        if (cc != null) {
            assertDelivers(cc, pool, texts, t);
        }
    }

    @Test
    @DisplayName("11.2.1 Session.setMessageListener: declined (JMSException/UnsupportedOperationException; then getMessageListener is null or declined too), or getMessageListener returns it")
    void sessionMessageListener() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageListener listener = m -> { };
        boolean accepted;
        try {
            s.setMessageListener(listener);
            accepted = true;
        } catch (JMSException | UnsupportedOperationException declined) {
            accepted = false;
        } catch (RuntimeException e) {
            throw new AssertionError("setMessageListener threw " + e + "; the javadoc declares JMSException", e);
        }
        MessageListener got;
        try {
            got = s.getMessageListener();
        } catch (JMSException | UnsupportedOperationException declined) {
            if (accepted) {
                fail("setMessageListener accepted a listener but getMessageListener throws " + declined);
            }
            return;
        }
        if (accepted) {
            assertSame(listener, got, "getMessageListener must return the listener that was set");
        } else {
            assertNull(got, "setMessageListener was declined, yet getMessageListener returns a listener");
        }
    }

    @Test
    @Timeout(10)
    @DisplayName("11.2.1 Session.run with nothing loaded: returns at once, or is declined (JMSRuntimeException/UnsupportedOperationException); never hangs")
    void sessionRunWithNothingLoaded() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            s.run();
        } catch (JMSRuntimeException | UnsupportedOperationException declined) {
            // the optional operation is not provided
        } catch (RuntimeException e) {
            throw new AssertionError("Session.run threw " + e + "; an unsupported optional operation must be declined "
                    + "with JMSRuntimeException or UnsupportedOperationException", e);
        }
    }
}
