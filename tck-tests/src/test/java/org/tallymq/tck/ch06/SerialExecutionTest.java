package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 6.2.13 "Serial execution of client code" and 6.2.14 "Concurrent message delivery". */
@DisplayName("6.2.13 Serial execution of client code")
class SerialExecutionTest extends ClassicSupport {

    private static final int PER_QUEUE = 20;

    @Test
    @DisplayName("6.2.13 A session runs its message listeners one at a time, even across two consumers")
    void listenersOfOneSessionAreSerial() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q1 = newQueue(s);
        Queue q2 = newQueue(s);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(2 * PER_QUEUE);
        MessageListener listener = m -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(5); // widen the window in which a second, concurrent call would be seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            all.countDown();
        };
        s.createConsumer(q1).setMessageListener(listener);
        s.createConsumer(q2).setMessageListener(listener);
        sendTexts(c, q1, numbered("a", PER_QUEUE));
        sendTexts(c, q2, numbered("b", PER_QUEUE));
        c.start();
        await(all, "all " + 2 * PER_QUEUE + " messages to reach the listeners");
        assertEquals(1, maxRunning.get(), "listeners of one session ran concurrently");
    }

    @Test
    @DisplayName("6.2.14 Listeners of different sessions may run concurrently (each session has its own delivery)")
    void listenersOfTwoSessionsBothRun() throws Exception {
        Connection c = connection();
        Session s1 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q1 = newQueue(s1);
        Queue q2 = newQueue(s2);
        CountDownLatch bothInside = new CountDownLatch(2);
        MessageListener listener = m -> {
            bothInside.countDown();
            try {
                // waits until the other session's listener is also inside: proves they are not serialised together
                bothInside.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        s1.createConsumer(q1).setMessageListener(listener);
        s2.createConsumer(q2).setMessageListener(listener);
        sendTexts(c, q1, "a");
        sendTexts(c, q2, "b");
        c.start();
        // if the two sessions shared one delivery thread, the first listener would wait in vain and this fails
        await(bothInside, "both sessions' listeners to be inside onMessage at the same time");
    }

    @Test
    @DisplayName("6.2.13 A listener may use its own session's producer (the session is dedicated to the listener thread)")
    void listenerUsesOwnSession() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = newQueue(s);
        Queue out = newQueue(s);
        var producer = s.createProducer(out);
        s.createConsumer(in).setMessageListener(m -> {
            try {
                producer.send(s.createTextMessage("echo:" + text(m)));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        sendTexts(c, in, "x");
        assertEquals("echo:x", receiveText(c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(out)));
    }
}
