package org.tallymq.tck.ch07.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Jms2Support;

/**
 * Spec 7.8 "Message time-to-live" and 3.4.9 "JMSExpiration". The spec says a provider "should do its best to
 * accurately expire messages" and "Clients should not receive messages that have expired" ("should": tagged), but
 * also "It is not acceptable to simply ignore time-to-live". Each test sends a non-expiring marker after the expired
 * message, so that "nothing but the marker" proves the consumer works and the expired message was dropped.
 */
@DisplayName("7.8/3.4.9 Time-to-live and expiration")
class TimeToLiveTest extends Jms2Support {

    private static final long TTL = 100;
    private static final long WAIT = 300;

    private static void sendExpiringThenMarker(Session s, jakarta.jms.Destination d) throws JMSException,
            InterruptedException {
        MessageProducer p = s.createProducer(d);
        p.send(s.createTextMessage("expires"), DeliveryMode.NON_PERSISTENT, 4, TTL);
        p.send(s.createTextMessage("expires-persistent"), DeliveryMode.PERSISTENT, 4, TTL);
        Thread.sleep(WAIT);
        p.send(s.createTextMessage("marker"));
    }

    @Test
    @DisplayName("3.4.9 JMSExpiration = send time + time-to-live on the sent and the received message")
    void expirationHeader() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(60_000);
        TextMessage m = s.createTextMessage("x");
        long before = System.currentTimeMillis();
        p.send(m);
        long after = System.currentTimeMillis();
        long expiration = m.getJMSExpiration();
        assertTrue(expiration >= before + 60_000 && expiration <= after + 60_000,
                () -> "JMSExpiration " + expiration + " must be send time + 60000");
        assertEquals(expiration, receiveOrFail(s.createConsumer(q)).getJMSExpiration());
    }

    @Test
    @DisplayName("7.8 The time-to-live argument of send overrides the producer's; setJMSExpiration before send is ignored")
    void sendArgumentOverridesProducer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.setTimeToLive(60_000);
        TextMessage m = s.createTextMessage("x");
        m.setJMSExpiration(1);
        p.send(m, DeliveryMode.NON_PERSISTENT, 4, 0);
        assertEquals(0, m.getJMSExpiration(), "time-to-live 0 given to send: JMSExpiration must be 0");
        assertEquals(0, receiveOrFail(s.createConsumer(q)).getJMSExpiration());
    }

    @Test
    @Tag("should")
    @DisplayName("7.8/3.4.9 (should) A queue message whose time-to-live passed before receive is not delivered")
    void expiredNotDeliveredFromQueue() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendExpiringThenMarker(s, q);
        assertReceivesExactly(s.createConsumer(q), "marker");
    }

    @Test
    @Tag("should")
    @DisplayName("7.8/3.4.9 (should) An expired message is not delivered even to a consumer that existed when it was sent (CLIENT_ACK, prefetch)")
    void expiredNotDeliveredToWaitingConsumer() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        c.stop(); // the consumer exists but gets nothing until start: the message expires in between
        MessageConsumer consumer = c.createSession(false, Session.CLIENT_ACKNOWLEDGE).createConsumer(q);
        sendExpiringThenMarker(s, q);
        c.start();
        assertReceivesExactly(consumer, "marker");
    }

    @Test
    @Tag("should")
    @DisplayName("7.8/3.4.9 (should) A message that expires after it reached a started consumer, before the application receives it, is not delivered")
    void expiredWhileWaitingInConsumer() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        sendExpiringThenMarker(s, q); // the consumer is started, so the provider may already have pushed them to it
        assertReceivesExactly(consumer, "marker");
    }

    @Test
    @Tag("should")
    @DisplayName("7.8 (should) A browser does not show an expired message")
    void browserSkipsExpired() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendExpiringThenMarker(s, q);
        List<String> seen = new ArrayList<>();
        try (QueueBrowser b = s.createBrowser(q)) {
            Enumeration<?> e = b.getEnumeration();
            while (e.hasMoreElements()) {
                seen.add(text((Message) e.nextElement()));
            }
        }
        assertEquals(List.of("marker"), seen);
    }

    @Test
    @Tag("should")
    @DisplayName("7.8 (should) An expired message kept for an inactive durable subscription is not delivered on reconnect")
    void expiredOnDurableSubscription() throws Exception {
        String cid = newClientId();
        String name = durable(cid, newSubscriptionName());
        Connection sub = connection(cid);
        Session ss = sub.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = newTopic(ss);
        ss.createDurableConsumer(t, name).close();
        Session ps = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendExpiringThenMarker(ps, t);
        assertReceivesExactly(ss.createDurableConsumer(t, name), "marker");
    }

    @Test
    @Tag("should")
    @DisplayName("7.8 (should) A message that expires while unacknowledged is not redelivered after recover")
    void expiredNotRedelivered() throws Exception {
        Session s = connection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        p.send(s.createTextMessage("expires"), DeliveryMode.NON_PERSISTENT, 4, 500);
        MessageConsumer c = s.createConsumer(q);
        assertEquals("expires", text(receiveOrFail(c)));
        Thread.sleep(700);
        p.send(s.createTextMessage("marker"));
        s.recover();
        Message m = receiveOrFail(c);
        assertEquals("marker", text(m), () -> "after recover the expired message came back: " + describe(m));
        m.acknowledge();
        assertNoMessage(c);
    }
}
