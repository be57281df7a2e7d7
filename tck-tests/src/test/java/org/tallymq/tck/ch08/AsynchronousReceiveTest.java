package org.tallymq.tck.ch08;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 8.7 "Receiving messages asynchronously" and the javadoc of {@code MessageConsumer.setMessageListener}. */
@DisplayName("8.7 Receiving messages asynchronously")
class AsynchronousReceiveTest extends ClassicSupport {

    @Test
    @DisplayName("8.7 A MessageListener receives every message in order; getMessageListener returns it")
    void listenerReceives() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        assertNull(consumer.getMessageListener());
        RecordingListener listener = new RecordingListener();
        consumer.setMessageListener(listener);
        assertSame(listener, consumer.getMessageListener());
        String[] texts = numbered("m", 10);
        sendTexts(connection(), q, texts);
        for (String expected : texts) {
            assertEquals(expected, text(listener.next()));
        }
        listener.assertNothingMore();
        listener.assertNoErrors();
    }

    @Test
    @DisplayName("8.7 Setting the listener to null stops asynchronous delivery; messages can then be received synchronously")
    void unsetListener() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        RecordingListener listener = new RecordingListener();
        consumer.setMessageListener(listener);
        consumer.setMessageListener(null);
        assertNull(consumer.getMessageListener());
        sendTexts(c, q, "sync");
        c.start();
        assertEquals("sync", receiveText(consumer));
        listener.assertNothingMore();
    }

    @ParameterizedTest(name = "sessionMode {0}")
    @ValueSource(ints = {Session.AUTO_ACKNOWLEDGE, Session.DUPS_OK_ACKNOWLEDGE})
    @DisplayName("8.7 AUTO/DUPS_OK: a listener throwing RuntimeException gets the message redelivered, JMSRedelivered=true, JMSXDeliveryCount=2")
    void runtimeExceptionRedelivers(int mode) throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, mode);
        Queue q = newQueue(s);
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        s.createConsumer(q).setMessageListener(new MessageListener() {
            private boolean thrown;

            @Override
            public void onMessage(Message m) {
                seen.add(m);
                if (!thrown) {
                    thrown = true;
                    throw new RuntimeException("deliberate failure of the first onMessage (spec 8.7 test)");
                }
            }
        });
        sendTexts(c, q, "poison-once");
        c.start();
        Message first = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Message second = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals("poison-once", text(first));
        assertFirstDelivery(first);
        assertEquals("poison-once", text(second), "the message must be redelivered after the listener threw");
        assertRedelivered(second, 2);
        assertNull(seen.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS), "once handled, the message is acknowledged");
    }

    @Test
    @DisplayName("8.7 CLIENT_ACKNOWLEDGE: after a listener throws RuntimeException the next message is delivered; recover() redelivers the failed one")
    void runtimeExceptionClientAck() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        s.createConsumer(q).setMessageListener(m -> {
            seen.add(m);
            try {
                if ("a".equals(text(m)) && !m.getJMSRedelivered()) {
                    throw new RuntimeException("deliberate failure (spec 8.7 test)");
                }
                if ("b".equals(text(m)) && !m.getJMSRedelivered()) {
                    s.recover(); // brings back a (never acknowledged) and b
                    return;
                }
                m.acknowledge();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        sendTexts(c, q, "a", "b");
        c.start();
        Message first = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Message next = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals("a", text(first));
        assertEquals("b", text(next), "CLIENT_ACKNOWLEDGE: the next message follows a listener failure");
        assertFirstDelivery(next);
        Message r1 = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Message r2 = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals(List.of("a", "b").stream().sorted().toList(),
                Arrays.asList(text(r1), text(r2)).stream().sorted().toList());
        assertRedelivered(r1, 2);
        assertRedelivered(r2, 2);
        assertNull(seen.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("8.7 Transacted: a listener throwing RuntimeException does not roll back; the next message is delivered")
    void runtimeExceptionTransacted() throws Exception {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        tx.createConsumer(q).setMessageListener(m -> {
            seen.add(m);
            try {
                if ("a".equals(text(m))) {
                    throw new RuntimeException("deliberate failure (spec 8.7 test)");
                }
                tx.commit(); // commits the consumption of a and b
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        sendTexts(c, q, "a", "b");
        c.start();
        assertEquals("a", text(seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
        Message b = seen.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals("b", text(b));
        assertFirstDelivery(b);
        assertNull(seen.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS), "after the commit nothing is redelivered");
        c.close();
        Connection check = startedConnection();
        assertNoMessage(check.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
    }
}
