package org.tallymq.tck.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/**
 * Spec 7.9 "Message delivery delay" and 4.1.6 ("A message must not be returned by a QueueBrowser before its
 * delivery time has been reached"). The delay used is long next to {@link Tck#NO_MESSAGE_MS}, so the checks that
 * nothing arrives early cannot fail on a correct provider however slow the machine.
 */
@DisplayName("7.9 Message delivery delay")
class DeliveryDelayTest extends ClassicSupport {

    private static final long DELAY_MS = 2_000;

    @Test
    @DisplayName("7.9 A delayed message is not delivered before its delivery time, and is delivered after it")
    void notBeforeDeliveryTime() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        producer.setDeliveryDelay(DELAY_MS);
        assertEquals(DELAY_MS, producer.getDeliveryDelay());
        MessageConsumer consumer = s.createConsumer(q);
        Message sent = s.createTextMessage("later");
        producer.send(sent);
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "delivered before its delivery time");
        Message m = consumer.receive(DELAY_MS + Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "the delayed message never arrived");
        assertTrue(System.currentTimeMillis() >= sent.getJMSDeliveryTime(),
                "received before JMSDeliveryTime " + sent.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("7.9 A delayed message is added only to the topic subscriptions that existed when it was sent")
    void topicSubscriptionsAtSendTime() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer before = s.createConsumer(t);
        MessageProducer producer = s.createProducer(t);
        producer.setDeliveryDelay(DELAY_MS);
        producer.send(s.createTextMessage("delayed"));
        MessageConsumer after = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(t);
        Message m = before.receive(DELAY_MS + Tck.RECEIVE_TIMEOUT_MS);
        assertNotNull(m, "the subscription that existed at send time must get the message");
        assertEquals("delayed", text(m));
        assertNoMessage(after);
    }

    @Test
    @DisplayName("4.1.6/7.9 A QueueBrowser does not return a message before its delivery time")
    void browserHidesDelayedMessage() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        producer.setDeliveryDelay(60_000);
        producer.send(s.createTextMessage("hidden"));
        try (QueueBrowser browser = s.createBrowser(q)) {
            assertFalse(browser.getEnumeration().hasMoreElements(), "the browser showed a message before its delivery time");
        }
    }
}
