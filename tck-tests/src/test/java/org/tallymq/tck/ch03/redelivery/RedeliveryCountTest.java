package org.tallymq.tck.ch03.redelivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.Jms2Support;
import org.tallymq.tck.Tck;

/**
 * {@code JMSRedelivered} (3.4.7) and {@code JMSXDeliveryCount} (3.5.11: "set to the number of times the message has
 * been delivered. The first time a message is received it will be set to 1"; "If the JMSRedelivered message header
 * value is set then the JMSXDeliveryCount property must always be 2 or more") across every way a message comes
 * back: recover (6.2.10: "A session must set the JMSRedelivered header and increment the JMSXDeliveryCount property
 * of messages it redelivers due to a recovery"), rollback (6.2.7), session close (6.2.15), connection close
 * (6.1.8), and a listener that throws (8.7).
 */
@DisplayName("3.4.7/3.5.11 JMSRedelivered and JMSXDeliveryCount")
class RedeliveryCountTest extends Jms2Support {

    private static void send(Connection c, jakarta.jms.Destination d, String text) throws JMSException {
        sendTexts(c, d, text);
    }

    @Test
    @DisplayName("3.5.11 A first delivery has JMSRedelivered=false and JMSXDeliveryCount=1 (queue and topic)")
    void firstDelivery() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Topic t = newTopic(s);
        MessageConsumer topicConsumer = s.createConsumer(t);
        send(c, q, "q");
        send(c, t, "t");
        assertFirstDelivery(receiveOrFail(s.createConsumer(q)));
        assertFirstDelivery(receiveOrFail(topicConsumer));
    }

    @Test
    @DisplayName("6.2.10 CLIENT_ACKNOWLEDGE recover: each recover sets JMSRedelivered and adds one to JMSXDeliveryCount")
    void recover() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        send(c, q, "r");
        MessageConsumer consumer = s.createConsumer(q);
        assertFirstDelivery(receiveOrFail(consumer));
        s.recover();
        assertRedelivered(receiveOrFail(consumer), 2);
        s.recover();
        Message third = receiveOrFail(consumer);
        assertRedelivered(third, 3);
        third.acknowledge();
        s.recover();
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("6.2.10 recover on a topic subscription redelivers with JMSRedelivered and JMSXDeliveryCount 2")
    void recoverTopic() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Topic t = newTopic(s);
        MessageConsumer consumer = s.createConsumer(t);
        send(c, t, "r");
        assertFirstDelivery(receiveOrFail(consumer));
        s.recover();
        Message again = receiveOrFail(consumer);
        assertRedelivered(again, 2);
        again.acknowledge();
    }

    @Test
    @DisplayName("6.2.7 Transacted rollback: each rollback sets JMSRedelivered and adds one to JMSXDeliveryCount; commit ends it")
    void rollback() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(s);
        send(c, q, "tx");
        MessageConsumer consumer = s.createConsumer(q);
        assertFirstDelivery(receiveOrFail(consumer));
        s.rollback();
        assertRedelivered(receiveOrFail(consumer), 2);
        s.rollback();
        assertRedelivered(receiveOrFail(consumer), 3);
        s.rollback();
        assertRedelivered(receiveOrFail(consumer), 4);
        s.commit();
        assertNoMessage(consumer);
        s.commit();
    }

    @Test
    @DisplayName("6.2.15 CLIENT_ACKNOWLEDGE session closed with an unacknowledged message: the next session gets it with count 2")
    void sessionCloseClientAck() throws JMSException {
        Connection c = connection();
        Session s1 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s1);
        send(c, q, "x");
        assertFirstDelivery(receiveOrFail(s1.createConsumer(q)));
        s1.close();
        Session s2 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = receiveOrFail(s2.createConsumer(q));
        assertRedelivered(m, 2);
        m.acknowledge();
    }

    @Test
    @DisplayName("6.2.15 Transacted session closed without commit: its consumed message comes back with count 2")
    void sessionCloseTransacted() throws JMSException {
        Connection c = connection();
        Session s1 = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(s1);
        send(c, q, "x");
        assertFirstDelivery(receiveOrFail(s1.createConsumer(q)));
        s1.close();
        Session s2 = c.createSession(true, Session.SESSION_TRANSACTED);
        assertRedelivered(receiveOrFail(s2.createConsumer(q)), 2);
        s2.commit();
    }

    @Test
    @DisplayName("6.1.8 Connection closed with an unacknowledged message: another connection gets it with count 2")
    void connectionClose() throws JMSException {
        Connection c1 = connection();
        Session s1 = c1.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s1);
        send(c1, q, "x");
        assertFirstDelivery(receiveOrFail(s1.createConsumer(q)));
        c1.close();
        Session s2 = connection().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = receiveOrFail(s2.createConsumer(q));
        assertRedelivered(m, 2);
        m.acknowledge();
    }

    @Test
    @DisplayName("6.2.10 Counts add up across kinds: recover, then session close, then rollback → 2, 3, 4")
    void countsAccumulate() throws JMSException {
        Connection c = connection();
        Session s1 = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s1);
        send(c, q, "x");
        MessageConsumer c1 = s1.createConsumer(q);
        assertFirstDelivery(receiveOrFail(c1));
        s1.recover();
        assertRedelivered(receiveOrFail(c1), 2);
        s1.close();
        Session s2 = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer c2 = s2.createConsumer(q);
        assertRedelivered(receiveOrFail(c2), 3);
        s2.rollback();
        assertRedelivered(receiveOrFail(c2), 4);
        s2.commit();
    }

    @Test
    @DisplayName("6.2.10 Only unacknowledged messages come back: an acknowledged one stays gone, the later one is redelivered")
    void onlyUnacknowledgedComeBack() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(c, q, "acked", "unacked");
        MessageConsumer consumer = s.createConsumer(q);
        receiveOrFail(consumer).acknowledge();
        Message unacked = receiveOrFail(consumer);
        assertFirstDelivery(unacked);
        s.recover();
        Message again = receiveOrFail(consumer);
        assertEquals("unacked", text(again));
        assertRedelivered(again, 2);
        again.acknowledge();
        assertNoMessage(consumer);
    }

    /** Throws on the first call; records every call's (text, redelivered, count) for the test thread. */
    private static final class ThrowOnFirst implements jakarta.jms.MessageListener {
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onMessage(Message m) {
            int n = count.incrementAndGet();
            try {
                calls.add(text(m) + "|" + m.getJMSRedelivered() + "|" + m.getIntProperty(DELIVERY_COUNT));
            } catch (JMSException e) {
                calls.add("error: " + e);
            }
            if (n == 1) {
                throw new RuntimeException("test listener fails on purpose (spec 8.7)");
            }
        }

        String next() throws InterruptedException {
            String call = calls.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(call, "the listener was not called within " + Tck.RECEIVE_TIMEOUT_MS + " ms");
            return call;
        }

        void assertNoMoreCalls() throws InterruptedException {
            String call = calls.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS);
            assertNull(call, () -> "unexpected further listener call: " + call);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("8.7 AUTO_ACKNOWLEDGE/DUPS_OK: a listener that throws gets the message again at once, JMSRedelivered, count 2")
    void listenerThrowsAutoAck(int mode) throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, mode);
        Queue q = newQueue(s);
        ThrowOnFirst listener = new ThrowOnFirst();
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(connection(), q, "boom");
        assertEquals("boom|false|1", listener.next(), "first call");
        assertEquals("boom|true|2", listener.next(), "the message must be immediately redelivered");
        listener.assertNoMoreCalls();
    }

    @Test
    @DisplayName("8.7 CLIENT_ACKNOWLEDGE: after a listener throws, the next message is delivered (no automatic redelivery)")
    void listenerThrowsClientAck() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        ThrowOnFirst listener = new ThrowOnFirst();
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(connection(), q, "first", "second");
        assertEquals("first|false|1", listener.next());
        assertEquals("second|false|1", listener.next(), "the next message must be delivered, not the failed one");
        listener.assertNoMoreCalls();
    }

    @Test
    @DisplayName("8.7 Transacted: after a listener throws, the next message is delivered; the exception does not roll back")
    void listenerThrowsTransacted() throws Exception {
        Connection c = connection();
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(s);
        ThrowOnFirst listener = new ThrowOnFirst();
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(connection(), q, "first", "second");
        assertEquals("first|false|1", listener.next());
        assertEquals("second|false|1", listener.next(), "the next message must be delivered, not the failed one");
        listener.assertNoMoreCalls();
    }
}
