package org.tallymq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base class of the suite's JMS 2.0+ chapters (durable and shared subscriptions, delivery delay, asynchronous send,
 * getBody, redelivery counts, application-server facilities) used through the classic API.
 *
 * <p>It opens connections through JNDI ({@link Tck}) only, closes every one of them after each test (also when the
 * test fails), and then deletes the durable subscriptions a test registered with {@link #durable}. Nothing here
 * names a provider class. Each test runs on the JUnit thread; helpers are not thread-safe unless they say so.
 *
 * <p>Tags: a test without a tag checks what the specification or the {@code jakarta.jms} javadoc requires.
 * {@code @Tag("should")} marks behaviour the specification only recommends (priority order, expiry);
 * {@code @Tag("beyond-spec")} marks behaviour the specification leaves open. A conforming provider may fail tagged
 * tests; exclude them with {@code -Dgroups='!should & !beyond-spec'} when checking conformance only.
 */
@Timeout(30)
public abstract class Jms2Support {

    /** The mandatory JMS-defined delivery-count property (spec 3.5.11). */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    /** (client ID or null, subscription name) of durable subscriptions to delete after the test. */
    private final List<String[]> durables = new ArrayList<>();

    // ---------------------------------------------------------------- resources

    /** A new started connection with no client ID; closed after the test. */
    protected Connection connection() throws JMSException {
        return connection(null);
    }

    /** A new started connection with the given client ID (none if null); closed after the test. */
    protected Connection connection(String clientId) throws JMSException {
        Connection c = track(Tck.connectionFactory().createConnection());
        if (clientId != null) {
            c.setClientID(clientId);
        }
        c.start();
        return c;
    }

    /** Registers anything closeable to be closed (in reverse order) after the test. */
    protected <T extends AutoCloseable> T track(T resource) {
        synchronized (opened) {
            opened.push(resource);
        }
        return resource;
    }

    /** Remembers a durable subscription (clientId may be null) so that it is unsubscribed after the test. */
    protected String durable(String clientId, String name) {
        durables.add(new String[] {clientId, name});
        return name;
    }

    /** A client ID no other test uses. */
    protected static String newClientId() {
        return Tck.uniqueName("tck-cid");
    }

    /** A subscription name no other test uses. */
    protected static String newSubscriptionName() {
        return Tck.uniqueName("tck-sub");
    }

    protected static Queue newQueue(Session session) throws JMSException {
        return session.createQueue(Tck.uniqueName("tck.q"));
    }

    protected static Topic newTopic(Session session) throws JMSException {
        return session.createTopic(Tck.uniqueName("tck.t"));
    }

    @AfterEach
    void closeEverythingOpened() {
        while (true) {
            AutoCloseable next;
            synchronized (opened) {
                next = opened.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("cleanup: close of " + next + " failed: " + e);
            }
        }
        for (String[] d : durables) {
            try (Connection c = Tck.connectionFactory().createConnection()) {
                if (d[0] != null) {
                    c.setClientID(d[0]);
                }
                try (Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                    s.unsubscribe(d[1]);
                }
            } catch (JMSException e) {
                // Already deleted by the test, or replaced: nothing left to clean up.
            }
        }
        durables.clear();
    }

    // ---------------------------------------------------------------- sending

    /** Sends one text message per argument with a fresh AUTO_ACKNOWLEDGE session of the connection. */
    protected static void sendTexts(Connection connection, Destination destination, String... texts)
            throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(destination)) {
            for (String text : texts) {
                p.send(s.createTextMessage(text));
            }
        }
    }

    /** Sends texts, each with the string property {@code color} set to the given color. */
    protected static void sendColored(Connection connection, Destination destination, String color, String... texts)
            throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(destination)) {
            for (String text : texts) {
                TextMessage m = s.createTextMessage(text);
                m.setStringProperty("color", color);
                p.send(m);
            }
        }
    }

    /** "prefix0", "prefix1", ... */
    protected static String[] numbered(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + i;
        }
        return texts;
    }

    // ---------------------------------------------------------------- receiving

    protected static Message receiveOrFail(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "expected a message within " + Tck.RECEIVE_TIMEOUT_MS + " ms, got none");
        return m;
    }

    /** Receives {@code count} messages that must all arrive; returns their texts in arrival order. */
    protected static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertNotNull(m, "expected " + count + " messages, got only " + texts + " within the timeout");
            texts.add(text(m));
        }
        return texts;
    }

    /** Shows that no message arrives within {@link Tck#NO_MESSAGE_MS}. */
    protected static void assertNoMessage(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(Tck.NO_MESSAGE_MS);
        assertNull(m, () -> "expected no message, got " + describe(m));
    }

    /** Receives exactly the given texts, in order, and then nothing more. */
    protected static void assertReceivesExactly(MessageConsumer consumer, String... texts) throws JMSException {
        assertEquals(List.of(texts), receiveTexts(consumer, texts.length));
        assertNoMessage(consumer);
    }

    protected static String text(Message m) throws JMSException {
        assertTrue(m instanceof TextMessage, () -> "expected a TextMessage, got " + describe(m));
        return ((TextMessage) m).getText();
    }

    protected static void assertRedelivered(Message m, int expectedDeliveryCount) throws JMSException {
        assertTrue(m.getJMSRedelivered(), () -> "JMSRedelivered must be true on a redelivered message: " + describe(m));
        assertEquals(expectedDeliveryCount, m.getIntProperty(DELIVERY_COUNT),
                () -> DELIVERY_COUNT + " of a redelivered message: " + describe(m));
    }

    protected static void assertFirstDelivery(Message m) throws JMSException {
        assertFalse(m.getJMSRedelivered(), () -> "JMSRedelivered must be false on a first delivery: " + describe(m));
        assertEquals(1, m.getIntProperty(DELIVERY_COUNT), () -> DELIVERY_COUNT + " of a first delivery: " + describe(m));
    }

    protected static String describe(Message m) {
        if (m == null) {
            return "null";
        }
        try {
            String body = m instanceof TextMessage t ? "'" + t.getText() + "'" : m.getClass().getSimpleName();
            return body + " [id=" + m.getJMSMessageID() + ", redelivered=" + m.getJMSRedelivered() + ", "
                    + DELIVERY_COUNT + "=" + m.getObjectProperty(DELIVERY_COUNT) + "]";
        } catch (JMSException e) {
            return m + " (cannot describe: " + e + ")";
        }
    }
}
