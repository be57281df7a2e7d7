package org.tallymq.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base class of the classic-API chapters of the suite: opens connections through JNDI ({@link Tck}), closes every
 * one of them after each test (also when the test fails), and offers the few helpers every chapter needs
 * (send texts, receive-or-fail, show that nothing arrives, a recording listener).
 *
 * <p>Nothing here names a provider class; only {@code jakarta.jms} is used. Each test runs on the JUnit thread; a
 * test that starts threads of its own joins them before it returns.
 *
 * <p>Tags: a test without a tag checks what the specification or the {@code jakarta.jms} javadoc requires
 * ("must", or an exception named in the javadoc). {@code @Tag("should")} marks behaviour the specification only
 * recommends (priority order, expiry, order of recovered messages); {@code @Tag("beyond-spec")} marks behaviour
 * the specification leaves open, where the test pins down the common (and Tally's) choice. A conforming provider
 * may fail tagged tests; exclude them with {@code -Dgroups='!should & !beyond-spec'} (Surefire) when checking
 * conformance only.
 */
@Timeout(30)
public abstract class ClassicSupport {

    /** The name of the mandatory JMS-defined delivery-count property (spec 3.5.11). */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    // ---------------------------------------------------------------- resources

    /** A new, stopped connection from the default factory; closed after the test. */
    protected Connection connection() throws JMSException {
        return track(Tck.connectionFactory().createConnection());
    }

    /** A new connection from the default factory, already started; closed after the test. */
    protected Connection startedConnection() throws JMSException {
        Connection c = connection();
        c.start();
        return c;
    }

    protected QueueConnection queueConnection() throws JMSException {
        return track(Tck.queueConnectionFactory().createQueueConnection());
    }

    protected TopicConnection topicConnection() throws JMSException {
        return track(Tck.topicConnectionFactory().createTopicConnection());
    }

    /** Registers anything closeable to be closed (in reverse order) after the test. */
    protected <T extends AutoCloseable> T track(T resource) {
        synchronized (opened) {
            opened.push(resource);
        }
        return resource;
    }

    @AfterEach
    void closeEverythingOpened() {
        while (true) {
            AutoCloseable next;
            synchronized (opened) {
                next = opened.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                // Closing is tested on purpose elsewhere; here a failing close must not hide the test's own result.
                System.err.println("cleanup: close of " + next + " failed: " + e);
            }
        }
    }

    /** A queue that no other test uses. */
    protected static Queue newQueue(Session session) throws JMSException {
        return session.createQueue(Tck.uniqueName("tck.q"));
    }

    /** A topic that no other test uses. */
    protected static Topic newTopic(Session session) throws JMSException {
        return session.createTopic(Tck.uniqueName("tck.t"));
    }

    // ---------------------------------------------------------------- sending

    /** Sends one text message per argument, in order, with the producer's defaults; returns the sent messages. */
    protected static List<TextMessage> sendTexts(Session session, Destination destination, String... texts)
            throws JMSException {
        List<TextMessage> sent = new ArrayList<>();
        try (MessageProducer producer = session.createProducer(destination)) {
            for (String text : texts) {
                TextMessage m = session.createTextMessage(text);
                producer.send(m);
                sent.add(m);
            }
        }
        return sent;
    }

    /** Sends texts with a fresh non-transacted session of the given connection. */
    protected static void sendTexts(Connection connection, Destination destination, String... texts)
            throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            sendTexts(s, destination, texts);
        }
    }

    /** "m0", "m1", ... */
    protected static String[] numbered(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + i;
        }
        return texts;
    }

    // ---------------------------------------------------------------- receiving

    /** Receives a message that must arrive within {@link Tck#RECEIVE_TIMEOUT_MS}. */
    protected static Message receiveOrFail(MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "expected a message within " + Tck.RECEIVE_TIMEOUT_MS + " ms, got none");
        return m;
    }

    /** Receives a text message that must arrive and returns its text. */
    protected static String receiveText(MessageConsumer consumer) throws JMSException {
        return text(receiveOrFail(consumer));
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
        assertTrue(!m.getJMSRedelivered(), () -> "JMSRedelivered must be false on a first delivery: " + describe(m));
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

    protected static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            fail("timed out after " + Tck.RECEIVE_TIMEOUT_MS + " ms waiting for " + what);
        }
    }

    /**
     * A message listener that records what it is given; the test thread takes the messages with {@link #next()}.
     * Errors raised while the listener runs are kept and rethrown by {@link #assertNoErrors()}.
     */
    public static class RecordingListener implements MessageListener {
        private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        protected final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(Message message) {
            try {
                handle(message);
            } catch (RuntimeException | Error e) {
                errors.add(e);
                throw e;
            } finally {
                received.add(message);
            }
        }

        /** Work done on the listener thread before the message is handed to the test; nothing by default. */
        protected void handle(Message message) {
        }

        public Message next() throws InterruptedException {
            Message m = received.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(m, "the listener was not called within " + Tck.RECEIVE_TIMEOUT_MS + " ms");
            return m;
        }

        public void assertNothingMore() throws InterruptedException {
            Message m = received.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS);
            assertNull(m, () -> "the listener must not have been called, but got " + describe(m));
        }

        public void assertNoErrors() {
            if (!errors.isEmpty()) {
                AssertionError e = new AssertionError("the listener failed: " + errors.get(0), errors.get(0));
                errors.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
        }
    }
}
