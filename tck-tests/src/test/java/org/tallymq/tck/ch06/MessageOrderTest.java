package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/**
 * Spec 6.2.9 "Message order" (6.2.9.1 receipt, 6.2.9.2 sends) and 3.4.10 "JMSPriority".
 *
 * <p>Tests tagged {@code should} check behaviour the specification recommends but does not require: priority
 * ordering (3.4.10: "Jakarta Messaging does not require that a provider strictly implement priority ordering of
 * messages; however, it should do its best to deliver expedited messages ahead of normal messages") and the order of
 * recovered messages (javadoc {@code Session.recover}: "Redelivered messages do not have to be delivered in exactly
 * their original delivery order"). A provider may fail them and still conform; Tally aims to pass them.
 */
@DisplayName("6.2.9 Message order")
class MessageOrderTest extends ClassicSupport {

    private static final int COUNT = 50;

    @Test
    @DisplayName("6.2.9.1 Messages sent by one producer to a queue are received in the order sent (same priority)")
    void queueOrder() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        String[] texts = numbered("m", COUNT);
        sendTexts(connection(), q, texts);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, COUNT));
    }

    @Test
    @DisplayName("6.2.9.1 Messages sent by one producer to a topic are received by a subscriber in the order sent")
    void topicOrder() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer subscriber = s.createConsumer(t);
        String[] texts = numbered("m", COUNT);
        sendTexts(connection(), t, texts);
        assertEquals(Arrays.asList(texts), receiveTexts(subscriber, COUNT));
    }

    @Test
    @DisplayName("6.2.9.1 Messages sent by one session through two producers to one queue are received in session send order")
    void sessionOrderAcrossProducers() throws JMSException {
        Connection c = startedConnection();
        Session sender = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(sender);
        MessageProducer p1 = sender.createProducer(q);
        MessageProducer p2 = sender.createProducer(q);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String text = "m" + i;
            (i % 2 == 0 ? p1 : p2).send(sender.createTextMessage(text));
            sent.add(text);
        }
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals(sent, receiveTexts(consumer, sent.size()));
    }

    @Test
    @DisplayName("6.2.9.2 With mixed delivery modes, order is kept within each delivery mode")
    void orderWithinDeliveryMode() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        List<String> persistent = new ArrayList<>();
        List<String> nonPersistent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean p = i % 3 != 0;
            String text = (p ? "p" : "n") + i;
            producer.send(s.createTextMessage(text), p ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT,
                    Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            (p ? persistent : nonPersistent).add(text);
        }
        List<String> received = receiveTexts(s.createConsumer(q), 20);
        assertEquals(persistent, received.stream().filter(t -> t.startsWith("p")).toList());
        assertEquals(nonPersistent, received.stream().filter(t -> t.startsWith("n")).toList());
    }

    @Test
    @DisplayName("6.2.9.2 The messages of a committed transaction arrive in the order they were sent")
    void transactionOrder() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        String[] texts = numbered("t", 20);
        for (String text : texts) {
            producer.send(tx.createTextMessage(text));
        }
        tx.commit();
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
    }

    @Test
    @Tag("should")
    @DisplayName("3.4.10/6.2.9.2 (should) Waiting higher-priority messages are delivered before lower-priority ones")
    void priorityOrder() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        for (int priority : new int[] {0, 4, 1, 9, 4, 7}) {
            producer.send(s.createTextMessage("p" + priority), DeliveryMode.PERSISTENT, priority,
                    Message.DEFAULT_TIME_TO_LIVE);
        }
        MessageConsumer consumer = s.createConsumer(q);
        c.start(); // all messages are waiting before delivery starts
        List<String> received = receiveTexts(consumer, 6);
        assertEquals(List.of("p9", "p7", "p4", "p4", "p1", "p0"), received,
                "a provider should deliver expedited messages ahead of normal ones (3.4.10)");
    }

    @Test
    @Tag("should")
    @DisplayName("6.2.9.2 (should) A waiting expedited message (priority 9) overtakes waiting normal ones (priority 4)")
    void expeditedAheadOfNormal() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        for (int i = 0; i < 5; i++) {
            producer.send(s.createTextMessage("low" + i), DeliveryMode.PERSISTENT, 4, 0);
        }
        producer.send(s.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);
        MessageConsumer consumer = s.createConsumer(q);
        c.start();
        assertEquals("high", receiveText(consumer));
        assertEquals(List.of("low0", "low1", "low2", "low3", "low4"), receiveTexts(consumer, 5),
                "messages of equal priority keep their send order");
    }

    @Test
    @Tag("should")
    @DisplayName("6.2.10 (should) Messages redelivered by recover() keep their original order")
    void recoverKeepsOrder() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        String[] texts = numbered("r", 10);
        sendTexts(c, q, texts);
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
        s.recover();
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
    }

    @Test
    @Tag("should")
    @DisplayName("6.2.7 (should) Messages redelivered after rollback keep their original order, ahead of later messages")
    void rollbackKeepsOrder() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        sendTexts(c, q, "a", "b", "c", "d");
        MessageConsumer consumer = tx.createConsumer(q);
        assertEquals(List.of("a", "b"), receiveTexts(consumer, 2));
        tx.rollback();
        assertEquals(List.of("a", "b", "c", "d"), receiveTexts(consumer, 4));
        tx.commit();
        assertNoMessage(consumer);
    }
}
