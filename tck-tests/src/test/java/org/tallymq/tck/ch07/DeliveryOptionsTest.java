package org.tallymq.tck.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.ClassicSupport;

/**
 * Spec 7.4 "Setting message delivery options", 7.7 "Message delivery mode", 7.8 "Message time-to-live" and the
 * javadoc of the {@code MessageProducer} setters. The header fields themselves (3.4, including message ID and
 * timestamp hints and the overwriting of send-time headers, 3.4.11) are tested in chapter 3
 * ({@code org.tallymq.tck.ch03.HeaderFieldTest}).
 */
@DisplayName("7.4-7.8 Delivery options")
class DeliveryOptionsTest extends ClassicSupport {

    @Test
    @DisplayName("7.4 Producer defaults: PERSISTENT, priority 4, time-to-live 0, delivery delay 0, IDs and timestamps enabled")
    void defaults() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = s.createProducer(newQueue(s));
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(4, producer.getPriority());
        assertEquals(0, producer.getTimeToLive());
        assertEquals(0, producer.getDeliveryDelay());
        assertFalse(producer.getDisableMessageID());
        assertFalse(producer.getDisableMessageTimestamp());
    }

    @Test
    @DisplayName("7.7 setDeliveryMode sets the JMSDeliveryMode of sent and received messages")
    void deliveryMode() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        for (int mode : new int[] {DeliveryMode.NON_PERSISTENT, DeliveryMode.PERSISTENT}) {
            producer.setDeliveryMode(mode);
            assertEquals(mode, producer.getDeliveryMode());
            Message sent = s.createTextMessage("m" + mode);
            producer.send(sent);
            assertEquals(mode, sent.getJMSDeliveryMode(), "after send the message holds the delivery mode used");
            assertEquals(mode, receiveOrFail(consumer).getJMSDeliveryMode());
        }
    }

    @Test
    @DisplayName("3.4.10 Priorities 0..9 are accepted and carried to JMSPriority of sent and received messages")
    void priorities() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        for (int p = 0; p <= 9; p++) {
            producer.setPriority(p);
            assertEquals(p, producer.getPriority());
            Message sent = s.createTextMessage("p" + p);
            producer.send(sent);
            assertEquals(p, sent.getJMSPriority());
            assertEquals(p, receiveOrFail(consumer).getJMSPriority());
        }
    }

    @ParameterizedTest(name = "priority {0}")
    @ValueSource(ints = {-1, 10, Integer.MAX_VALUE})
    @DisplayName("7.4/3.4.10 A priority outside 0..9 is rejected by setPriority and by send (JMSException or IllegalArgumentException)")
    void invalidPriority(int priority) throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        assertRejected(() -> producer.setPriority(priority), "setPriority(" + priority + ")");
        assertEquals(4, producer.getPriority(), "a rejected setPriority must leave the default in place");
        Message m = s.createTextMessage("x");
        assertRejected(() -> producer.send(m, DeliveryMode.PERSISTENT, priority, 0), "send(.., priority " + priority + ", ..)");
        MessageProducer unidentified = s.createProducer(null);
        assertRejected(() -> unidentified.send(q, m, DeliveryMode.PERSISTENT, priority, 0),
                "send(dest, .., priority " + priority + ", ..)");
    }

    @ParameterizedTest(name = "deliveryMode {0}")
    @ValueSource(ints = {0, 3, -1})
    @DisplayName("7.7 A delivery mode other than PERSISTENT/NON_PERSISTENT is rejected (JMSException or IllegalArgumentException)")
    void invalidDeliveryMode(int mode) throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = s.createProducer(newQueue(s));
        assertRejected(() -> producer.setDeliveryMode(mode), "setDeliveryMode(" + mode + ")");
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        Message m = s.createTextMessage("x");
        assertRejected(() -> producer.send(m, mode, 4, 0), "send(.., deliveryMode " + mode + ", ..)");
    }

    @Test
    @DisplayName("7.8 Time-to-live 0 means no expiry: JMSExpiration is 0")
    void timeToLiveZero() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        Message sent = s.createTextMessage("x");
        producer.send(sent);
        assertEquals(0, sent.getJMSExpiration());
        assertEquals(0, receiveOrFail(s.createConsumer(q)).getJMSExpiration());
    }

    @Test
    @DisplayName("7.8/3.4.9 Time-to-live sets JMSExpiration = send time + TTL, on the sent and the received message")
    void timeToLiveSetsExpiration() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        long ttl = 600_000;
        producer.setTimeToLive(ttl);
        assertEquals(ttl, producer.getTimeToLive());
        Message sent = s.createTextMessage("x");
        long before = System.currentTimeMillis();
        producer.send(sent);
        long after = System.currentTimeMillis();
        assertBetween(before + ttl, after + ttl, sent.getJMSExpiration(), "JMSExpiration of the sent message");
        Message received = receiveOrFail(s.createConsumer(q));
        assertEquals(sent.getJMSExpiration(), received.getJMSExpiration());

        long perSendTtl = 120_000;
        Message second = s.createTextMessage("y");
        before = System.currentTimeMillis();
        producer.send(second, DeliveryMode.PERSISTENT, 4, perSendTtl);
        after = System.currentTimeMillis();
        assertBetween(before + perSendTtl, after + perSendTtl, second.getJMSExpiration(),
                "JMSExpiration with the TTL given to send (it overrides the producer's)");
    }

    @Test
    @Tag("should")
    @DisplayName("7.8/3.4.9 (should) A message whose time-to-live has passed is not delivered")
    void expiredMessageNotDelivered() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        producer.send(s.createTextMessage("short-lived"), DeliveryMode.NON_PERSISTENT, 4, 1);
        producer.send(s.createTextMessage("lives"));
        Thread.sleep(50); // the first message's 1 ms time-to-live is certainly over
        // 3.4.9: "Clients should not receive messages that have expired; however, Jakarta Messaging does not
        // guarantee that this will not happen." and 7.8: "It is not acceptable to simply ignore time-to-live."
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("lives", receiveText(consumer));
        assertNoMessage(consumer);
    }

    private static void assertRejected(Executable call, String what) {
        try {
            call.execute();
        } catch (JMSException | IllegalArgumentException expected) {
            return;
        } catch (Throwable other) {
            fail(what + " must throw JMSException or IllegalArgumentException, threw " + other, other);
        }
        fail(what + " must be rejected, but it was accepted");
    }

    private static void assertBetween(long low, long high, long actual, String what) {
        assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected within [" + low + ", " + high + "]");
    }
}
