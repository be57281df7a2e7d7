package org.tallymq.tck.ch07.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tallymq.tck.Jms2Support;
import org.tallymq.tck.Tck;

/**
 * Spec 7.3 "Asynchronous send" through {@code MessageProducer.send(..., CompletionListener)}, and the javadoc of
 * those four methods. Results seen on the callback thread are handed to the test thread through thread-safe
 * collections; nothing is asserted on the callback thread itself.
 */
@DisplayName("7.3 Asynchronous send with a CompletionListener (classic API)")
class AsynchronousSendTest extends Jms2Support {

    private static final String SEQ = "seq";

    /** Records every callback: the seq property (or -1), whether it was onException, and the calling thread. */
    private static class Recorder implements CompletionListener {
        final List<Integer> completed = new CopyOnWriteArrayList<>();
        final List<Exception> failures = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger inCallback = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final long sleepMillis;
        private final CountDownLatch done;

        Recorder(int expected, long sleepMillis) {
            this.done = new CountDownLatch(expected);
            this.sleepMillis = sleepMillis;
        }

        @Override
        public void onCompletion(Message message) {
            enter();
            try {
                completed.add(seqOf(message));
                events.add("completion " + seqOf(message));
            } finally {
                leave();
            }
        }

        @Override
        public void onException(Message message, Exception exception) {
            enter();
            try {
                failures.add(exception);
                events.add("exception " + seqOf(message) + ": " + exception);
            } finally {
                leave();
            }
        }

        private void enter() {
            threads.add(Thread.currentThread());
            int now = inCallback.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            if (sleepMillis > 0) {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void leave() {
            inCallback.decrementAndGet();
            done.countDown();
        }

        private static int seqOf(Message m) {
            try {
                return m != null && m.propertyExists(SEQ) ? m.getIntProperty(SEQ) : -1;
            } catch (JMSException e) {
                return -2;
            }
        }

        void awaitAll() throws InterruptedException {
            if (!done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                fail("not every asynchronous send completed within " + Tck.RECEIVE_TIMEOUT_MS + " ms; callbacks: "
                        + events);
            }
        }

        int callbacks() {
            return events.size();
        }
    }

    private static TextMessage numbered(Session s, int seq) throws JMSException {
        TextMessage m = s.createTextMessage("m" + seq);
        m.setIntProperty(SEQ, seq);
        return m;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    @Test
    @DisplayName("7.3.1/7.3.3/7.3.8 onCompletion is called once per message, in send order, never on the sending thread; the messages arrive")
    void completionInSendOrder() throws Exception {
        int n = 100;
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(n, 0);
        for (int i = 0; i < n; i++) {
            p.send(numbered(s, i), r);
        }
        r.awaitAll();
        assertEquals(List.of(), r.failures, "onException was called");
        assertEquals(range(n), r.completed, "onCompletion order must be the send order");
        assertTrue(r.threads.stream().noneMatch(t -> t == Thread.currentThread()),
                "7.3.8: the CompletionListener must not be invoked from the thread calling send");

        MessageConsumer c = s.createConsumer(q);
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            received.add(receiveOrFail(c).getIntProperty(SEQ));
        }
        assertEquals(range(n), received, "receive order");
        assertNoMessage(c);
    }

    @Test
    @DisplayName("7.3.6 In onCompletion the headers set by send are available: JMSMessageID, JMSDestination, JMSTimestamp, mode, priority, expiration")
    void headersSetWhenCompleted() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        CompletableFuture<String> headers = new CompletableFuture<>();
        TextMessage m = s.createTextMessage("h");
        long before = System.currentTimeMillis();
        p.send(m, DeliveryMode.NON_PERSISTENT, 7, 60_000, new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    headers.complete(message.getJMSMessageID() + "|" + ((Queue) message.getJMSDestination()).getQueueName()
                            + "|" + message.getJMSTimestamp() + "|" + message.getJMSDeliveryMode() + "|"
                            + message.getJMSPriority() + "|" + message.getJMSExpiration());
                } catch (JMSException | RuntimeException e) {
                    headers.completeExceptionally(e);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                headers.completeExceptionally(exception);
            }
        });
        String[] h = headers.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS).split("\\|");
        assertTrue(h[0].startsWith("ID:"), () -> "JMSMessageID " + h[0]);
        assertEquals(q.getQueueName(), h[1], "JMSDestination");
        long timestamp = Long.parseLong(h[2]);
        assertTrue(timestamp >= before, () -> "JMSTimestamp " + timestamp + " < time before send " + before);
        assertEquals(String.valueOf(DeliveryMode.NON_PERSISTENT), h[3], "JMSDeliveryMode");
        assertEquals("7", h[4], "JMSPriority");
        assertTrue(Long.parseLong(h[5]) >= before + 60_000, "JMSExpiration = send time + time-to-live");
    }

    @Test
    @DisplayName("7.3.6/CompletionListener javadoc: onCompletion gets the message that was sent, whose headers are then set")
    void completionGetsTheSentMessage() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        TextMessage sent = s.createTextMessage("same");
        CompletableFuture<Message> given = new CompletableFuture<>();
        p.send(sent, new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                given.complete(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                given.completeExceptionally(exception);
            }
        });
        Message m = given.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertSame(sent, m, "onCompletion must be given the message object that was sent");
        assertNotNull(sent.getJMSMessageID(), "JMSMessageID of the sent message after onCompletion");
        assertEquals(q.getQueueName(), ((Queue) sent.getJMSDestination()).getQueueName(), "JMSDestination after onCompletion");
    }

    @Test
    @DisplayName("7.3.2 Asynchronous send on a closed producer → IllegalStateException in the sending thread, and no callback")
    void closedProducer() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(newQueue(s));
        p.close();
        Recorder r = new Recorder(1, 0);
        assertThrows(IllegalStateException.class, () -> p.send(s.createTextMessage("x"), r));
        Thread.sleep(Tck.NO_MESSAGE_MS);
        assertEquals(0, r.callbacks(), "7.3.2: no callback when send throws");
    }

    @Test
    @DisplayName("7.3 QueueSender and TopicPublisher inherit asynchronous send from MessageProducer")
    void domainProducers() throws Exception {
        jakarta.jms.QueueConnection qc = track(Tck.queueConnectionFactory().createQueueConnection());
        qc.start();
        jakarta.jms.QueueSession qs = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(qs);
        Recorder rq = new Recorder(1, 0);
        qs.createSender(q).send(numbered(qs, 0), rq);
        rq.awaitAll();
        assertEquals(List.of(0), rq.completed);
        assertEquals(0, receiveOrFail(qs.createReceiver(q)).getIntProperty(SEQ));

        jakarta.jms.TopicConnection tc = track(Tck.topicConnectionFactory().createTopicConnection());
        tc.start();
        jakarta.jms.TopicSession ts = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = newTopic(ts);
        MessageConsumer sub = ts.createSubscriber(t);
        Recorder rt = new Recorder(1, 0);
        ts.createPublisher(t).send(numbered(ts, 1), rt);
        rt.awaitAll();
        assertEquals(List.of(1), rt.completed);
        assertEquals(1, receiveOrFail(sub).getIntProperty(SEQ));
    }

    @Test
    @DisplayName("7.3.3 Mixed synchronous and asynchronous sends on one producer keep the send order")
    void mixedSyncAndAsyncOrder() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(3, 0);
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) {
                p.send(numbered(s, i), r);
            } else {
                p.send(numbered(s, i));
            }
        }
        r.awaitAll();
        MessageConsumer c = s.createConsumer(q);
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            received.add(receiveOrFail(c).getIntProperty(SEQ));
        }
        assertEquals(range(6), received);
    }

    @Test
    @DisplayName("7.3.8 A session invokes one CompletionListener callback at a time, also across its producers; each producer's callbacks in order")
    void oneCallbackAtATime() throws Exception {
        int perProducer = 15;
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p1 = s.createProducer(newQueue(s));
        MessageProducer p2 = s.createProducer(newQueue(s));
        Recorder r1 = new Recorder(perProducer, 5);
        Recorder r2 = new Recorder(perProducer, 5);
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger sharedMax = new AtomicInteger();
        CompletionListener both1 = sessionWide(r1, shared, sharedMax);
        CompletionListener both2 = sessionWide(r2, shared, sharedMax);
        for (int i = 0; i < perProducer; i++) {
            p1.send(numbered(s, i), both1);
            p2.send(numbered(s, i), both2);
        }
        r1.awaitAll();
        r2.awaitAll();
        assertEquals(1, sharedMax.get(), "callbacks of one session ran concurrently");
        assertEquals(range(perProducer), r1.completed, "first producer's callback order");
        assertEquals(range(perProducer), r2.completed, "second producer's callback order");
    }

    private static CompletionListener sessionWide(Recorder r, AtomicInteger inside, AtomicInteger max) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    r.onCompletion(message);
                } finally {
                    inside.decrementAndGet();
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    r.onException(message, exception);
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
    }

    // beyond-spec: the specification does not say in so many words that a send to a deleted temporary queue fails
    // (the send javadoc: "InvalidDestinationException if a client uses this method with ... an invalid destination").
    // It is the portable way this suite has to make a send fail; what is checked is 7.3.2's either/or rule.
    // (ActiveMQ Artemis 2.40 accepts the send: it re-creates the address and calls onCompletion.)
    @Test
    @org.junit.jupiter.api.Tag("beyond-spec")
    @DisplayName("7.3.2 Send to a deleted temporary queue fails: either send throws JMSException (no callback) or onException is called (no onCompletion)")
    void failureReported() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue tq = s.createTemporaryQueue();
        MessageProducer p = s.createProducer(null);
        tq.delete();
        Recorder r = new Recorder(1, 0);
        JMSException thrown = null;
        try {
            p.send(tq, numbered(s, 0), r);
        } catch (JMSException e) {
            thrown = e;
        }
        if (thrown != null) {
            Thread.sleep(Tck.NO_MESSAGE_MS);
            String what = thrown.toString();
            assertEquals(0, r.callbacks(), () -> "send threw " + what + " and a callback was called too: " + r.events);
        } else {
            r.awaitAll();
            Thread.sleep(Tck.NO_MESSAGE_MS);
            assertEquals(List.of(), r.completed, "onCompletion for a send to a deleted temporary queue");
            assertEquals(1, r.failures.size(), () -> "exactly one onException expected: " + r.events);
            assertNotNull(r.failures.get(0), "onException got a null exception");
        }
    }

    @Test
    @DisplayName("7.3 A null CompletionListener → IllegalArgumentException, for all four send overloads (javadoc)")
    void nullListener() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer identified = s.createProducer(q);
        MessageProducer unidentified = s.createProducer(null);
        assertThrows(IllegalArgumentException.class, () -> identified.send(s.createMessage(), null),
                "send(message, null)");
        assertThrows(IllegalArgumentException.class,
                () -> identified.send(s.createMessage(), DeliveryMode.PERSISTENT, 4, 0, null),
                "send(message, mode, priority, ttl, null)");
        assertThrows(IllegalArgumentException.class, () -> unidentified.send(q, s.createMessage(), null),
                "send(destination, message, null)");
        assertThrows(IllegalArgumentException.class,
                () -> unidentified.send(q, s.createMessage(), DeliveryMode.PERSISTENT, 4, 0, null),
                "send(destination, message, mode, priority, ttl, null)");
    }

    @Test
    @DisplayName("7.3 Destination given to an identified producer, or missing for an unidentified one → UnsupportedOperationException (javadoc)")
    void destinationMismatch() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        Recorder r = new Recorder(1, 0);
        MessageProducer identified = s.createProducer(q);
        MessageProducer unidentified = s.createProducer(null);
        assertThrows(UnsupportedOperationException.class, () -> identified.send(q, s.createMessage(), r));
        assertThrows(UnsupportedOperationException.class,
                () -> identified.send(q, s.createMessage(), DeliveryMode.PERSISTENT, 4, 0, r));
        assertThrows(UnsupportedOperationException.class, () -> unidentified.send(s.createMessage(), r));
        assertThrows(UnsupportedOperationException.class,
                () -> unidentified.send(s.createMessage(), DeliveryMode.PERSISTENT, 4, 0, r));
        assertEquals(0, r.callbacks(), "7.3.2: no callback when send throws");
    }

    /** What the test makes the callback do to its own objects (7.3.4). */
    enum ForbiddenCall {
        PRODUCER_CLOSE(false), SESSION_CLOSE(false), CONNECTION_CLOSE(false), SESSION_COMMIT(true), SESSION_ROLLBACK(true);

        final boolean transacted;

        ForbiddenCall(boolean transacted) {
            this.transacted = transacted;
        }

        void perform(Connection c, Session s, MessageProducer p) throws JMSException {
            switch (this) {
                case PRODUCER_CLOSE -> p.close();
                case SESSION_CLOSE -> s.close();
                case CONNECTION_CLOSE -> c.close();
                case SESSION_COMMIT -> s.commit();
                case SESSION_ROLLBACK -> s.rollback();
                default -> throw new AssertionError(this);
            }
        }
    }

    // (ActiveMQ Artemis 2.40 lets commit and rollback from inside the callback return normally.)
    @ParameterizedTest
    @EnumSource(ForbiddenCall.class)
    @DisplayName("7.3.4 close/commit/rollback of its own producer, session or connection from inside a CompletionListener → IllegalStateException; the object stays usable")
    void forbiddenCallInsideCallback(ForbiddenCall call) throws Exception {
        Connection c = connection();
        Session s = c.createSession(call.transacted, call.transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        p.send(s.createTextMessage("first"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    call.perform(c, s, p);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.complete(new AssertionError("the send itself failed: " + exception, exception));
            }
        });
        Throwable t;
        try {
            t = outcome.get(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(call + " inside the callback did not return within " + Tck.RECEIVE_TIMEOUT_MS
                    + " ms (a close that waits for its own callback deadlocks)");
            return;
        }
        assertNotNull(t, call + " inside the CompletionListener must throw IllegalStateException, but returned normally");
        assertInstanceOf(IllegalStateException.class, t, call + " inside the CompletionListener");

        // The rejected call had no effect: the producer, session and connection still work.
        try {
            p.send(s.createTextMessage("second"));
            if (call.transacted) {
                s.commit();
            }
        } catch (JMSException e) {
            fail(call + " threw IllegalStateException inside the callback but still took effect: afterwards " + e, e);
        }
        Session rs = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = rs.createConsumer(q);
        assertReceivesExactly(consumer, "first", "second");
    }

    /** Who the test closes (or commits) while sends are outstanding (7.3.4). */
    enum Finisher {
        PRODUCER_CLOSE, SESSION_CLOSE, CONNECTION_CLOSE, SESSION_COMMIT
    }

    // (ActiveMQ Artemis 2.40 returns from close/commit before any callback ran.)
    @ParameterizedTest
    @EnumSource(Finisher.class)
    @DisplayName("7.3.4 close/commit blocks until every outstanding send completed and every callback returned; the sends complete normally")
    void closeWaitsForCompletions(Finisher finisher) throws Exception {
        int n = 10;
        boolean transacted = finisher == Finisher.SESSION_COMMIT;
        Connection c = connection();
        Session s = c.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
        Queue q = newQueue(s);
        MessageProducer p = s.createProducer(q);
        Recorder r = new Recorder(n, 30);
        for (int i = 0; i < n; i++) {
            p.send(numbered(s, i), r);
        }
        switch (finisher) {
            case PRODUCER_CLOSE -> p.close();
            case SESSION_CLOSE -> s.close();
            case CONNECTION_CLOSE -> c.close();
            case SESSION_COMMIT -> s.commit();
            default -> throw new AssertionError(finisher);
        }
        int callbacksWhenReturned = r.callbacks();
        int stillInside = r.inCallback.get();
        assertEquals(n, callbacksWhenReturned, () -> finisher + " returned before every callback was called: " + r.events);
        assertEquals(0, stillInside, finisher + " returned while a callback was still running");
        assertEquals(range(n), r.completed, "incomplete sends should be allowed to complete normally");

        Session rs = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = rs.createConsumer(q);
        assertEquals(n, receiveTexts(consumer, n).size());
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("7.3 Asynchronous send in a transacted session: the message is visible only after commit; rollback discards it")
    void transactedAsyncSend() throws Exception {
        Connection c = connection();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        Queue q = newQueue(tx);
        MessageProducer p = tx.createProducer(q);
        MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);

        Recorder r1 = new Recorder(1, 0);
        p.send(numbered(tx, 0), r1);
        r1.awaitAll();
        tx.rollback();
        Recorder r2 = new Recorder(1, 0);
        p.send(numbered(tx, 1), r2);
        r2.awaitAll();
        assertNoMessage(consumer);
        tx.commit();
        Message m = receiveOrFail(consumer);
        assertEquals(1, m.getIntProperty(SEQ));
        assertNoMessage(consumer);
    }

    @Test
    @DisplayName("7.3 Asynchronous send to a topic reaches its subscriber")
    void topicAsyncSend() throws Exception {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = newTopic(s);
        MessageConsumer sub = s.createConsumer(t);
        MessageProducer p = s.createProducer(null);
        Recorder r = new Recorder(1, 0);
        p.send(t, numbered(s, 0), DeliveryMode.NON_PERSISTENT, 4, 0, r);
        r.awaitAll();
        assertEquals(List.of(0), r.completed);
        Message m = receiveOrFail(sub);
        assertEquals(0, m.getIntProperty(SEQ));
        assertNotNull(m.getJMSMessageID(), "JMSMessageID of the received message");
    }
}
