package org.tallymq.tck.simplified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Tck;

/**
 * Local transactions of a JMSContext (spec 6.2.7, JMSContext.commit/rollback) and asynchronous
 * send with a CompletionListener (spec 7.3, JMSProducer.setAsync).
 */
class TransactionAndAsyncSendTest extends SimplifiedTestSupport {

    // ---- transactions --------------------------------------------------------------------------

    @Test
    @DisplayName("Transacted: sends are invisible until commit (6.2.7)")
    void commitMakesSendsVisible() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "1").send(q, "2");
        JMSContext reader = context();
        JMSConsumer consumer = reader.createConsumer(q);
        assertNull(consumer.receive(Tck.NO_MESSAGE_MS), "visible before commit");
        c.commit();
        assertEquals("1", text(receive(consumer)));
        assertEquals("2", text(receive(consumer)));
    }

    @Test
    @DisplayName("Transacted: rollback discards the sends (6.2.7)")
    void rollbackDiscardsSends() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "discarded");
        c.rollback();
        c.createProducer().send(q, "kept");
        c.commit();
        assertEquals(List.of("kept"), drainTexts(q));
    }

    @Test
    @DisplayName("Transacted: rollback redelivers what was received, marked redelivered (6.2.7)")
    void rollbackRedeliversReceives() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "x");
        c.commit();
        JMSConsumer consumer = c.createConsumer(q);
        assertEquals("x", text(receive(consumer)));
        c.rollback();
        Message again = receive(consumer);
        assertEquals("x", text(again));
        assertTrue(again.getJMSRedelivered());
        c.commit();
        c.close();
        assertEquals(List.of(), drainTexts(q), "committed receives are gone");
    }

    @Test
    @DisplayName("Closing a transacted context rolls back its transaction in progress (JMSContext.close)")
    void closeRollsBack() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        c.createProducer().send(q, "committed");
        c.commit();
        c.createProducer().send(q, "never committed");
        receive(c.createConsumer(q));
        c.close();
        assertEquals(List.of("committed"), drainTexts(q));
    }

    @Test
    @DisplayName("commit or rollback on a context that is not transacted -> IllegalStateRuntimeException")
    void commitNotTransacted() {
        for (int mode : new int[] {JMSContext.AUTO_ACKNOWLEDGE, JMSContext.CLIENT_ACKNOWLEDGE,
                JMSContext.DUPS_OK_ACKNOWLEDGE}) {
            JMSContext c = context(mode);
            assertThrows(IllegalStateRuntimeException.class, c::commit, "mode " + mode);
            assertThrows(IllegalStateRuntimeException.class, c::rollback, "mode " + mode);
        }
    }

    // ---- asynchronous send ---------------------------------------------------------------------

    /** Records callbacks: the message bodies, in callback order, and the threads they ran on. */
    private static final class Recorder implements CompletionListener {
        final List<String> completed = new CopyOnWriteArrayList<>();
        final List<Exception> failures = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final CountDownLatch done;
        volatile Consumer<Message> inCallback = m -> { };

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            threads.add(Thread.currentThread());
            messages.add(message);
            try {
                completed.add(((TextMessage) message).getText());
                inCallback.accept(message);
            } catch (jakarta.jms.JMSException e) {
                completed.add("unreadable: " + e);
            } finally {
                done.countDown();
            }
        }

        @Override
        public void onException(Message message, Exception exception) {
            threads.add(Thread.currentThread());
            messages.add(message);
            failures.add(exception);
            done.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(done.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS), "callbacks missing");
        }
    }

    @Test
    @DisplayName("setAsync: onCompletion gets the sent message, on another thread; it arrives (7.3, 7.3.8)")
    void asyncSendCompletes() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        Recorder r = new Recorder(1);
        TextMessage m = c.createTextMessage("async");
        c.createProducer().setAsync(r).send(q, m);
        r.await();
        assertEquals(List.of("async"), r.completed);
        assertSame(m, r.messages.get(0), "onCompletion gets the message that was sent");
        assertNotSame(Thread.currentThread(), r.threads.get(0), "never the sending thread (7.3.8)");
        assertTrue(r.failures.isEmpty());
        assertTrue(m.getJMSMessageID().startsWith("ID:"), "headers are set when onCompletion has run (7.3.6)");
        assertEquals("async", text(receive(c.createConsumer(q))));
    }

    @Test
    @DisplayName("Callbacks run in send order, also mixing persistent and non-persistent sends (7.3.8)")
    void callbackOrder() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        int n = 40;
        Recorder r = new Recorder(n);
        JMSProducer p = c.createProducer().setAsync(r);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.setDeliveryMode(i % 2 == 0 ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT).send(q, "m" + i);
            sent.add("m" + i);
        }
        r.await();
        assertEquals(sent, r.completed);
        assertEquals(sent, drainTexts(q), "message order of the sends is kept (7.3.3)");
    }

    @Test
    @DisplayName("Body sends (String, Map, byte[], Serializable) can be asynchronous too (JMSProducer.setAsync)")
    void asyncBodySends() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        List<Message> messages = new CopyOnWriteArrayList<>();
        CountDownLatch four = new CountDownLatch(4);
        CompletionListener l = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                messages.add(message);
                four.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                four.countDown();
            }
        };
        c.createProducer().setAsync(l).send(q, "t").send(q, java.util.Map.of("k", 1)).send(q, new byte[] {1})
                .send(q, (java.io.Serializable) 5);
        assertTrue(four.await(Tck.RECEIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        assertEquals(4, messages.size(), "all four completed (none failed)");
        assertInstanceOf(TextMessage.class, messages.get(0));
        assertInstanceOf(jakarta.jms.MapMessage.class, messages.get(1));
        assertInstanceOf(jakarta.jms.BytesMessage.class, messages.get(2));
        assertInstanceOf(jakarta.jms.ObjectMessage.class, messages.get(3));
    }

    @Test
    @DisplayName("JMSContext.close waits until every CompletionListener callback has returned (7.3.4)")
    void closeWaitsForCallbacks() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        int n = 30;
        Recorder r = new Recorder(n);
        JMSProducer p = c.createProducer().setAsync(r);
        for (int i = 0; i < n; i++) {
            p.send(q, "m" + i);
        }
        c.close();
        assertEquals(n, r.completed.size() + r.failures.size(), "close returned before all callbacks ran");
    }

    @Test
    @DisplayName("Transacted: commit waits for incomplete async sends; they are committed (7.3.4)")
    void commitWaitsForAsyncSends() throws Exception {
        JMSContext c = context(JMSContext.SESSION_TRANSACTED);
        Queue q = freshQueue(c);
        int n = 20;
        Recorder r = new Recorder(n);
        JMSProducer p = c.createProducer().setAsync(r);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.send(q, "m" + i);
            sent.add("m" + i);
        }
        c.commit();
        assertEquals(n, r.completed.size(), "commit returned before all callbacks ran");
        assertEquals(sent, drainTexts(q));
    }

    @Test
    @DisplayName("JMSContext.close inside a CompletionListener of that context -> IllegalStateRuntimeException")
    void closeFromCallback() throws Exception {
        JMSContext c = context();
        assertCallbackRefuses(c, JMSContext::close);
    }

    @Test
    @DisplayName("JMSContext.commit inside a CompletionListener of that context -> IllegalStateRuntimeException")
    void commitFromCallback() throws Exception {
        assertCallbackRefuses(context(JMSContext.SESSION_TRANSACTED), JMSContext::commit);
    }

    @Test
    @DisplayName("JMSContext.rollback inside a CompletionListener of that context -> IllegalStateRuntimeException")
    void rollbackFromCallback() throws Exception {
        assertCallbackRefuses(context(JMSContext.SESSION_TRANSACTED), JMSContext::rollback);
    }

    private static void assertCallbackRefuses(JMSContext c, Consumer<JMSContext> call) throws Exception {
        Queue q = freshQueue(c);
        List<Object> outcome = new CopyOnWriteArrayList<>();
        Recorder r = new Recorder(1);
        r.inCallback = m -> {
            try {
                call.accept(c);
                outcome.add("no exception");
            } catch (RuntimeException e) {
                outcome.add(e);
            }
        };
        c.createProducer().setAsync(r).send(q, "x");
        r.await();
        assertEquals(1, outcome.size());
        assertInstanceOf(IllegalStateRuntimeException.class, outcome.get(0));
        c.createProducer().send(q, "the context is still usable");
    }

    @Test
    @DisplayName("A send that fails after send() returned: onException, not onCompletion (7.3.2)")
    void asyncSendFailure() throws Exception {
        JMSContext owner = cf().createContext();
        TemporaryQueue gone = owner.createTemporaryQueue();
        owner.close(); // deletes the temporary queue
        JMSContext c = context();
        Recorder r = new Recorder(1);
        TextMessage m = c.createTextMessage("lost");
        try {
            c.createProducer().setAsync(r).send(gone, m);
        } catch (JMSRuntimeException thrownInSendingThread) {
            // 7.3.2 allows this too; then the listener must not be called at all
            assertTrue(r.threads.isEmpty());
            assertTrue(r.done.await(Tck.NO_MESSAGE_MS, TimeUnit.MILLISECONDS) == false, "listener called as well");
            return;
        }
        r.await();
        assertTrue(r.completed.isEmpty(), "onCompletion for a failed send");
        assertEquals(1, r.failures.size());
        assertSame(m, r.messages.get(0));
    }

    @Test
    @DisplayName("setAsync(null) makes sends synchronous again (JMSProducer.setAsync)")
    void asyncOffAgain() throws Exception {
        JMSContext c = context();
        Queue q = freshQueue(c);
        Recorder r = new Recorder(1);
        JMSProducer p = c.createProducer().setAsync(r).setAsync(null);
        p.send(q, "sync");
        assertEquals("sync", text(receive(c.createConsumer(q))));
        assertTrue(r.threads.isEmpty(), "a synchronous send calls no listener");
    }
}
