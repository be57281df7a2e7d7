package org.tallymq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyTopic;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.SessionMode;

/**
 * A session: a single-threaded context for producing and consuming (spec 6.3). Implements the
 * classic API of all three domains; a session made by a QueueConnection or TopicConnection refuses
 * the methods of the other domain with IllegalStateException.
 *
 * <p><b>Acknowledgement.</b> Every message handed to the application is recorded in
 * {@link #consumed} until it is acknowledged: at once after receive/onMessage (AUTO), in batches
 * (DUPS_OK), by {@code Message.acknowledge()} for all of them (CLIENT), or at commit (transacted).
 * Recover, rollback and close send that list so the broker counts exactly those as delivery
 * attempts.
 *
 * <p><b>Threading.</b> Like the specification: one thread of control at a time, except
 * {@link #close}, which may be called from any thread. Listeners run on a {@link SerialExecutor}
 * while {@link #deliveryLock} is held, which is how stop and close wait for them.
 */
public class TallySession implements QueueSession, TopicSession {

    private static final Logger LOG = Logger.getLogger(TallySession.class.getName());
    /** DUPS_OK sends acknowledgements in batches of this many. */
    private static final int DUPS_OK_BATCH = 64;

    enum Domain { ANY, QUEUE, TOPIC }

    private record Consumed(long deliveryId, TallyMessageConsumer consumer) {
    }

    final TallyConnection connection;
    final long id;
    final SessionMode mode;
    private final Domain domain;
    private final List<TallyMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<TallyMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<TallyQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    /** Handed to the application, not yet acknowledged; guarded by {@code this}. */
    private final List<Consumed> consumed = new ArrayList<>();
    private final SerialExecutor listenerExecutor = new SerialExecutor();
    private final AtomicBoolean listenerRunScheduled = new AtomicBoolean();
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private volatile Thread listenerThread;
    /** The delivery the running onMessage is processing; -1 when no listener runs. */
    private volatile long listenerDelivery = -1;
    private final AsyncSends asyncSends = new AsyncSends(this);
    private volatile boolean closed;
    /** Close has begun: no new listener call starts, but the running one keeps every facility. */
    private volatile boolean closing;

    TallySession(TallyConnection connection, long id, SessionMode mode, Domain domain) {
        this.connection = connection;
        this.id = id;
        this.mode = mode;
        this.domain = domain;
    }

    // ---- state checks ---------------------------------------------------------------------------

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw Exceptions.closed("session");
        }
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isListenerThread() {
        return listenerThread == Thread.currentThread();
    }

    private void notForDomain(Domain forbidden, String method) throws IllegalStateException {
        if (domain == forbidden) {
            throw new IllegalStateException(method + " may not be called on a "
                    + (forbidden == Domain.QUEUE ? "QueueSession" : "TopicSession"));
        }
    }

    // ---- messages ------------------------------------------------------------------------------

    private <M extends TallyMessage> M fresh(M m) throws JMSException {
        checkOpen();
        m.setDeserializationPolicy(connection.deserializationPolicy());
        return m;
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return fresh(new TallyBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return fresh(new TallyMapMessage());
    }

    @Override
    public Message createMessage() throws JMSException {
        return fresh(new TallyMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return fresh(new TallyObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        TallyObjectMessage m = fresh(new TallyObjectMessage());
        m.setObject(object);
        return m;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return fresh(new TallyStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return fresh(new TallyTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TallyTextMessage m = fresh(new TallyTextMessage());
        m.setText(text);
        return m;
    }

    // ---- transactions and acknowledgement ------------------------------------------------------

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mode.isTransacted();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return switch (mode) {
            case TRANSACTED -> Session.SESSION_TRANSACTED;
            case AUTO_ACKNOWLEDGE -> Session.AUTO_ACKNOWLEDGE;
            case CLIENT_ACKNOWLEDGE -> Session.CLIENT_ACKNOWLEDGE;
            case DUPS_OK_ACKNOWLEDGE -> Session.DUPS_OK_ACKNOWLEDGE;
        };
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (!mode.isTransacted()) {
            throw new IllegalStateException("commit() on a session that is not transacted");
        }
        asyncSends.checkNotInCallback("commit");
        asyncSends.awaitAll();
        channelCall(new Command.Commit(id, takeConsumed()), null);
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (!mode.isTransacted()) {
            throw new IllegalStateException("rollback() on a session that is not transacted");
        }
        asyncSends.checkNotInCallback("rollback");
        asyncSends.awaitAll();
        restartDelivery(ids -> new Command.Rollback(id, ids));
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode.isTransacted()) {
            throw new IllegalStateException("recover() on a transacted session; use rollback()");
        }
        if (mode == SessionMode.DUPS_OK_ACKNOWLEDGE) {
            // messages whose onMessage/receive completed are acknowledged (lazily) already; the one a listener is
            // processing right now is not, and comes back. Under AUTO only that one can be unacknowledged.
            flushAcksExcept(listenerDelivery);
        }
        restartDelivery(ids -> new Command.Recover(id, ids));
    }

    /**
     * Sends every unacknowledged delivery of this session back to the broker (recover, rollback) and,
     * in order with the reply, drops what the consumers had buffered: the broker redelivers it all
     * in the original order.
     */
    private void restartDelivery(java.util.function.Function<long[], Command> command) throws JMSException {
        boolean fromListener = isListenerThread();
        if (!fromListener) {
            deliveryLock.lock();
        }
        try {
            long[] ids = takeConsumed();
            channelCall(command.apply(ids), () -> {
                for (TallyMessageConsumer c : consumers) {
                    c.clearBuffer();
                }
            });
        } finally {
            if (!fromListener) {
                deliveryLock.unlock();
            }
        }
        scheduleListenerRun();
    }

    private void channelCall(Command c, Runnable inOrderHook) throws JMSException {
        connection.channel.call(c, inOrderHook);
    }

    /**
     * Whether this session's work currently belongs to an XA branch (an XASession between start and
     * end): consumed messages then wait for the branch's outcome instead of being acknowledged.
     */
    boolean inGlobalTransaction() {
        return false;
    }

    /** Waits for this session's asynchronous sends to complete (before an XA end). */
    void awaitAsyncSends(String what) throws JMSException {
        asyncSends.checkNotInCallback(what);
        asyncSends.awaitAll();
    }

    synchronized long[] takeConsumed() {
        long[] ids = new long[consumed.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = consumed.get(i).deliveryId();
        }
        consumed.clear();
        return ids;
    }

    synchronized long[] consumedBy(TallyMessageConsumer c) {
        return consumed.stream().filter(x -> x.consumer() == c).mapToLong(Consumed::deliveryId).toArray();
    }

    /**
     * A delivery the application did not take after all ({@code JMSConsumer.receiveBody} in AUTO or
     * DUPS_OK mode whose body could not be read): it is no longer consumed.
     */
    synchronized void unconsumed(long deliveryId) {
        consumed.removeIf(c -> c.deliveryId() == deliveryId);
    }

    /** {@code Message.acknowledge()}: acknowledges every message this session has consumed (spec 6.2.10). */
    void acknowledgeAll() throws JMSException {
        if (closed) {
            throw new IllegalStateException("acknowledge() on a message whose session is closed");
        }
        connection.checkOpen();
        if (mode != SessionMode.CLIENT_ACKNOWLEDGE) {
            return; // the javadoc: ignored in the other modes
        }
        long[] ids = takeConsumed();
        if (ids.length > 0) {
            channelCall(new Command.Ack(id, ids), null);
        }
    }

    /** Records that the application now holds this delivery; then acknowledges as the mode says. */
    void consumed(TallyMessageConsumer consumer, long deliveryId) {
        synchronized (this) {
            consumed.add(new Consumed(deliveryId, consumer));
        }
    }

    /**
     * After receive returned or onMessage completed: AUTO acknowledges now, DUPS_OK in batches.
     * AUTO waits for the broker's answer when the message is persistent (so that an acknowledged
     * persistent message is gone once receive returns); a non-persistent one is acknowledged
     * one-way, in order on the channel: if the connection drops first, it comes back marked
     * redelivered, which is what the specification allows for a failure.
     */
    void afterDelivery(boolean bufferEmpty, boolean persistent) throws JMSException {
        if (inGlobalTransaction()) {
            return; // the XA branch acknowledges it, at its commit
        }
        if (mode == SessionMode.AUTO_ACKNOWLEDGE) {
            if (persistent) {
                flushAcks();
            } else {
                long[] ids = takeConsumed();
                if (ids.length > 0) {
                    connection.channel.oneWay(new Command.Ack(id, ids));
                }
            }
        } else if (mode == SessionMode.DUPS_OK_ACKNOWLEDGE) {
            boolean flush;
            synchronized (this) {
                flush = consumed.size() >= DUPS_OK_BATCH || bufferEmpty;
            }
            if (flush) {
                flushAcks();
            }
        }
    }

    private void flushAcksExcept(long keep) throws JMSException {
        long[] ids;
        synchronized (this) {
            ids = consumed.stream().mapToLong(Consumed::deliveryId).filter(d -> d != keep).toArray();
            consumed.removeIf(c -> c.deliveryId() != keep);
        }
        if (ids.length > 0) {
            channelCall(new Command.Ack(id, ids), null);
        }
    }

    private void flushAcks() throws JMSException {
        long[] ids = takeConsumed();
        if (ids.length > 0) {
            channelCall(new Command.Ack(id, ids), null);
        }
    }

    /** An expired message found in a buffer: it is never delivered, and the broker forgets it. */
    void dropExpired(long deliveryId) {
        try {
            connection.channel.oneWay(new Command.Ack(id, new long[] {deliveryId}));
        } catch (JMSException e) {
            LOG.log(Level.FINE, "could not acknowledge an expired message; the broker will drop it itself", e);
        }
    }

    // ---- listeners -------------------------------------------------------------------------------

    void scheduleListenerRun() {
        if (!closed && !closing && connection.isStarted() && listenerRunScheduled.compareAndSet(false, true)) {
            listenerExecutor.execute(this::runListeners);
        }
    }

    private void runListeners() {
        listenerRunScheduled.set(false);
        while (!closed && !closing && connection.isStarted()) {
            boolean any = false;
            deliveryLock.lock();
            try {
                for (TallyMessageConsumer c : consumers) {
                    if (closed || closing || !connection.isStarted()) {
                        return;
                    }
                    if (c.deliverOneToListener()) {
                        any = true;
                    }
                }
            } finally {
                deliveryLock.unlock();
            }
            if (!any) {
                return;
            }
        }
    }

    /** Runs one onMessage call: the caller holds {@link #deliveryLock}. */
    void invokeListener(MessageListener listener, TallyMessage message, long deliveryId) {
        listenerThread = Thread.currentThread();
        listenerDelivery = deliveryId;
        boolean ok = false;
        try {
            listener.onMessage(message);
            ok = true;
        } catch (RuntimeException e) {
            if (mode == SessionMode.AUTO_ACKNOWLEDGE || mode == SessionMode.DUPS_OK_ACKNOWLEDGE) {
                LOG.log(Level.WARNING, "MessageListener threw on message " + id(message) + "; it will be redelivered (spec 8.7)", e);
                try {
                    restartDelivery(ids -> new Command.Recover(id, ids));
                } catch (JMSException re) {
                    LOG.log(Level.WARNING, "could not redeliver message " + id(message) + " after its listener failed", re);
                }
            } else {
                LOG.log(Level.WARNING, "MessageListener threw on message " + id(message)
                        + "; in this session mode it stays unacknowledged until acknowledge/commit/recover", e);
            }
        } finally {
            listenerThread = null;
            listenerDelivery = -1;
        }
        if (ok && !closed) {
            try {
                afterDelivery(true, message.getJMSDeliveryMode() == jakarta.jms.DeliveryMode.PERSISTENT);
            } catch (JMSException e) {
                LOG.log(Level.WARNING, "could not acknowledge message " + id(message) + " after onMessage", e);
            }
        }
    }

    private static String id(Message m) {
        try {
            return m.getJMSMessageID();
        } catch (JMSException e) {
            return "(unknown id)";
        }
    }

    /** Waits until no listener of this session is running. */
    void awaitListenerIdle() {
        if (isListenerThread()) {
            return;
        }
        deliveryLock.lock();
        deliveryLock.unlock();
    }

    void connectionStarted() {
        for (TallyMessageConsumer c : consumers) {
            c.wakeUp();
        }
        scheduleListenerRun();
    }

    void connectionLost() {
        for (TallyMessageConsumer c : consumers) {
            c.closeLocally();
        }
    }

    // ---- producing --------------------------------------------------------------------------------

    /** Sends a prepared message; with a completion listener the send is asynchronous. */
    void send(TallyMessageProducer producer, Message original, org.tallymq.protocol.MessageData data,
              CompletionListener listener) throws JMSException {
        Command.Send send = new Command.Send(id, data);
        if (listener == null) {
            connection.channel.call(send);
        } else {
            asyncSends.send(send, original, listener);
        }
    }

    AsyncSends asyncSends() {
        return asyncSends;
    }

    // ---- factories --------------------------------------------------------------------------------

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        DestinationRef ref = destination == null ? null : Destinations.toRef(destination);
        TallyMessageProducer p = new TallyMessageProducer(this, destination, ref);
        producers.add(p);
        return p;
    }

    void producerClosed(TallyMessageProducer p) {
        producers.remove(p);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        DestinationRef ref = Destinations.toRef(destination);
        return openConsumer(destination, ref, selector, ref.isQueue() ? false : noLocal, null, false, false);
    }

    TallyMessageConsumer openConsumer(Destination destination, DestinationRef ref, String selector, boolean noLocal,
                                      String subscriptionName, boolean durable, boolean shared) throws JMSException {
        TallyMessageConsumer c = new TallyMessageConsumer(this, connection.nextId(), destination, selector, noLocal,
                connection.options.prefetch());
        connection.register(c);
        try {
            connection.channel.call(new Command.CreateConsumer(id, c.id, ref, emptyToNull(selector), noLocal,
                    subscriptionName, durable, shared, connection.options.prefetch()));
        } catch (JMSException e) {
            connection.unregister(c);
            throw e;
        }
        consumers.add(c);
        return c;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    void consumerClosed(TallyMessageConsumer c) {
        consumers.remove(c);
        connection.unregister(c);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "createSharedConsumer");
        DestinationRef ref = topicRef(topic);
        requireSubscriptionName(name);
        return openConsumer(topic, ref, selector, false, name, false, true);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "createDurableSubscriber");
        DestinationRef ref = topicRef(topic);
        requireSubscriptionName(name);
        return openConsumer(topic, ref, selector, noLocal, name, true, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, selector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "createSharedDurableConsumer");
        DestinationRef ref = topicRef(topic);
        requireSubscriptionName(name);
        return openConsumer(topic, ref, selector, false, name, true, true);
    }

    private static DestinationRef topicRef(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("the topic is null");
        }
        DestinationRef ref = Destinations.toRef(topic);
        if (ref.isQueue()) {
            throw new InvalidDestinationException(ref + " is not a topic");
        }
        return ref;
    }

    private static void requireSubscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be null or empty");
        }
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "unsubscribe");
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("a subscription name must not be null or empty");
        }
        connection.channel.call(new Command.Unsubscribe(name));
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        notForDomain(Domain.TOPIC, "createQueue");
        if (queueName == null || queueName.isBlank()) {
            throw new InvalidDestinationException("a queue name must not be null or empty");
        }
        return new TallyQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "createTopic");
        if (topicName == null || topicName.isBlank()) {
            throw new InvalidDestinationException("a topic name must not be null or empty");
        }
        return new TallyTopic(topicName);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        checkOpen();
        notForDomain(Domain.TOPIC, "createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("the queue to browse is null");
        }
        DestinationRef ref = Destinations.toRef(queue);
        TallyQueueBrowser b = new TallyQueueBrowser(this, queue, ref, emptyToNull(selector));
        b.validate();
        browsers.add(b);
        return b;
    }

    void browserClosed(TallyQueueBrowser b) {
        browsers.remove(b);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        notForDomain(Domain.TOPIC, "createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        notForDomain(Domain.QUEUE, "createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    // ---- QueueSession / TopicSession --------------------------------------------------------------

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        checkOpen();
        if (queue == null) {
            throw new InvalidDestinationException("the queue is null");
        }
        return (QueueReceiver) createConsumer(queue, selector, false);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        DestinationRef ref = topicRef(topic);
        return openConsumer(topic, ref, selector, noLocal, null, false, false);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    // ---- session-level listener (application-server facility) -----------------------------------

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("Session.setMessageListener is an application-server facility (with connection "
                + "consumers) that Tally does not provide yet; set a listener on a MessageConsumer instead");
    }

    /** The application-server facility that goes with {@link #setMessageListener}; not provided. */
    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run is an application-server facility that Tally does not provide yet");
    }

    // ---- close -----------------------------------------------------------------------------------

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isListenerThread()) {
            throw new IllegalStateException("a message listener may not close its own session (it would wait for itself)");
        }
        asyncSends.checkNotInCallback("close");
        asyncSends.awaitAll();
        closing = true;
        for (TallyMessageConsumer c : consumers) {
            c.closeLocally(); // a blocked receive returns null
        }
        awaitListenerIdle(); // a running onMessage keeps the session's facilities until it returns
        closed = true;
        try {
            if ((mode == SessionMode.DUPS_OK_ACKNOWLEDGE || mode == SessionMode.AUTO_ACKNOWLEDGE) && !inGlobalTransaction()) {
                long[] ids = takeConsumed();
                if (ids.length > 0 && !connection.channel.isLost()) {
                    channelCall(new Command.Ack(id, ids), null);
                }
            }
            if (!connection.channel.isLost()) {
                channelCall(new Command.CloseSession(id, takeConsumed()), null);
            }
        } finally {
            for (TallyMessageConsumer c : consumers) {
                consumerClosed(c);
            }
            for (TallyMessageProducer p : producers) {
                p.closeLocally();
            }
            producers.clear();
            for (TallyQueueBrowser b : browsers) {
                b.closeLocally();
            }
            browsers.clear();
            connection.sessionClosed(this);
        }
    }

    @Override
    public String toString() {
        return "TallySession[" + id + ", " + mode + "]";
    }
}
