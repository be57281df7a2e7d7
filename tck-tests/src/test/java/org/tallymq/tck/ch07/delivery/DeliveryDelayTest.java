package org.tallymq.tck.ch07.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;
import org.tallymq.tck.Tck;

/**
 * Spec 7.9 "Message delivery delay" and 3.4.13 "JMSDeliveryTime": the delivery time is send time + delay; "Clients
 * must not receive messages before the delivery time has been reached". Delays are about a second; the tests assert
 * lower bounds exactly (the rule is a lower bound) and upper bounds only loosely, as machines are noisy.
 */
@DisplayName("7.9/3.4.13 Delivery delay (MessageProducer.setDeliveryDelay)")
class DeliveryDelayTest extends Jms2Support {

    private static final long DELAY = 1_500;

    /** Upper bound for "delivered soon after the delivery time": generous, only catches "never". */
    private static final long LATE = Tck.RECEIVE_TIMEOUT_MS + DELAY;

    @Test
    @DisplayName("7.9 getDeliveryDelay is 0 by default and returns what setDeliveryDelay set")
    void getterSetter() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(newQueue(s));
        assertEquals(0, p.getDeliveryDelay(), "default delivery delay");
        p.setDeliveryDelay(DELAY);
        assertEquals(DELAY, p.getDeliveryDelay());
    }

    @Test
    @DisplayName("3.4.13 JMSDeliveryTime = send time + delay on the sent message, and the same value on the received one")
    void deliveryTimeHeader() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage m = s.createTextMessage("delayed");
        long before = System.currentTimeMillis();
        p.send(m);
        long after = System.currentTimeMillis();
        long deliveryTime = m.getJMSDeliveryTime();
        assertTrue(deliveryTime >= before + DELAY && deliveryTime <= after + DELAY,
                () -> "JMSDeliveryTime " + deliveryTime + " must lie in [" + (before + DELAY) + ", " + (after + DELAY) + "]");

        Message received = s.createConsumer(q).receive(LATE);
        assertNotNull(received, "the delayed message was never delivered");
        assertEquals(deliveryTime, received.getJMSDeliveryTime(), "JMSDeliveryTime on the received message");
    }

    // 3.4.13: the delivery time is the send time plus the delay, so with no delay it is the send time.
    // (ActiveMQ Artemis 2.40 leaves JMSDeliveryTime at 0 when there is no delay.)
    @Test
    @DisplayName("3.4.13 Without a delay JMSDeliveryTime equals the send time (between the clock before and after send)")
    void deliveryTimeWithoutDelay() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        TextMessage m = s.createTextMessage("now");
        long before = System.currentTimeMillis();
        p.send(m);
        long after = System.currentTimeMillis();
        long deliveryTime = m.getJMSDeliveryTime();
        assertTrue(deliveryTime >= before && deliveryTime <= after,
                () -> "JMSDeliveryTime must be the send time, was " + deliveryTime);
    }

    @Test
    @DisplayName("7.9 A queue consumer does not get the message before its delivery time, and gets it after")
    void queueConsumerWaits() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = s.createTextMessage("delayed");
        p.send(sent);
        long deliveryTime = sent.getJMSDeliveryTime();

        Message early = consumer.receive(Tck.NO_MESSAGE_MS);
        if (early != null) {
            long now = System.currentTimeMillis();
            assertTrue(now >= deliveryTime,
                    () -> "received " + (deliveryTime - now) + " ms before its delivery time " + deliveryTime);
            fail("inconclusive: the test thread was delayed past the delivery time; rerun on a quieter machine");
        }
        Message m = consumer.receive(LATE);
        long receivedAt = System.currentTimeMillis();
        assertNotNull(m, "the delayed message was never delivered");
        assertEquals("delayed", text(m));
        assertTrue(receivedAt >= deliveryTime,
                () -> "received " + (deliveryTime - receivedAt) + " ms before its delivery time");
    }

    @Test
    @DisplayName("7.9 A message listener is not called before the delivery time")
    void listenerWaits() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Session listenerSession = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        java.util.concurrent.BlockingQueue<Long> calledAt = new java.util.concurrent.LinkedBlockingQueue<>();
        listenerSession.createConsumer(q).setMessageListener(m -> calledAt.add(System.currentTimeMillis()));
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = s.createTextMessage("delayed");
        p.send(sent);
        Long at = calledAt.poll(LATE, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertNotNull(at, "the listener was never called");
        long deliveryTime = sent.getJMSDeliveryTime();
        assertTrue(at >= deliveryTime, () -> "listener called " + (deliveryTime - at) + " ms before the delivery time");
    }

    @Test
    @DisplayName("7.9/3.4.13 A browser does not show the message before its delivery time, and shows it after")
    void browserWaits() throws JMSException, InterruptedException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = s.createTextMessage("delayed");
        p.send(sent);
        long deliveryTime = sent.getJMSDeliveryTime();

        List<String> early = browse(s, q);
        long browsedAt = System.currentTimeMillis();
        if (browsedAt < deliveryTime) {
            assertEquals(List.of(), early, "the browser showed a message before its delivery time");
        } else {
            fail("inconclusive: the test thread was delayed past the delivery time; rerun on a quieter machine");
        }

        Thread.sleep(Math.max(0, deliveryTime - System.currentTimeMillis()) + 100);
        long until = System.currentTimeMillis() + Tck.RECEIVE_TIMEOUT_MS;
        List<String> later = browse(s, q);
        while (later.isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(50);
            later = browse(s, q);
        }
        assertEquals(List.of("delayed"), later, "the browser after the delivery time");
    }

    private static List<String> browse(Session s, Queue q) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (QueueBrowser b = s.createBrowser(q)) {
            Enumeration<?> e = b.getEnumeration();
            while (e.hasMoreElements()) {
                texts.add(text((Message) e.nextElement()));
            }
        }
        return texts;
    }

    @Test
    @DisplayName("7.9 A delayed message does not hold back later undelayed messages")
    void delayedDoesNotBlockOthers() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY);
        p.send(s.createTextMessage("delayed"));
        p.setDeliveryDelay(0);
        p.send(s.createTextMessage("immediate"));

        MessageConsumer c = s.createConsumer(q);
        assertEquals("immediate", text(receiveOrFail(c)));
        Message m = c.receive(LATE);
        assertNotNull(m, "the delayed message was never delivered");
        assertEquals("delayed", text(m));
    }

    @Test
    @DisplayName("7.9 Topic: the delayed message goes to subscriptions that existed at send time, after the delay")
    void topicSubscriptionExistingAtSend() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer existing = s.createConsumer(t);
        MessageProducer p = s.createProducer(t);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = s.createTextMessage("delayed");
        p.send(sent);
        MessageConsumer later = s.createConsumer(t);

        Message m = existing.receive(LATE);
        long receivedAt = System.currentTimeMillis();
        assertNotNull(m, "the subscription that existed at send time never got the message");
        assertTrue(receivedAt >= sent.getJMSDeliveryTime(), "received before the delivery time");
        assertNoMessage(later);
    }

    @Test
    @DisplayName("7.9 Durable subscription: the delayed message is kept for the inactive subscription and delivered after the delay")
    void durableSubscription() throws JMSException {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection sub = connection(cid);
        Session ss = sub.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(ss);
        ss.createDurableConsumer(t, name).close();

        Session ps = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = ps.createProducer(t);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = ps.createTextMessage("delayed");
        p.send(sent);

        Message m = ss.createDurableConsumer(t, name).receive(LATE);
        long receivedAt = System.currentTimeMillis();
        assertNotNull(m, "the durable subscription never delivered the delayed message");
        assertTrue(receivedAt >= sent.getJMSDeliveryTime(), "received before the delivery time");
    }

    @Test
    @DisplayName("7.9/3.4.13 Transacted send: the delivery time counts from the send, not from the commit")
    void transactedDelayCountsFromSend() throws JMSException, InterruptedException {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer p = tx.createProducer(q);
        p.setDeliveryDelay(DELAY);
        TextMessage sent = tx.createTextMessage("delayed");
        long before = System.currentTimeMillis();
        p.send(sent);
        long after = System.currentTimeMillis();
        Thread.sleep(500);
        tx.commit();
        long deliveryTime = sent.getJMSDeliveryTime();
        assertTrue(deliveryTime >= before + DELAY && deliveryTime <= after + DELAY,
                () -> "JMSDeliveryTime " + deliveryTime + " must be send time + delay, in ["
                        + (before + DELAY) + ", " + (after + DELAY) + "]");

        Session rs = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message m = rs.createConsumer(q).receive(LATE);
        long receivedAt = System.currentTimeMillis();
        assertNotNull(m, "the delayed transacted message was never delivered");
        assertTrue(receivedAt >= deliveryTime, "received before the delivery time");
        assertEquals(deliveryTime, m.getJMSDeliveryTime());
    }

    @Test
    @DisplayName("7.9 Transacted send then rollback: the delayed message is never delivered")
    void transactedRollback() throws JMSException, InterruptedException {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer p = tx.createProducer(q);
        p.setDeliveryDelay(300);
        p.send(tx.createTextMessage("rolled-back"));
        tx.rollback();
        Thread.sleep(400);
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertNoMessage(consumer);
    }

    @Test
    @org.junit.jupiter.api.Tag("should")
    @DisplayName("7.8/7.9 (should) A message whose time-to-live ends before its delivery time is never delivered")
    void expiresBeforeDeliveryTime() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer c = s.createConsumer(q);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(1_000);
        p.setTimeToLive(300);
        p.send(s.createTextMessage("expired-before-visible"));
        Thread.sleep(1_300);
        p.setDeliveryDelay(0);
        p.setTimeToLive(0);
        p.send(s.createTextMessage("marker"));
        assertReceivesExactly(c, "marker");
    }

    @Test
    @DisplayName("7.9/6.2.10 A delayed message received and then recovered keeps its delivery time and comes back redelivered")
    void recoverAfterDelay() throws JMSException {
        Session s = connection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(500);
        TextMessage sent = s.createTextMessage("delayed");
        p.send(sent);
        MessageConsumer c = s.createConsumer(q);
        Message first = c.receive(LATE);
        assertNotNull(first, "the delayed message was never delivered");
        s.recover();
        Message again = receiveOrFail(c);
        assertEquals(sent.getJMSDeliveryTime(), again.getJMSDeliveryTime(), "JMSDeliveryTime after recover");
        assertRedelivered(again, 2);
        again.acknowledge();
    }

    @Test
    @DisplayName("3.4.13/7.9 setJMSDeliveryTime on the message before send is ignored: the provider sets it from the producer's delay")
    void messageSetterIgnored() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        TextMessage m = s.createTextMessage("not-delayed");
        m.setJMSDeliveryTime(System.currentTimeMillis() + 3_600_000);
        long before = System.currentTimeMillis();
        p.send(m);
        long after = System.currentTimeMillis();
        assertTrue(m.getJMSDeliveryTime() >= before && m.getJMSDeliveryTime() <= after,
                "JMSDeliveryTime set by the application must be overwritten by send");
        assertEquals("not-delayed", text(receiveOrFail(s.createConsumer(q))));
    }

    @Test
    @DisplayName("7.9 Delayed messages become available in delivery-time order, not send order")
    void deliveryTimeOrder() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setDeliveryDelay(DELAY + 1_000);
        p.send(s.createTextMessage("later"));
        p.setDeliveryDelay(DELAY);
        p.send(s.createTextMessage("sooner"));
        MessageConsumer c = s.createConsumer(q);
        Message first = c.receive(LATE + 1_000);
        assertNotNull(first, "no delayed message delivered");
        assertEquals("sooner", text(first));
        Message second = c.receive(LATE + 1_000);
        assertNotNull(second, "the second delayed message was never delivered");
        assertEquals("later", text(second));
        assertFalse(second.getJMSDeliveryTime() < first.getJMSDeliveryTime());
    }
}
