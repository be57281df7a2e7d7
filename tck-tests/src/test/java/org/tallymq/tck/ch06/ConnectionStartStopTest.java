package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 6.1.4 "Starting a connection" and 6.1.5 "Pausing delivery of incoming messages". */
@DisplayName("6.1.4/6.1.5 Starting and stopping a connection")
class ConnectionStartStopTest extends ClassicSupport {

    @Test
    @DisplayName("6.1.4 A new connection is stopped: no message is delivered to a receive until start()")
    void newConnectionIsStopped() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        sendTexts(s, q, "a");
        assertNoMessage(consumer);
        c.start();
        assertEquals("a", receiveText(consumer));
    }

    @Test
    @DisplayName("6.1.4 A stopped connection can send; sends do not depend on start()")
    void stoppedConnectionCanSend() throws JMSException {
        Connection sender = connection(); // never started
        Session s = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "sent while stopped");
        Connection receiver = startedConnection();
        MessageConsumer consumer = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals("sent while stopped", receiveText(consumer));
    }

    @Test
    @DisplayName("6.1.4 No message is delivered to a message listener until the connection is started")
    void listenerNotCalledBeforeStart() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        RecordingListener listener = new RecordingListener();
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(c, q, "a");
        listener.assertNothingMore();
        c.start();
        assertEquals("a", text(listener.next()));
        listener.assertNoErrors();
    }

    @Test
    @DisplayName("6.1.5 After stop(), receive does not return a message; it times out with null; after start() it is delivered")
    void receiveTimesOutWhileStopped() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        c.stop();
        sendTexts(c, q, "a");
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "a receive on a stopped connection must time out with null");
        assertNull(consumer.receiveNoWait(), "receiveNoWait on a stopped connection must return null");
        c.start();
        assertEquals("a", receiveText(consumer));
    }

    @Test
    @DisplayName("6.1.5 A receive blocked on a stopped connection returns the message once start() is called")
    void blockedReceiveContinuesAfterStart() throws Exception {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        sendTexts(c, q, "a");
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive(Tck.RECEIVE_TIMEOUT_MS * 2);
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(Tck.NO_MESSAGE_MS);
        assertTrue(!pending.isDone(), "receive returned while the connection was stopped: " + pending.getNow(null));
        c.start();
        Message m = pending.get(Tck.RECEIVE_TIMEOUT_MS * 3, TimeUnit.MILLISECONDS);
        assertNotNull(m, "after start() the blocked receive must return the waiting message");
        assertEquals("a", text(m));
    }

    @Test
    @DisplayName("6.1.5 While stopped, no message reaches a message listener; after start() it does")
    void listenerPausedWhileStopped() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        RecordingListener listener = new RecordingListener();
        s.createConsumer(q).setMessageListener(listener);
        sendTexts(c, q, "before");
        assertEquals("before", text(listener.next()));
        c.stop();
        sendTexts(c, q, "during");
        listener.assertNothingMore();
        c.start();
        assertEquals("during", text(listener.next()));
        listener.assertNoErrors();
    }

    @Test
    @DisplayName("6.1.5 Stopping a stopped connection and starting a started connection are ignored")
    void stopAndStartAreIdempotent() throws JMSException {
        Connection c = connection();
        c.stop();
        c.stop();
        c.start();
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageConsumer consumer = s.createConsumer(q);
        sendTexts(s, q, "a");
        assertEquals("a", receiveText(consumer));
        c.stop();
        c.stop();
        sendTexts(s, q, "b");
        assertNoMessage(consumer);
        c.start();
        assertEquals("b", receiveText(consumer));
    }

    @Test
    @DisplayName("6.1.5 stop() does not return until running message listeners have returned; they keep the connection's services")
    void stopWaitsForRunningListener() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Queue replies = newQueue(s);
        MessageProducer replier = s.createProducer(replies);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean listenerReturned = new AtomicBoolean();
        AtomicReference<Throwable> listenerError = new AtomicReference<>();
        s.createConsumer(q).setMessageListener(m -> {
            entered.countDown();
            try {
                release.await(Tck.RECEIVE_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
                replier.send(s.createTextMessage("reply")); // "the full services of the connection"
            } catch (Throwable e) {
                listenerError.set(e);
            }
            listenerReturned.set(true);
        });
        sendTexts(c, q, "a");
        await(entered, "the listener to be called");

        AtomicBoolean returnedWhenStopReturned = new AtomicBoolean();
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            try {
                c.stop();
                returnedWhenStopReturned.set(listenerReturned.get());
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(Tck.NO_MESSAGE_MS); // give a wrong stop() the chance to return early
        assertTrue(!stop.isDone(), "stop() returned while a message listener was still running");
        release.countDown();
        stop.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(returnedWhenStopReturned.get(), "stop() returned before the running listener returned");
        assertNull(listenerError.get(), () -> "the listener lost the connection's services during stop: "
                + listenerError.get());
        Connection check = startedConnection();
        assertEquals("reply", receiveText(check.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(replies)));
    }

    @Test
    @DisplayName("6.1.5 stop() from a listener on its own connection either throws IllegalStateException or stops the connection")
    void stopFromOwnListener() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            if (calls.incrementAndGet() > 1) {
                return;
            }
            try {
                c.stop();
                outcome.set("stopped");
            } catch (IllegalStateException e) {
                outcome.set(e);
            } catch (Throwable e) {
                outcome.set(new AssertionError("stop() from a listener threw " + e, e));
            }
            done.countDown();
        });
        sendTexts(c, q, "a");
        await(done, "stop() called from the listener to return (a deadlock here is a defect)");
        Object result = outcome.get();
        if (result instanceof AssertionError e) {
            throw e;
        }
        if ("stopped".equals(result)) {
            // the alternative the spec permits: stop succeeded, so nothing more may be delivered until start()
            sendTexts(c, q, "b");
            Thread.sleep(Tck.NO_MESSAGE_MS);
            assertEquals(1, calls.get(), "stop() from a listener succeeded, yet another message was delivered");
        } else {
            assertTrue(result instanceof IllegalStateException, "unexpected outcome " + result);
        }
    }
}
