package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.tallymq.broker.Broker;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyProperties;

/**
 * Delivery policies (issue 8) through the public JMS API against a broker configured by a config file
 * with {@code policy.} lines; run over vm:// and tcp:// by the subclasses, each test also across a
 * restart of the broker where the policy keeps state. Jakarta Messaging 3.1: 3.4.7 JMSRedelivered,
 * 3.5.11 JMSXDeliveryCount, 3.4.9 JMSExpiration, 6.2.7 rollback, 6.2.10 recover, 8.7 a listener that
 * throws under AUTO_ACKNOWLEDGE gets the message again.
 */
abstract class DeliveryPolicyTestBase {

    static final String CONFIG = String.join("\n",
            "# delivery policies under test",
            "policy.dlq.#.maxDeliveryAttempts=3",
            "policy.dlq.#.deadLetterQueue=dlq.dead",
            "policy.delay.#.redeliveryDelay=200",
            "policy.delay.#.redeliveryMultiplier=2",
            "policy.delay.#.maxRedeliveryDelay=300",
            "policy.delay.long.#.redeliveryDelay=600000",
            "policy.delay.long.#.maxRedeliveryDelay=600000",
            "policy.exp.#.expiryQueue=exp.expired",
            "policy.nodup.#.duplicateCacheSize=0",
            "policy.smalldup.#.duplicateCacheSize=3",
            "");

    static Path writeConfig() throws IOException {
        Path file = Files.createTempFile("tally-policies", ".properties");
        Files.writeString(file, CONFIG);
        return file;
    }

    /** The URL of the broker as it runs now. */
    abstract String url();

    TallyConnectionFactory factory() {
        return new TallyConnectionFactory(url());
    }

    TallyConnectionFactory factory(String option) {
        return new TallyConnectionFactory(url() + (url().contains("?") ? "&" : "?") + option);
    }

    /** The broker behind {@link #factory()} (for its queue depths). */
    abstract Broker broker();

    /** Stops the broker cleanly and starts a new one on the same data directory and config. */
    abstract void restart() throws Exception;

    private final List<Connection> open = new ArrayList<>();
    /** A name no other test uses, so tests share one broker without seeing each other's messages. */
    private String unique;

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo info) {
        unique = info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    @AfterEach
    void closeAll() throws Exception {
        closeConnections();
    }

    void closeConnections() throws Exception {
        for (Connection c : open) {
            c.close();
        }
        open.clear();
    }

    String name(String prefix) {
        return prefix + "." + unique;
    }

    Session session(boolean transacted, int mode) throws Exception {
        Connection c = factory().createConnection();
        open.add(c);
        c.start();
        return c.createSession(transacted, mode);
    }

    Session session() throws Exception {
        return session(false, Session.AUTO_ACKNOWLEDGE);
    }

    static void send(Session s, String queue, String text) throws Exception {
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage(text));
    }

    static TextMessage withId(Session s, String text, String duplicateId) throws Exception {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty(TallyProperties.DUPLICATE_ID, duplicateId);
        return m;
    }

    /** Every message the queue holds now, texts in order (each acknowledged). */
    List<String> drain(String queue) throws Exception {
        Session s = session();
        List<String> out = new ArrayList<>();
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            for (Message m = c.receiveNoWait(); m != null; m = c.receiveNoWait()) {
                out.add(((TextMessage) m).getText());
            }
        }
        return out;
    }

    // ---- maximum delivery attempts and the dead-letter queue ---------------------------------------

    @Test
    @DisplayName("6.2.7 rollback counts an attempt; after maxDeliveryAttempts=3 the message is in the dead-letter queue"
            + " with its original destination, delivery count and reason, and no longer in its queue")
    void rollbackUntilDeadLetter() throws Exception {
        String q = name("dlq.orders");
        Session producer = session();
        producer.createProducer(producer.createQueue(q)).send(producer.createTextMessage("poison"));
        Session tx = session(true, Session.SESSION_TRANSACTED);
        MessageConsumer c = tx.createConsumer(tx.createQueue(q));
        for (int attempt = 1; attempt <= 3; attempt++) {
            Message m = c.receive(10_000);
            assertNotNull(m, "attempt " + attempt + " is delivered");
            assertEquals(attempt, m.getIntProperty("JMSXDeliveryCount"), "3.5.11 JMSXDeliveryCount of attempt " + attempt);
            assertEquals(attempt > 1, m.getJMSRedelivered(), "3.4.7 JMSRedelivered of attempt " + attempt);
            tx.rollback();
        }
        Message dead = receiveFrom("dlq.dead", q);
        assertEquals("poison", ((TextMessage) dead).getText());
        assertEquals("queue://" + q, dead.getStringProperty(TallyProperties.ORIGINAL_DESTINATION));
        assertEquals(3, dead.getIntProperty(TallyProperties.ORIGINAL_DELIVERY_COUNT));
        assertTrue(dead.getStringProperty(TallyProperties.REASON).contains("maximum delivery attempts (3)"),
                dead.getStringProperty(TallyProperties.REASON));
        assertEquals("dlq.dead", ((Queue) dead.getJMSDestination()).getQueueName(), "the copy is addressed to the DLQ");
        assertEquals(0, dead.getJMSExpiration(), "a dead letter does not expire");
        assertNull(c.receiveNoWait(), "the message left its queue");
        assertEquals(0, broker().queueDepth(q));
    }

    @Test
    @DisplayName("8.7 a MessageListener that throws under AUTO_ACKNOWLEDGE gets the message again, marked redelivered;"
            + " each throw counts, and after the last attempt the message goes to the dead-letter queue")
    void poisonMessageInListener() throws Exception {
        String q = name("dlq.listener");
        Session producer = session();
        producer.createProducer(producer.createQueue(q)).send(producer.createTextMessage("poison"));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Session s = session();
        s.createConsumer(s.createQueue(q)).setMessageListener(m -> {
            try {
                seen.add(m.getIntProperty("JMSXDeliveryCount") + ":" + m.getJMSRedelivered());
            } catch (jakarta.jms.JMSException e) {
                seen.add(e.toString());
            }
            three.countDown();
            throw new IllegalStateException("listener failure under test (expected in the log)");
        });
        assertTrue(three.await(10, TimeUnit.SECONDS), "three attempts reached the listener: " + seen);
        Message dead = receiveFrom("dlq.dead", q);
        assertEquals(List.of("1:false", "2:true", "3:true"), seen, "JMSXDeliveryCount:JMSRedelivered of each attempt");
        assertEquals(3, dead.getIntProperty(TallyProperties.ORIGINAL_DELIVERY_COUNT));
        assertEquals("queue://" + q, dead.getStringProperty(TallyProperties.ORIGINAL_DESTINATION));
    }

    @Test
    @DisplayName("6.2.10 recover on a durable subscription counts too; the dead letter names the topic")
    void durableSubscriptionDeadLetter() throws Exception {
        String topic = name("dlq.news");
        Connection c = factory().createConnection();
        open.add(c);
        c.setClientID("dlq-" + unique);
        c.start();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer sub = s.createDurableSubscriber(s.createTopic(topic), "sub");
        s.createProducer(s.createTopic(topic)).send(s.createTextMessage("headline"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertNotNull(sub.receive(10_000), "attempt " + attempt);
            s.recover();
        }
        Message dead = receiveFrom("dlq.dead", "topic://" + topic);
        assertEquals("topic://" + topic, dead.getStringProperty(TallyProperties.ORIGINAL_DESTINATION));
        assertNull(sub.receiveNoWait(), "the subscription no longer holds it");
        sub.close();
        s.unsubscribe("sub");
    }

    @Test
    @DisplayName("delivery counts survive a clean restart: two attempts before, the third after, then the dead-letter queue")
    void countsSurviveRestart() throws Exception {
        String q = name("dlq.restart");
        Session tx = session(true, Session.SESSION_TRANSACTED);
        tx.createProducer(tx.createQueue(q)).send(tx.createTextMessage("poison"));
        tx.commit();
        MessageConsumer c = tx.createConsumer(tx.createQueue(q));
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertNotNull(c.receive(10_000));
            tx.rollback();
        }
        closeConnections();
        restart();
        tx = session(true, Session.SESSION_TRANSACTED);
        c = tx.createConsumer(tx.createQueue(q));
        Message m = c.receive(10_000);
        assertNotNull(m);
        assertEquals(3, m.getIntProperty("JMSXDeliveryCount"));
        tx.rollback();
        Message dead = receiveFrom("dlq.dead", q);
        assertEquals(3, dead.getIntProperty(TallyProperties.ORIGINAL_DELIVERY_COUNT));
        closeConnections();
        restart();
        assertEquals(List.of(), drain(q), "the original did not come back after the move");
        assertEquals(0, countFrom("dlq.dead", q), "the dead letter was received once and acknowledged: gone for good");
    }

    /** Receives (and acknowledges) the message in {@code queue} whose original destination ends with {@code origin}. */
    Message receiveFrom(String queue, String origin) throws Exception {
        Session s = session(false, Session.CLIENT_ACKNOWLEDGE);
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue), TallyProperties.ORIGINAL_DESTINATION
                + " LIKE '%" + origin.replace("_", "\\_").replace("%", "\\%") + "' ESCAPE '\\'")) {
            Message m = c.receive(10_000);
            assertNotNull(m, "a message from " + origin + " arrives in " + queue);
            m.acknowledge();
            return m;
        }
    }

    int countFrom(String queue, String origin) throws Exception {
        Session s = session();
        int n = 0;
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue), TallyProperties.ORIGINAL_DESTINATION
                + " LIKE '%" + origin.replace("_", "\\_").replace("%", "\\%") + "' ESCAPE '\\'")) {
            while (c.receiveNoWait() != null) {
                n++;
            }
        }
        return n;
    }

    // ---- redelivery delay --------------------------------------------------------------------------

    @Test
    @DisplayName("redeliveryDelay 200 ms, multiplier 2, max 300 ms: each redelivery comes no earlier than its delay")
    void redeliveryDelayWithBackOff() throws Exception {
        String q = name("delay.q");
        Session s = session(false, Session.CLIENT_ACKNOWLEDGE);
        s.createProducer(s.createQueue(q)).send(s.createTextMessage("slow"));
        MessageConsumer c = s.createConsumer(s.createQueue(q));
        assertNotNull(c.receive(10_000));
        long[] expected = {200, 300, 300}; // 200, 200*2=400 capped at 300, capped
        Message m = null;
        for (int i = 0; i < expected.length; i++) {
            long returned = System.currentTimeMillis();
            s.recover();
            m = c.receive(10_000);
            long waited = System.currentTimeMillis() - returned;
            assertNotNull(m, "redelivery " + (i + 1));
            assertEquals(i + 2, m.getIntProperty("JMSXDeliveryCount"));
            assertTrue(waited >= expected[i] - 5, "redelivery " + (i + 1) + " came after " + waited
                    + " ms; the policy says not before " + expected[i] + " ms (5 ms allowed for clock granularity)");
        }
        m.acknowledge();
        assertEquals(0, broker().queueDepth(q));
    }

    @Test
    @DisplayName("a pending redelivery delay is stored: a message waiting 10 minutes still waits after a restart,"
            + " and is still counted in its queue")
    void pendingDelaySurvivesRestart() throws Exception {
        String q = name("delay.long");
        Session tx = session(true, Session.SESSION_TRANSACTED);
        tx.createProducer(tx.createQueue(q)).send(tx.createTextMessage("later"));
        tx.commit();
        MessageConsumer c = tx.createConsumer(tx.createQueue(q));
        assertNotNull(c.receive(10_000));
        tx.rollback();
        assertNull(c.receiveNoWait(), "not redelivered before its delay");
        assertEquals(1, broker().queueDepth(q), "it waits in its queue");
        closeConnections();
        restart();
        tx = session(true, Session.SESSION_TRANSACTED);
        c = tx.createConsumer(tx.createQueue(q));
        assertNull(c.receiveNoWait(), "still waiting after the restart");
        assertEquals(1, broker().queueDepth(q), "and still in its queue");
    }

    // ---- expiry --------------------------------------------------------------------------------------

    @Test
    @DisplayName("3.4.9 an expired message goes to the configured expiry queue (with its original expiration), leaves"
            + " its queue and, after a restart, is in the expiry queue once")
    void expiredToExpiryQueue() throws Exception {
        String q = name("exp.q");
        Session s = session();
        MessageProducer p = s.createProducer(s.createQueue(q));
        p.send(s.createTextMessage("stale"), DeliveryMode.PERSISTENT, 4, 1);
        p.send(s.createTextMessage("fresh"), DeliveryMode.PERSISTENT, 4, 0);
        Thread.sleep(20); // the first one's time to live (1 ms) is over
        assertEquals(List.of("fresh"), drain(q), "the expired message is not delivered");
        closeConnections();
        restart();
        Message m = receiveFrom("exp.expired", q);
        assertEquals("stale", ((TextMessage) m).getText());
        assertEquals("queue://" + q, m.getStringProperty(TallyProperties.ORIGINAL_DESTINATION));
        assertTrue(m.getLongProperty(TallyProperties.ORIGINAL_EXPIRATION) > 0, "the original expiration is kept");
        assertEquals(0, m.getJMSExpiration(), "the copy does not expire");
        assertTrue(m.getStringProperty(TallyProperties.REASON).startsWith("expired"));
        assertEquals(List.of(), drain(q), "nothing came back to the original queue");
    }

    @Test
    @DisplayName("3.4.9 without an expiry queue an expired message is removed, also from the journal")
    void expiredRemovedWithoutExpiryQueue() throws Exception {
        String q = name("plain");
        Session s = session();
        s.createProducer(s.createQueue(q)).send(s.createTextMessage("stale"), DeliveryMode.PERSISTENT, 4, 1);
        Thread.sleep(20);
        assertEquals(List.of(), drain(q));
        closeConnections();
        restart();
        assertEquals(0, broker().queueDepth(q), "the journal no longer holds it");
    }

    // ---- duplicate detection -------------------------------------------------------------------------

    @Test
    @DisplayName("autoDuplicateId=true: each message gets its own id; it stays on the Message object until the send or"
            + " commit succeeded, so a transaction repeated with the same objects is kept once; then it comes off")
    void automaticDuplicateIds() throws Exception {
        String q = name("dup.auto");
        Connection c = factory("autoDuplicateId=true").createConnection();
        open.add(c);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(q));
        TextMessage m = s.createTextMessage("same object");
        p.send(m);
        assertNull(m.getStringProperty(TallyProperties.DUPLICATE_ID), "off again after a successful send");
        p.send(m); // a deliberate second send of the same object is a new message
        TextMessage explicit = withId(s, "explicit", "mine");
        p.send(explicit);
        assertEquals("mine", explicit.getStringProperty(TallyProperties.DUPLICATE_ID), "an application's id is left alone");

        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer tp = tx.createProducer(tx.createQueue(q));
        TextMessage a = tx.createTextMessage("tx a");
        TextMessage b = tx.createTextMessage("tx b");
        tp.send(a);
        tp.send(b);
        String idA = a.getStringProperty(TallyProperties.DUPLICATE_ID);
        assertNotNull(idA, "kept on the object while the transaction's outcome is open");
        // the application repeats its sends (say it lost track after a failure) before committing:
        tp.send(a);
        tp.send(b);
        tx.commit();
        assertNull(a.getStringProperty(TallyProperties.DUPLICATE_ID), "off after the commit succeeded");

        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (MessageConsumer consumer = s.createConsumer(s.createQueue(q))) {
            for (Message r = consumer.receive(5_000); r != null; r = consumer.receiveNoWait()) {
                texts.add(((TextMessage) r).getText());
                ids.add(r.getStringProperty(TallyProperties.DUPLICATE_ID));
            }
        }
        assertEquals(List.of("same object", "same object", "explicit", "tx a", "tx b"), texts);
        assertEquals(5, new java.util.HashSet<>(ids).size(), "every message had its own id: " + ids);
        assertTrue(ids.contains(idA));
    }

    @Test
    @DisplayName("autoDuplicateId=maybe is refused with a JMSException that names the option")
    void autoDuplicateIdValidated() {
        jakarta.jms.JMSException e = org.junit.jupiter.api.Assertions.assertThrows(jakarta.jms.JMSException.class,
                () -> factory("autoDuplicateId=maybe").createConnection().close());
        assertTrue(e.getMessage().contains("autoDuplicateId=maybe is not true or false"), e.getMessage());
    }

    @Test
    @DisplayName("a second send with the same TallyDuplicateId to the same queue is dropped (send still returns);"
            + " the same id to another queue is a different message")
    void duplicateDropped() throws Exception {
        String q = name("dup.q");
        String other = name("dup.other");
        Session s = session();
        MessageProducer p = s.createProducer(null);
        p.send(s.createQueue(q), withId(s, "first", "id-1"));
        p.send(s.createQueue(q), withId(s, "second copy", "id-1"));
        p.send(s.createQueue(q), withId(s, "another", "id-2"));
        p.send(s.createQueue(other), withId(s, "elsewhere", "id-1"));
        p.send(s.createQueue(q), s.createTextMessage("no id")); // no id: never a duplicate
        p.send(s.createQueue(q), s.createTextMessage("no id"));
        assertEquals(List.of("first", "another", "no id", "no id"), drain(q));
        assertEquals(List.of("elsewhere"), drain(other));
    }

    @Test
    @DisplayName("the duplicate cache survives a restart: a resend after the original was consumed is still dropped")
    void duplicateAcrossRestart() throws Exception {
        String q = name("dup.restart");
        Session s = session();
        s.createProducer(s.createQueue(q)).send(withId(s, "once", "order-42"));
        assertEquals(List.of("once"), drain(q));
        closeConnections();
        restart();
        s = session();
        s.createProducer(s.createQueue(q)).send(withId(s, "again", "order-42"));
        s.createProducer(s.createQueue(q)).send(withId(s, "new", "order-43"));
        assertEquals(List.of("new"), drain(q));
    }

    @Test
    @DisplayName("the cache is bounded: with duplicateCacheSize=3 the oldest id is forgotten, before and after a restart")
    void boundedCache() throws Exception {
        String q = name("smalldup.q");
        Session s = session();
        MessageProducer p = s.createProducer(s.createQueue(q));
        for (String id : List.of("a", "b", "c", "d")) {
            p.send(withId(s, id, id));
        }
        p.send(withId(s, "a again", "a")); // 'a' left the window when 'd' came; now the window is b, c, d -> c, d, a
        p.send(withId(s, "d again", "d"));
        assertEquals(List.of("a", "b", "c", "d", "a again"), drain(q));
        closeConnections();
        restart();
        s = session();
        p = s.createProducer(s.createQueue(q));
        p.send(withId(s, "b again", "b")); // forgotten
        p.send(withId(s, "a third time", "a")); // remembered across the restart
        assertEquals(List.of("b again"), drain(q));
    }

    @Test
    @DisplayName("duplicateCacheSize=0 switches detection off for a destination")
    void detectionOff() throws Exception {
        String q = name("nodup.q");
        Session s = session();
        MessageProducer p = s.createProducer(s.createQueue(q));
        p.send(withId(s, "1", "same"));
        p.send(withId(s, "2", "same"));
        assertEquals(List.of("1", "2"), drain(q));
    }

    @Test
    @DisplayName("a transacted resend is detected at commit: the repeated transaction commits, its duplicates are"
            + " dropped, its new messages arrive; a duplicate within one transaction is dropped too")
    void transactedResend() throws Exception {
        String q = name("dup.tx");
        Session tx = session(true, Session.SESSION_TRANSACTED);
        MessageProducer p = tx.createProducer(tx.createQueue(q));
        p.send(withId(tx, "x", "x"));
        p.send(withId(tx, "y", "y"));
        tx.commit();
        p.send(withId(tx, "x resent", "x")); // the application did not know whether the first commit took effect
        p.send(withId(tx, "y resent", "y"));
        p.send(withId(tx, "z", "z"));
        p.send(withId(tx, "z twice", "z"));
        tx.commit();
        assertEquals(List.of("x", "y", "z"), drain(q));
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no id behind: its messages may be sent again")
    void rolledBackIdsForgotten() throws Exception {
        String q = name("dup.rollback");
        Session tx = session(true, Session.SESSION_TRANSACTED);
        MessageProducer p = tx.createProducer(tx.createQueue(q));
        p.send(withId(tx, "first try", "k"));
        tx.rollback();
        p.send(withId(tx, "second try", "k"));
        tx.commit();
        closeConnections();
        restart();
        Session s = session();
        s.createProducer(s.createQueue(q)).send(withId(s, "third try", "k"));
        assertEquals(List.of("second try"), drain(q));
    }

    @Test
    @DisplayName("duplicate detection on a topic: a durable subscriber gets a resent publish once")
    void duplicateOnTopic() throws Exception {
        String topic = name("dup.topic");
        Connection c = factory().createConnection();
        open.add(c);
        c.setClientID("dup-" + unique);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer sub = s.createDurableSubscriber(s.createTopic(topic), "sub");
        MessageProducer p = s.createProducer(s.createTopic(topic));
        p.send(withId(s, "news", "n-1"));
        p.send(withId(s, "news again", "n-1"));
        assertEquals("news", ((TextMessage) sub.receive(10_000)).getText());
        assertNull(sub.receiveNoWait());
        sub.close();
        s.unsubscribe("sub");
    }
}
