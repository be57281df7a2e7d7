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
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 6.2.15 "Closing a session" and the javadoc of {@code Session.close}. */
@DisplayName("6.2.15 Closing a session")
class SessionCloseTest extends ClassicSupport {

    @Test
    @DisplayName("6.2.15 Closing a closed session must NOT throw an exception")
    void closeIsIdempotent() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.close();
        s.close();
    }

    @Test
    @DisplayName("6.2.15 Invoking any other Session method on a closed session → IllegalStateException")
    void everyMethodOfClosedSession() throws JMSException {
        Connection c = connection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Topic t = newTopic(s);
        s.close();

        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("createMessage", s::createMessage);
        calls.put("createTextMessage", s::createTextMessage);
        calls.put("createTextMessage(String)", () -> s.createTextMessage("x"));
        calls.put("createBytesMessage", s::createBytesMessage);
        calls.put("createMapMessage", s::createMapMessage);
        calls.put("createObjectMessage", s::createObjectMessage);
        calls.put("createStreamMessage", s::createStreamMessage);
        calls.put("getTransacted", s::getTransacted);
        calls.put("getAcknowledgeMode", s::getAcknowledgeMode);
        calls.put("commit", s::commit);
        calls.put("rollback", s::rollback);
        calls.put("recover", s::recover);
        calls.put("createProducer", () -> s.createProducer(q));
        calls.put("createConsumer", () -> s.createConsumer(q));
        calls.put("createConsumer(selector)", () -> s.createConsumer(q, "a = 1"));
        calls.put("createConsumer(topic, selector, noLocal)", () -> s.createConsumer(t, null, true));
        calls.put("createBrowser", () -> s.createBrowser(q));
        calls.put("createQueue", () -> s.createQueue(Tck.uniqueName("closed")));
        calls.put("createTopic", () -> s.createTopic(Tck.uniqueName("closed")));
        calls.put("createTemporaryQueue", s::createTemporaryQueue);
        calls.put("createTemporaryTopic", s::createTemporaryTopic);
        calls.put("createDurableSubscriber", () -> s.createDurableSubscriber(t, "sub"));
        calls.put("createDurableConsumer", () -> s.createDurableConsumer(t, "sub"));
        calls.put("createSharedConsumer", () -> s.createSharedConsumer(t, "sub"));
        calls.put("createSharedDurableConsumer", () -> s.createSharedDurableConsumer(t, "sub"));
        calls.put("unsubscribe", () -> s.unsubscribe("sub"));
        calls.put("getMessageListener", s::getMessageListener);
        calls.put("setMessageListener", () -> s.setMessageListener(m -> { }));
        for (Map.Entry<String, Executable> call : calls.entrySet()) {
            assertThrows(IllegalStateException.class, call.getValue(),
                    "Session." + call.getKey() + " on a closed session must throw IllegalStateException");
        }
    }

    @Test
    @DisplayName("6.2.15 Closing a session closes its producers and consumers → IllegalStateException on use")
    void closesProducersAndConsumers() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        MessageConsumer consumer = s.createConsumer(q);
        Message m = s.createTextMessage("kept");
        s.close();
        assertThrows(IllegalStateException.class, () -> producer.send(m));
        assertThrows(IllegalStateException.class, producer::getDeliveryMode);
        assertThrows(IllegalStateException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateException.class, () -> consumer.setMessageListener(x -> { }));
        producer.close();
        consumer.close();
        assertEquals("kept", text(m), "messages created by a closed session stay usable");
    }

    @Test
    @DisplayName("6.2.15 Closing a transacted session rolls back its transaction (sends dropped, receives come back)")
    void closeRollsBack() throws JMSException {
        Connection c = startedConnection();
        Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = newQueue(plain);
        Queue out = newQueue(plain);
        sendTexts(plain, in, "in");
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        assertEquals("in", receiveText(tx.createConsumer(in)));
        tx.createProducer(out).send(tx.createTextMessage("out"));
        tx.close();

        assertNoMessage(plain.createConsumer(out));
        Message again = receiveOrFail(plain.createConsumer(in));
        assertEquals("in", text(again));
        assertRedelivered(again, 2);
    }

    @Test
    @DisplayName("6.2.15 Closing a CLIENT_ACKNOWLEDGE session does not acknowledge: messages come back redelivered")
    void closeDoesNotAcknowledge() throws JMSException {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = newQueue(s);
        sendTexts(s, q, "a");
        Message first = receiveOrFail(s.createConsumer(q));
        assertFirstDelivery(first);
        s.close();
        assertThrows(IllegalStateException.class, first::acknowledge,
                "acknowledge of a message received by a closed session must throw IllegalStateException");

        Message again = receiveOrFail(c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
        assertEquals("a", text(again));
        assertRedelivered(again, 2);
    }

    @Test
    @DisplayName("6.2.15 Session close from another thread ends a pending receive, which returns null")
    void closeEndsPendingReceive() throws Exception {
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
        Thread.sleep(Tck.NO_MESSAGE_MS);
        s.close();
        assertNull(pending.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    @DisplayName("6.2.15 close() from a listener on its own session either throws IllegalStateException or closes the session")
    void closeFromOwnListener() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        s.createConsumer(q).setMessageListener(m -> {
            try {
                s.close();
                outcome.set("closed");
            } catch (IllegalStateException e) {
                outcome.set(e);
            } catch (Throwable e) {
                outcome.set(new AssertionError("close() from a listener threw " + e, e));
            }
            done.countDown();
        });
        sendTexts(c, q, "a");
        await(done, "Session.close() called from the listener to return (a deadlock here is a defect)");
        Object result = outcome.get();
        if (result instanceof AssertionError e) {
            throw e;
        }
        if ("closed".equals(result)) {
            assertThrows(IllegalStateException.class, s::createTextMessage);
        } else {
            assertTrue(result instanceof IllegalStateException, "unexpected outcome " + result);
        }
    }
}
