package org.tallymq.client;

import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Command;

/**
 * A message consumer (spec 8). The broker pushes up to {@code prefetch} deliveries ahead of the
 * application into {@link #buffer}, ordered by priority then arrival; receive() and the session's
 * listener thread take from it and return credit to the broker as they go.
 *
 * <p>Threading: {@link #enqueue} runs on the transport thread; receive on the application's thread;
 * {@link #close} from any thread.
 */
public class TallyMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger LOG = Logger.getLogger(TallyMessageConsumer.class.getName());

    private static final Comparator<Command.Deliver> ORDER = (a, b) -> {
        int p = Integer.compare(b.message().priority(), a.message().priority());
        return p != 0 ? p : Long.compare(a.deliveryId(), b.deliveryId());
    };

    final long id;
    private final TallySession session;
    private final Destination destination;
    private final String selector;
    private final boolean noLocal;
    private final int creditBatch;
    private final AtomicInteger pendingCredit = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Command.Deliver> buffer = new PriorityQueue<>(ORDER);
    private volatile MessageListener listener;
    private volatile boolean closed;

    TallyMessageConsumer(TallySession session, long id, Destination destination, String selector, boolean noLocal,
                         int prefetch) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.selector = selector == null || selector.isEmpty() ? null : selector;
        this.noLocal = noLocal;
        this.creditBatch = Math.max(1, prefetch / 2);
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw Exceptions.closed("consumer");
        }
        session.checkOpen();
    }

    // ---- from the transport ------------------------------------------------------------------

    void enqueue(Command.Deliver d) {
        lock.lock();
        try {
            if (closed) {
                return; // CloseConsumer/CloseSession gives it back to the broker
            }
            buffer.add(d);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            session.scheduleListenerRun();
        }
    }

    /** Recover/rollback: the broker takes back everything; runs in order with the reply. */
    void clearBuffer() {
        lock.lock();
        try {
            buffer.clear();
        } finally {
            lock.unlock();
        }
    }

    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- synchronous receive -------------------------------------------------------------------

    @Override
    public jakarta.jms.Message receive() throws JMSException {
        return receive(0);
    }

    @Override
    public jakarta.jms.Message receive(long timeout) throws JMSException {
        return receive(timeout, null);
    }

    @Override
    public jakarta.jms.Message receiveNoWait() throws JMSException {
        return receiveNoWait(null);
    }

    /**
     * What {@code JMSConsumer.receiveBody} does with a message before the session acknowledges it:
     * reads the body, or throws when it cannot (see {@link #handOver}).
     */
    @FunctionalInterface
    interface BeforeAcknowledge {
        void check(TallyMessage m) throws JMSException;
    }

    /** {@link #receive(long)} whose message must first pass {@code check} (null: none). */
    TallyMessage receive(long timeout, BeforeAcknowledge check) throws JMSException {
        checkOpen();
        checkNoListener();
        long deadline = timeout <= 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            Command.Deliver d = take(deadline);
            if (d == null) {
                return null;
            }
            TallyMessage m = accept(d);
            if (m != null) {
                return handOver(d, m, check);
            }
        }
    }

    /** {@link #receiveNoWait()} whose message must first pass {@code check} (null: none). */
    TallyMessage receiveNoWait(BeforeAcknowledge check) throws JMSException {
        checkOpen();
        checkNoListener();
        if (!session.connection.isStarted()) {
            return null;
        }
        while (true) {
            Command.Deliver d = poll();
            if (d == null) {
                // nothing buffered: ask the broker to push what it has, then look again
                int credit = pendingCredit.getAndUpdate(n -> n > 0 ? 0 : n); // a debt (see putBack) stays
                session.connection.channel.call(new Command.Pull(id, Math.max(0, credit)));
                d = poll();
                if (d == null) {
                    return null;
                }
            }
            TallyMessage m = accept(d);
            if (m != null) {
                return handOver(d, m, check);
            }
        }
    }

    /**
     * Hands a received message to the application: runs {@code check}, then lets the session
     * acknowledge as its mode says. When {@code check} throws in AUTO_ACKNOWLEDGE or
     * DUPS_OK_ACKNOWLEDGE, the delivery goes back to the head of the buffer as if it had never been
     * received: delivered again before any later message, not a redelivery, JMSXDeliveryCount
     * unchanged (JMSConsumer.receiveBody javadoc, spec 8.6). In CLIENT_ACKNOWLEDGE and transacted
     * sessions it stays consumed, as if the receive had succeeded (same javadoc).
     */
    private TallyMessage handOver(Command.Deliver d, TallyMessage m, BeforeAcknowledge check) throws JMSException {
        if (check != null) {
            try {
                check.check(m);
            } catch (JMSException | RuntimeException e) {
                if (session.mode == org.tallymq.protocol.SessionMode.AUTO_ACKNOWLEDGE
                        || session.mode == org.tallymq.protocol.SessionMode.DUPS_OK_ACKNOWLEDGE) {
                    putBack(d);
                }
                throw e;
            }
        }
        session.afterDelivery(isBufferEmpty(), m.getJMSDeliveryMode() == jakarta.jms.DeliveryMode.PERSISTENT);
        return m;
    }

    /**
     * Undoes {@link #accept}: the delivery is no longer consumed and is first in the buffer again.
     * Its credit is taken back from the credit not yet returned, which may go negative (a debt the
     * next accept pays), so that broker credit + pending credit + buffered stays the prefetch.
     */
    private void putBack(Command.Deliver d) {
        session.unconsumed(d.deliveryId());
        pendingCredit.decrementAndGet();
        lock.lock();
        try {
            if (!closed) {
                buffer.add(d); // ORDER puts it back at the head: it was the head when taken
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkNoListener() throws IllegalStateException {
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener; receive may not be called on it");
        }
    }

    /** Waits for a delivery while the connection is started; null on timeout or close. */
    private Command.Deliver take(long deadlineNanos) throws JMSException {
        lock.lock();
        try {
            while (true) {
                if (closed || session.isClosed()) {
                    return null;
                }
                if (session.connection.isStarted() && !buffer.isEmpty()) {
                    return buffer.poll();
                }
                long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    if (left == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Exceptions.wrap("interrupted while waiting in receive", e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Command.Deliver poll() {
        lock.lock();
        try {
            return closed ? null : buffer.poll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isBufferEmpty() {
        lock.lock();
        try {
            return buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Turns a delivery into the message the application gets, and records it as consumed. An
     * expired message is dropped instead (null): it is never delivered.
     */
    private TallyMessage accept(Command.Deliver d) throws JMSException {
        returnCredit();
        long exp = d.message().expiration();
        if (exp != 0 && exp <= System.currentTimeMillis()) {
            session.dropExpired(d.deliveryId());
            return null;
        }
        TallyMessage m = TallyMessage.fromMessageData(d.message(), d.deliveryCount(), session.connection.deserializationPolicy());
        if (session.mode == org.tallymq.protocol.SessionMode.CLIENT_ACKNOWLEDGE) {
            m.setAcknowledger(session::acknowledgeAll);
        }
        session.consumed(this, d.deliveryId());
        return m;
    }

    private void returnCredit() throws JMSException {
        if (pendingCredit.incrementAndGet() >= creditBatch) {
            int n = pendingCredit.getAndSet(0);
            if (n > 0) {
                session.connection.channel.oneWay(new Command.Credit(id, n));
            }
        }
    }

    // ---- listener ------------------------------------------------------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener l) throws JMSException {
        checkOpen();
        this.listener = l;
        if (l != null) {
            session.scheduleListenerRun();
        }
    }

    /** On the session's listener thread, holding its delivery lock: hands one message to the listener. */
    boolean deliverOneToListener() {
        MessageListener l = listener;
        if (l == null || closed) {
            return false;
        }
        Command.Deliver d = poll();
        if (d == null) {
            return false;
        }
        TallyMessage m;
        try {
            m = accept(d);
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "could not prepare delivery " + d.deliveryId() + " for the listener", e);
            return true;
        }
        if (m != null) {
            session.invokeListener(l, m, d.deliveryId());
        }
        return true;
    }

    // ---- close ---------------------------------------------------------------------------------

    /** Marks closed and wakes a blocked receive (which then returns null). */
    void closeLocally() {
        lock.lock();
        try {
            closed = true;
            buffer.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closeLocally();
        session.awaitListenerIdle();
        session.consumerClosed(this);
        if (!session.isClosed() && !session.connection.channel.isLost()) {
            session.connection.channel.call(new Command.CloseConsumer(id, session.consumedBy(this)));
        }
    }

    // ---- getters -------------------------------------------------------------------------------

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue q ? q : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic t ? t : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    /** The deliveries still buffered (for tests and diagnostics). */
    List<Long> bufferedDeliveryIds() {
        lock.lock();
        try {
            List<Long> ids = new ArrayList<>();
            for (Command.Deliver d : buffer) {
                ids.add(d.deliveryId());
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }
}
