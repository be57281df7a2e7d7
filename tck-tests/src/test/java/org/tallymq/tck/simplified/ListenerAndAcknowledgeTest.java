package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Tck;

/**
 * JMSConsumer message listeners (spec 8.7), JMSContext.acknowledge (6.2.10) and recover, and the
 * consumer getters and close (8.8).
 */
class ListenerAndAcknowledgeTest extends SimplifiedTestSupport {

    @Test
    @DisplayName("setMessageListener: onMessage gets the messages in order; getMessageListener returns it (8.7)")
    void listenerReceives() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        List<String> got = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        JMSConsumer consumer = c.createConsumer(q);
        assertNull(consumer.getMessageListener());
        MessageListener l = m -> {
            try {
                got.add(text(m));
            } catch (Exception e) {
                got.add("error " + e);
            }
            three.countDown();
        };
        consumer.setMessageListener(l);
        assertSame(l, consumer.getMessageListener());
        c.createProducer().send(q, "1").send(q, "2").send(q, "3");
        assertTrue(three.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(List.of("1", "2", "3"), got);
    }

    @Test
    @DisplayName("setMessageListener(null) unsets the listener; receive works again (JMSConsumer javadoc)")
    void unsetListener() throws Exception {
        JMSContext c = context();
        c.setAutoStart(false);
        Queue q = freshQueue(c);
        JMSConsumer consumer = c.createConsumer(q);
        consumer.setMessageListener(m -> { });
        consumer.setMessageListener(null);
        assertNull(consumer.getMessageListener());
        c.createProducer().send(q, "sync");
        c.start();
        assertEquals("sync", text(receive(consumer)));
    }

    @Test
    @DisplayName("JMSContext.close from its own MessageListener -> IllegalStateRuntimeException (JMSContext.close)")
    void closeContextFromOwnListener() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        c.createConsumer(q).setMessageListener(m -> {
            try {
                c.close();
                outcome.set("closed");
            } catch (RuntimeException e) {
                outcome.set(e);
            }
            done.countDown();
        });
        c.createProducer().send(q, "x");
        assertTrue(done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS), "close() from onMessage hung");
        // the javadoc allows success too, but its @exception clause names this case; Tally refuses
        assertInstanceOf(IllegalStateRuntimeException.class, outcome.get());
        c.createProducer().send(q, "the context is still open");
    }

    @Test
    @DisplayName("JMSConsumer.close from its own MessageListener is allowed; onMessage completes (8.8)")
    void closeConsumerFromOwnListener() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        JMSConsumer consumer = c.createConsumer(q);
        consumer.setMessageListener(m -> {
            try {
                consumer.close();
                outcome.set("closed");
            } catch (RuntimeException e) {
                outcome.set(e);
            }
            done.countDown();
        });
        c.createProducer().send(q, "x").send(q, "y");
        assertTrue(done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals("closed", outcome.get());
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageListener, "the consumer is closed");
    }

    @Test
    @DisplayName("A listener that throws in AUTO_ACKNOWLEDGE: the message is redelivered, JMSRedelivered set (8.7)")
    void listenerThrowsInAuto() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        CountDownLatch twice = new CountDownLatch(2);
        c.createConsumer(q).setMessageListener(m -> {
            try {
                redelivered.add(m.getJMSRedelivered());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            twice.countDown();
            if (redelivered.size() == 1) {
                throw new RuntimeException("test: the first delivery fails");
            }
        });
        c.createProducer().send(q, "x");
        assertTrue(twice.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS), "not redelivered");
        assertEquals(List.of(false, true), redelivered);
    }

    @Test
    @DisplayName("getMessageSelector: the selector, or null for none or \"\" (JMSConsumer.getMessageSelector)")
    void messageSelector() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        assertEquals("color = 'red'", c.createConsumer(q, "color = 'red'").getMessageSelector());
        assertNull(c.createConsumer(q).getMessageSelector());
        assertNull(c.createConsumer(q, null).getMessageSelector());
        assertNull(c.createConsumer(q, "").getMessageSelector());
    }

    @Test
    @DisplayName("A selector on createConsumer filters the messages (3.8)")
    void selectorFilters() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        c.createProducer().setProperty("color", "blue").send(q, "blue");
        c.createProducer().setProperty("color", "red").send(q, "red");
        assertEquals("red", text(receive(c.createConsumer(q, "color = 'red'"))));
    }

    @Test
    @DisplayName("noLocal on a topic: messages from the same connection are not received (8.3.1)")
    void noLocal() throws Exception {
        JMSContext c = context();
        jakarta.jms.Topic t = c.createTopic(Tck.uniqueName("topic"));
        JMSConsumer local = c.createConsumer(t, null, true);
        JMSConsumer all = c.createConsumer(t, null, false);
        c.createProducer().send(t, "mine");
        assertEquals("mine", text(receive(all)));
        assertNull(local.receive(Tck.NO_MESSAGE_MS));
        JMSContext other = context();
        other.createProducer().send(t, "theirs");
        assertEquals("theirs", text(receive(local)));
    }

    // ---- acknowledge and recover ---------------------------------------------------------------

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE: JMSContext.acknowledge acknowledges every message consumed so far (6.2.10)")
    void acknowledgeAll() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "1").send(q, "2").send(q, "3");
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("1", text(receive(consumer)));
        assertEquals("2", text(receive(consumer)));
        c.acknowledge();
        c.close();
        assertEquals(List.of("3"), drainTexts(q), "1 and 2 were acknowledged; 3 was never received");
    }

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE without acknowledge: the messages come back, redelivered, after close (6.2.10)")
    void unacknowledgedComeBack() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "1").send(q, "2");
        JMSConsumer consumer = c.createConsumer(q);
        receive(consumer);
        receive(consumer);
        c.close();
        try (JMSContext again = cf().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            JMSConsumer second = again.createConsumer(q);
            Message m = receive(second);
            assertEquals("1", text(m));
            assertTrue(m.getJMSRedelivered());
            assertEquals("2", text(receive(second)));
        }
    }

    @Test
    @DisplayName("CLIENT_ACKNOWLEDGE: Message.acknowledge acknowledges through the context's session (3.6, 6.2.10)")
    void messageAcknowledge() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "1").send(q, "2");
        JMSConsumer consumer = c.createConsumer(q);
        receive(consumer);
        receive(consumer).acknowledge();
        c.close();
        assertEquals(List.of(), drainTexts(q));
    }

    @Test
    @DisplayName("JMSContext.recover: unacknowledged messages are delivered again, JMSRedelivered set (6.2.11)")
    void recover() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "1").send(q, "2");
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("1", text(receive(consumer)));
        c.recover();
        Message again = receive(consumer);
        assertEquals("1", text(again));
        assertTrue(again.getJMSRedelivered());
        assertTrue(again.getIntProperty("JMSXDeliveryCount") >= 2);
        assertEquals("2", text(receive(consumer)));
        c.acknowledge();
    }

    @Test
    @DisplayName("acknowledge in AUTO, DUPS_OK or transacted mode has no effect and no exception (JMSContext javadoc)")
    void acknowledgeIgnoredInOtherModes() throws Exception {
        for (int mode : new int[] {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.DUPS_OK_ACKNOWLEDGE,
                JMSContext.SESSION_TRANSACTED}) {
            JMSContext c = context(mode);
            c.acknowledge(); // before anything was received
            Queue q = freshQueue(c);
            c.createProducer().send(q, "x");
            if (c.getTransacted()) {
                c.commit();
            }
            JMSConsumer consumer = c.createConsumer(q);
            receive(consumer);
            c.acknowledge();
            if (c.getTransacted()) {
                c.rollback(); // acknowledge did not commit the receive: it comes back
                assertEquals("x", text(receive(consumer)));
                c.commit();
            }
        }
    }

    @Test
    @DisplayName("acknowledge on a closed context -> IllegalStateRuntimeException (JMSContext.acknowledge)")
    void acknowledgeClosed() {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        c.close();
        assertThrows(IllegalStateRuntimeException.class, c::acknowledge);
    }

    @Test
    @DisplayName("Message.acknowledge after its context closed -> IllegalStateException (JMSContext.close)")
    void messageAcknowledgeAfterClose() throws Exception {
        JMSContext c = context(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "x");
        Message m = receive(c.createConsumer(q));
        c.close();
        assertThrows(jakarta.jms.IllegalStateException.class, m::acknowledge);
    }

    @Test
    @DisplayName("recover on a transacted context -> IllegalStateRuntimeException (JMSContext.recover)")
    void recoverTransacted() {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        assertThrows(IllegalStateRuntimeException.class, c::recover);
    }

    @Test
    @DisplayName("JMSConsumer.close: a second close is fine; receive afterwards -> IllegalStateRuntimeException (8.8)")
    void consumerClose() {
        JMSContext c = context();
        JMSConsumer consumer = c.createConsumer(freshQueue(c));
        consumer.close();
        consumer.close();
        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receive(1));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBodyNoWait(String.class));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(null));
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageSelector);
        assertFalse(c.getTransacted(), "closing a consumer leaves its context open");
    }
}
