package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 6.1.8 "Closing a connection" and the javadoc of {@code Connection.close}. */
@DisplayName("6.1.8 Closing a connection")
class ConnectionCloseTest extends ClassicSupport {

    @Test
    @DisplayName("6.1.8 Closing a closed connection must NOT throw an exception")
    void closeIsIdempotent() throws JMSException {
        Connection c = connection();
        c.start();
        c.close();
        c.close();
    }

    @Test
    @DisplayName("6.1.8 Once closed, using the connection → IllegalStateException")
    void closedConnectionMethods() throws JMSException {
        Connection c = connection();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateException.class, () -> c.createSession(Session.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateException.class, c::createSession);
        assertThrows(IllegalStateException.class, c::start);
        assertThrows(IllegalStateException.class, c::stop);
        assertThrows(IllegalStateException.class, c::getClientID);
        assertThrows(IllegalStateException.class, c::getMetaData);
    }

    @Test
    @DisplayName("6.1.8 Closing a connection closes its sessions, producers, consumers and browsers → IllegalStateException on use; their close is ignored")
    void closeClosesConstituents() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        QueueBrowser browser = s.createBrowser(q);
        Message m = s.createTextMessage("kept");
        c.close();

        assertThrows(IllegalStateException.class, () -> s.createProducer(q));
        assertThrows(IllegalStateException.class, () -> s.createTextMessage("x"));
        assertThrows(IllegalStateException.class, () -> producer.send(m));
        assertThrows(IllegalStateException.class, () -> consumer.receive(Tck.NO_MESSAGE_MS));
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, browser::getEnumeration);
        // close of the constituents must be ignored
        browser.close();
        consumer.close();
        producer.close();
        s.close();
        // "It is valid to continue to use message objects created or received via the connection"
        m.setStringProperty("p", "v");
        assertEquals("v", m.getStringProperty("p"));
    }

    @Test
    @DisplayName("6.1.8 Closing a connection rolls back the transactions in progress (sends are dropped)")
    void closeRollsBackSends() throws JMSException {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        tx.createProducer(q).send(tx.createTextMessage("uncommitted"));
        c.close();

        Connection check = startedConnection();
        MessageConsumer consumer = check.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("6.1.8 Closing a connection rolls back the transactions in progress (consumed messages come back, JMSRedelivered)")
    void closeRollsBackReceives() throws JMSException {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        sendTexts(c, q, "m");
        assertEquals("m", receiveText(tx.createConsumer(q)));
        c.close();

        Connection again = startedConnection();
        Message m = receiveOrFail(again.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
        assertEquals("m", text(m));
        assertRedelivered(m, 2);
    }

    @Test
    @DisplayName("6.1.8 Closing a connection does NOT acknowledge CLIENT_ACKNOWLEDGE messages: they come back with JMSRedelivered=true")
    void closeDoesNotAcknowledge() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "a", "b");
        MessageConsumer consumer = s.createConsumer(q);
        assertEquals("a", receiveText(consumer));
        assertEquals("b", receiveText(consumer));
        c.close();

        Connection again = startedConnection();
        MessageConsumer second = again.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        Message a = receiveOrFail(second);
        Message b = receiveOrFail(second);
        assertEquals("a", text(a));
        assertEquals("b", text(b));
        assertRedelivered(a, 2);
        assertRedelivered(b, 2);
    }

    @Test
    @DisplayName("6.1.8 acknowledge() of a message received by a closed connection's session → IllegalStateException")
    void acknowledgeAfterClose() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "a");
        Message m = receiveOrFail(s.createConsumer(q));
        c.close();
        assertThrows(IllegalStateException.class, m::acknowledge);
        // the message itself stays usable
        assertEquals("a", text(m));
    }

    @Test
    @DisplayName("6.1.8 close terminates a pending receive; with no message available it returns null")
    void closeTerminatesPendingReceive() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(newQueue(s));
        CountDownLatch receiving = new CountDownLatch(1);
        CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
            receiving.countDown();
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        await(receiving, "the receiving thread to start");
        Thread.sleep(Tck.NO_MESSAGE_MS); // let it block in receive()
        c.close();
        assertNull(pending.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS),
                "a receive terminated by close with no message available returns null");
    }

    @Test
    @DisplayName("6.1.8 close waits for a running message listener to return; the listener keeps the connection's services")
    void closeWaitsForListener() throws Exception {
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
                replier.send(s.createTextMessage("reply")); // "full services" while close is waiting
            } catch (Throwable e) {
                listenerError.set(e);
            }
            listenerReturned.set(true);
        });
        sendTexts(connection(), q, "a");
        await(entered, "the listener to be called");

        AtomicBoolean returnedWhenCloseReturned = new AtomicBoolean();
        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
            try {
                c.close();
                returnedWhenCloseReturned.set(listenerReturned.get());
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(Tck.NO_MESSAGE_MS);
        assertTrue(!close.isDone(), "close() returned while a message listener was still running");
        release.countDown();
        close.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(returnedWhenCloseReturned.get(), "close() returned before the running listener returned");
        assertNull(listenerError.get(), () -> "the listener lost the connection's services during close: "
                + listenerError.get());
        Connection check = startedConnection();
        assertEquals("reply", receiveText(check.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(replies)));
    }

    @Test
    @DisplayName("6.1.8 close() from a listener on its own connection either throws IllegalStateException or closes the connection")
    void closeFromOwnListener() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                c.close();
                outcome.set("closed");
            } catch (IllegalStateException e) {
                outcome.set(e);
            } catch (Throwable e) {
                outcome.set(new AssertionError("close() from a listener threw " + e, e));
            }
            done.countDown();
        });
        sendTexts(c, q, "a");
        await(done, "close() called from the listener to return (a deadlock here is a defect)");
        Object result = outcome.get();
        if (result instanceof AssertionError e) {
            throw e;
        }
        if ("closed".equals(result)) {
            assertThrows(IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE),
                    "close() from the listener succeeded, so the connection must now be closed");
        } else {
            assertTrue(result instanceof IllegalStateException, "unexpected outcome " + result);
        }
    }
}
