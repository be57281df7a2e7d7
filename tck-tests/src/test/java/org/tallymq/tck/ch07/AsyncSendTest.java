package org.tallymq.tck.ch07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 7.3 "Asynchronous send" (7.3.1-7.3.9) and the javadoc of the {@code MessageProducer.send(.., CompletionListener)} methods. */
@DisplayName("7.3 Asynchronous send")
class AsyncSendTest extends ClassicSupport {

    /** Records completions and failures; fails the test if a callback runs on the sending thread (7.3.8). */
    private static final class Recorder implements CompletionListener {
        final BlockingQueue<Message> completed = new LinkedBlockingQueue<>();
        final List<Object> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final Thread sender = Thread.currentThread();

        @Override
        public void onCompletion(Message message) {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (Thread.currentThread() == sender) {
                failures.add("onCompletion ran on the thread that called send (7.3.8 forbids it)");
            }
            completed.add(message);
            running.decrementAndGet();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failures.add(exception);
        }

        Message next() throws InterruptedException {
            Message m = completed.poll(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(m, "onCompletion was not called within " + Tck.RECEIVE_TIMEOUT_MS + " ms; failures: " + failures);
            return m;
        }

        void assertNoFailures() {
            assertTrue(failures.isEmpty(), "completion listener failures: " + failures);
        }
    }

    @Test
    @DisplayName("7.3 Every asynchronous send overload calls onCompletion with the sent message, and the message arrives")
    void everyOverload() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer identified = s.createProducer(q);
        MessageProducer unidentified = s.createProducer(null);
        Recorder recorder = new Recorder();
        Message[] sent = {
            s.createTextMessage("1"), s.createTextMessage("2"), s.createTextMessage("3"), s.createTextMessage("4")
        };
        identified.send(sent[0], recorder);
        identified.send(sent[1], DeliveryMode.NON_PERSISTENT, 7, 0, recorder);
        unidentified.send(q, sent[2], recorder);
        unidentified.send(q, sent[3], DeliveryMode.NON_PERSISTENT, 2, 0, recorder);
        List<Message> completed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            completed.add(recorder.next());
        }
        for (Message m : sent) {
            assertTrue(completed.stream().anyMatch(x -> x == m), "onCompletion must receive the sent message object");
        }
        recorder.assertNoFailures();

        Map<String, Message> received = new TreeMap<>();
        MessageConsumer consumer = s.createConsumer(q);
        for (int i = 0; i < 4; i++) {
            Message m = receiveOrFail(consumer);
            received.put(text(m), m);
        }
        assertEquals(List.of("1", "2", "3", "4"), List.copyOf(received.keySet()));
        assertEquals(7, received.get("2").getJMSPriority());
        assertEquals(DeliveryMode.NON_PERSISTENT, received.get("2").getJMSDeliveryMode());
        assertEquals(2, received.get("4").getJMSPriority());
    }

    @Test
    @DisplayName("7.3.6 After onCompletion, the send-time headers (JMSMessageID, JMSDestination, JMSTimestamp) are set on the message")
    void headersAfterCompletion() throws Exception {
        Session s = startedConnection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Recorder recorder = new Recorder();
        Message m = s.createTextMessage("x");
        long before = System.currentTimeMillis();
        s.createProducer(q).send(m, recorder);
        Message done = recorder.next();
        assertSame(m, done);
        assertNotNull(done.getJMSMessageID());
        assertTrue(done.getJMSMessageID().startsWith("ID:"));
        assertEquals(q, done.getJMSDestination());
        assertTrue(done.getJMSTimestamp() >= before);
        assertEquals(done.getJMSMessageID(), receiveOrFail(s.createConsumer(q)).getJMSMessageID());
    }

    @Test
    @DisplayName("7.3.8/7.3.3 Callbacks come in send order, one at a time, never on the sending thread; messages arrive in send order")
    void callbackOrder() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        Recorder recorder = new Recorder();
        String[] texts = numbered("a", 50);
        for (String t : texts) {
            producer.send(s.createTextMessage(t), recorder);
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            order.add(text(recorder.next()));
        }
        assertEquals(Arrays.asList(texts), order, "onCompletion order must be the send order (7.3.8)");
        assertEquals(1, recorder.maxRunning.get(), "a session invokes one CompletionListener callback at a time");
        recorder.assertNoFailures();
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
    }

    @Test
    @DisplayName("7.3.3 Mixed synchronous and asynchronous sends of one producer keep their order")
    void mixedOrder() throws Exception {
        Connection c = startedConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        Recorder recorder = new Recorder();
        String[] texts = numbered("m", 20);
        int async = 0;
        for (int i = 0; i < texts.length; i++) {
            if (i % 2 == 0) {
                producer.send(s.createTextMessage(texts[i]), recorder);
                async++;
            } else {
                producer.send(s.createTextMessage(texts[i]));
            }
        }
        for (int i = 0; i < async; i++) {
            recorder.next();
        }
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
    }

    @Test
    @DisplayName("7.3.2 An exception found during the send call is thrown to the caller and the CompletionListener is not called")
    void exceptionInCallingThread() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Recorder recorder = new Recorder();
        MessageProducer unidentified = s.createProducer(null);
        assertThrows(UnsupportedOperationException.class, () -> unidentified.send(s.createTextMessage("x"), recorder));
        MessageProducer identified = s.createProducer(q);
        assertThrows(UnsupportedOperationException.class,
                () -> identified.send(newQueue(s), s.createTextMessage("x"), recorder));
        assertNull(recorder.completed.poll(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS));
        recorder.assertNoFailures();
    }

    @Test
    @DisplayName("7.3 A null CompletionListener → IllegalArgumentException (javadoc send)")
    void nullCompletionListener() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        assertThrows(IllegalArgumentException.class, () -> producer.send(s.createTextMessage("x"), null));
        assertThrows(IllegalArgumentException.class,
                () -> producer.send(s.createTextMessage("x"), DeliveryMode.PERSISTENT, 4, 0, null));
        MessageProducer unidentified = s.createProducer(null);
        assertThrows(IllegalArgumentException.class, () -> unidentified.send(q, s.createTextMessage("x"), null));
    }

    @Test
    @DisplayName("7.3.4 producer close() blocks until the CompletionListener callbacks have returned")
    void closeWaitsForCallbacks() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer producer = s.createProducer(q);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        producer.send(s.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                entered.countDown();
                try {
                    release.await(Tck.RECEIVE_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                returned.set(true);
            }

            @Override
            public void onException(Message message, Exception exception) {
                entered.countDown();
                returned.set(true);
            }
        });
        await(entered, "the completion callback");
        AtomicBoolean returnedWhenCloseReturned = new AtomicBoolean();
        CompletableFuture<Void> close = CompletableFuture.runAsync(() -> {
            try {
                producer.close();
                returnedWhenCloseReturned.set(returned.get());
            } catch (JMSException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(Tck.NO_MESSAGE_MS);
        assertTrue(!close.isDone(), "producer close() returned while a completion callback was running");
        release.countDown();
        close.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertTrue(returnedWhenCloseReturned.get(), "close() returned before the completion callback returned");
    }

    @Test
    @DisplayName("7.3.4 commit waits for incomplete asynchronous sends and their callbacks, then commits them")
    void commitWaitsForAsyncSends() throws Exception {
        Connection c = startedConnection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        AtomicInteger callbacks = new AtomicInteger();
        CompletionListener counting = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                callbacks.incrementAndGet();
            }

            @Override
            public void onException(Message message, Exception exception) {
                callbacks.incrementAndGet();
            }
        };
        String[] texts = numbered("t", 10);
        for (String t : texts) {
            producer.send(tx.createTextMessage(t), counting);
        }
        tx.commit();
        assertEquals(texts.length, callbacks.get(), "commit returned before every completion callback had returned");
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
        assertEquals(Arrays.asList(texts), receiveTexts(consumer, texts.length));
    }

    @Test
    @DisplayName("7.3.4 close of its own producer/session/connection, or commit/rollback of its own session, from a CompletionListener → IllegalStateException")
    void forbiddenCallsFromCallback() throws Exception {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer producer = tx.createProducer(q);
        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(1);
        producer.send(tx.createTextMessage("x"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                attempt("producer.close", producer::close);
                attempt("session.commit", tx::commit);
                attempt("session.rollback", tx::rollback);
                attempt("session.close", tx::close);
                attempt("connection.close", c::close);
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.put("send", exception);
                done.countDown();
            }

            private void attempt(String what, Callable call) {
                try {
                    call.run();
                    outcomes.put(what, "returned normally");
                } catch (Throwable e) {
                    outcomes.put(what, e);
                }
            }
        });
        await(done, "the completion callback (a deadlock here is a defect)");
        assertEquals(5, outcomes.size(), "outcomes: " + outcomes);
        for (Map.Entry<String, Object> outcome : outcomes.entrySet()) {
            assertTrue(outcome.getValue() instanceof IllegalStateException,
                    outcome.getKey() + " from the CompletionListener must throw IllegalStateException, got "
                            + outcome.getValue());
        }
        // "Doing so will cause the close ... to throw an IllegalStateException": the calls were refused, so the
        // connection, session and producer are still open
        try {
            assertTrue(tx.getTransacted());
            producer.getDeliveryMode();
            c.createSession().close();
            tx.rollback();
        } catch (IllegalStateException e) {
            throw new AssertionError("a close called from the CompletionListener threw IllegalStateException, "
                    + "yet closed its object: " + e + "; outcomes in the callback: " + describeOutcomes(outcomes), e);
        }
    }

    private static String describeOutcomes(Map<String, Object> outcomes) {
        StringBuilder b = new StringBuilder();
        outcomes.forEach((k, v) -> b.append(k).append(" -> ").append(v).append("; "));
        return b.toString();
    }

    @FunctionalInterface
    private interface Callable {
        void run() throws JMSException;
    }
}
