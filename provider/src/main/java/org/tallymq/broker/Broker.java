package org.tallymq.broker;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Acceptor;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.Peer;
import org.tallymq.selector.Selector;

/**
 * The broker: destinations, subscriptions, connections and dispatch.
 *
 * <p><b>Threading.</b> All broker state is owned by one event-loop thread ({@code tally-broker-NAME}).
 * Transports hand frames to it with {@link #execute}; nothing else touches the state, so there are
 * no locks in the broker. Long work (a force of the journal) never runs on it: it completes later and
 * posts its continuation back. Dispatch to consumers runs as its own task after the command that
 * caused it, so a command's reply always precedes the deliveries it triggers.
 */
public final class Broker implements Acceptor, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Broker.class.getName());

    private final BrokerConfig config;
    private final ScheduledThreadPoolExecutor loop;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong connectionIds = new AtomicLong();

    // ---- event-loop state ----
    private final Map<String, MessageQueue> queues = new HashMap<>();
    private final Map<String, TopicNode> topics = new HashMap<>();
    /** Temporary destinations (queue and topic names share one namespace) and the connection that owns each. */
    private final Map<DestinationRef, ServerConnection> temporaries = new HashMap<>();
    private final Map<String, ServerConnection> clientIds = new HashMap<>();
    private final Map<Subscription.Key, Subscription> namedSubscriptions = new HashMap<>();
    private final Map<String, ServerConnection> connections = new HashMap<>();
    private volatile boolean stopped;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tally-broker-" + config.name());
            t.setDaemon(true);
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
    }

    /** Starts a broker. Until the journal lands, state is kept in memory only. */
    public static Broker start(BrokerConfig config) {
        Broker b = new Broker(config);
        LOG.info(() -> "Tally broker '" + config.name() + "' started (in-memory store; data directory "
                + config.dataDir().toAbsolutePath() + " not yet used)");
        return b;
    }

    public String name() {
        return config.name();
    }

    public BrokerConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    /** Runs a task on the event loop. Thread-safe. Tasks submitted after close are dropped. */
    void execute(Runnable task) {
        if (stopped) {
            return;
        }
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "broker '" + name() + "': unexpected failure in an event-loop task; carrying on", e);
            }
        });
    }

    /** Runs a task on the event loop at wall-clock time {@code atMillis}. */
    void schedule(long atMillis, Runnable task) {
        if (stopped) {
            return;
        }
        long delay = Math.max(0, atMillis - clock.millis());
        loop.schedule(() -> execute(task), delay, TimeUnit.MILLISECONDS);
    }

    /** Runs a query on the event loop and waits for its answer (for tools and tests). Thread-safe. */
    public <T> T inspect(Supplier<T> query) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> f.complete(query.get()));
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inspecting broker " + name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker " + name() + " did not answer an inspection", e);
        }
    }

    /** Messages waiting or in flight on a queue (0 for a queue that does not exist). Thread-safe. */
    public int queueDepth(String queueName) {
        return inspect(() -> {
            MessageQueue q = queues.get(queueName);
            return q == null ? 0 : q.depth();
        });
    }

    @Override
    public Endpoint accept(Peer client) {
        ServerConnection c = new ServerConnection(this, name() + "-c" + connectionIds.incrementAndGet(), client);
        execute(() -> connections.put(c.id, c));
        return c;
    }

    /** Stops the broker: every connection is told and closed. Waits up to 10 s for the loop to drain. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> {
            for (ServerConnection c : List.copyOf(connections.values())) {
                c.push(new Command.ConnectionClosedByBroker(ErrorCode.GENERIC, "broker '" + name() + "' is shutting down"));
            }
            done.complete(null);
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("broker '" + name() + "' did not stop its connections in 10 s: " + e);
        }
        stopped = true;
        loop.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info(() -> "Tally broker '" + name() + "' stopped");
    }

    // ---- called on the event loop by connections ---------------------------------------------

    void authenticate(String user, String password) throws BrokerException {
        if (!config.authenticationRequired()) {
            return;
        }
        String expected = user == null ? null : config.users().get(user);
        if (expected == null || !expected.equals(password)) {
            LOG.warning("broker '" + name() + "': authentication failed for user '" + user + "'");
            throw new BrokerException(ErrorCode.SECURITY, "authentication failed for user '" + user
                    + "': unknown user or wrong password");
        }
    }

    void claimClientId(ServerConnection c, String clientId) throws BrokerException {
        if (clientId == null || clientId.isEmpty()) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "a client ID must not be null or empty");
        }
        if (c.clientId != null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "this connection already has client ID '" + c.clientId + "'");
        }
        ServerConnection holder = clientIds.get(clientId);
        if (holder != null) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_ID, "client ID '" + clientId
                    + "' is already in use by another connection to broker '" + name() + "'");
        }
        clientIds.put(clientId, c);
        c.clientId = clientId;
    }

    void connectionClosed(ServerConnection c) {
        connections.remove(c.id);
        if (c.clientId != null) {
            clientIds.remove(c.clientId, c);
        }
    }

    /** Checks that a message may be sent where it is addressed; returns it. */
    MessageData checkSendable(MessageData m) throws BrokerException {
        DestinationRef d = m.destination();
        if (d == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "the message has no destination");
        }
        if (d.kind().isTemporary() && !temporaries.containsKey(d)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary " + d + " does not exist (deleted, or its connection closed)");
        }
        return m;
    }

    /** Makes a sent (or committed) message available on its destination. */
    void route(MessageData m, String originConnectionId) {
        DestinationRef d = m.destination();
        if (d.kind().isTemporary() && !temporaries.containsKey(d)) {
            LOG.warning("broker '" + name() + "': message " + m.messageId() + " dropped at commit: temporary " + d
                    + " was deleted before the transaction committed");
            return;
        }
        if (d.isQueue()) {
            queue(d.name()).add(m, originConnectionId);
        } else {
            topic(d.name()).publish(m, originConnectionId);
        }
    }

    private MessageQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new MessageQueue(this, "queue " + n));
    }

    private TopicNode topic(String name) {
        return topics.computeIfAbsent(name, TopicNode::new);
    }

    boolean isQueueOf(DestinationRef d, MessageQueue q) {
        return d.isQueue() && queues.get(d.name()) == q;
    }

    void expired(MessageQueue q, QueuedMessage m) {
        LOG.fine(() -> "broker '" + name() + "': message " + m.data.messageId() + " on " + q.description + " expired; removed");
    }

    List<MessageData> browse(DestinationRef d, Selector selector, ServerConnection c) throws BrokerException {
        if (!d.isQueue()) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "only a queue can be browsed, not " + d);
        }
        if (d.kind().isTemporary() && !temporaries.containsKey(d)) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary " + d + " does not exist");
        }
        return queue(d.name()).browse(selector);
    }

    ServerConsumer attachConsumer(Command.CreateConsumer cc, ServerSession session, Selector selector)
            throws BrokerException {
        DestinationRef d = cc.destination();
        ServerConnection conn = session.connection;
        if (d.kind().isTemporary()) {
            ServerConnection owner = temporaries.get(d);
            if (owner == null) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary " + d + " does not exist (deleted, or its connection closed)");
            }
            if (owner != conn) {
                throw new BrokerException(ErrorCode.INVALID_DESTINATION, "temporary " + d
                        + " belongs to another connection; only the connection that created it may consume from it");
            }
        }
        if (d.isQueue()) {
            MessageQueue q = queue(d.name());
            ServerConsumer c = new ServerConsumer(cc.consumerId(), session, q, selector, false, null, cc.prefetch());
            q.addConsumer(c);
            return c;
        }
        Subscription sub = subscriptionFor(cc, conn, selector);
        // the subscription already applied selector and noLocal when the message was published
        ServerConsumer c = new ServerConsumer(cc.consumerId(), session, sub.queue, ServerConnection.parseSelector(null), false, sub,
                cc.prefetch());
        sub.queue.addConsumer(c);
        return c;
    }

    private Subscription subscriptionFor(Command.CreateConsumer cc, ServerConnection conn, Selector selector)
            throws BrokerException {
        TopicNode topic = topic(cc.destination().name());
        String name = cc.subscriptionName();
        if (name == null) {
            return newSubscription(null, topic, selector, cc.noLocal(), false, conn);
        }
        if (cc.durable() && !cc.shared() && conn.clientId == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "an unshared durable subscription ('" + name
                    + "') needs a client ID on the connection; set one, or use a shared durable subscription");
        }
        Subscription.Key key = new Subscription.Key(conn.clientId, name, cc.durable());
        Subscription.Key other = new Subscription.Key(conn.clientId, name, !cc.durable());
        if (namedSubscriptions.containsKey(other)) {
            throw new BrokerException(ErrorCode.GENERIC, "a " + (cc.durable() ? "non-durable shared" : "durable")
                    + " subscription named '" + name + "' already exists for client ID " + conn.clientId
                    + "; durable and shared non-durable subscriptions may not share a name");
        }
        Subscription existing = namedSubscriptions.get(key);
        if (existing != null) {
            if (existing.shared != cc.shared()) {
                throw new BrokerException(ErrorCode.GENERIC, "subscription '" + name + "' exists as "
                        + (existing.shared ? "shared" : "unshared") + "; it cannot be used as "
                        + (cc.shared() ? "shared" : "unshared"));
            }
            boolean same = existing.topic == topic && existing.selector.text().equals(selector.text())
                    && (cc.shared() || existing.noLocal == cc.noLocal());
            if (!cc.shared() && existing.queue.hasConsumers()) {
                throw new BrokerException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name + "' of client ID "
                        + conn.clientId + " already has an active consumer");
            }
            if (same) {
                return existing;
            }
            if (existing.queue.hasConsumers()) {
                throw new BrokerException(ErrorCode.GENERIC, "subscription '" + name
                        + "' is in use with another topic or selector; close its consumers first");
            }
            // spec: a durable subscription asked for with another topic, selector or noLocal is replaced
            removeSubscription(existing);
        }
        Subscription s = newSubscription(key, topic, selector, cc.noLocal(), cc.shared(), conn);
        namedSubscriptions.put(key, s);
        return s;
    }

    private Subscription newSubscription(Subscription.Key key, TopicNode topic, Selector selector, boolean noLocal,
                                         boolean shared, ServerConnection conn) {
        Subscription s = new Subscription(this, key, topic, selector, noLocal, shared, noLocal ? conn.id : null);
        topic.subscriptions.add(s);
        return s;
    }

    private void removeSubscription(Subscription s) {
        s.topic.subscriptions.remove(s);
        if (s.key != null) {
            namedSubscriptions.remove(s.key, s);
        }
        s.queue.delete();
    }

    void detachConsumer(ServerConsumer c) {
        c.queue.removeConsumer(c);
        Subscription s = c.subscription;
        if (s != null && !s.isDurable() && !s.queue.hasConsumers()) {
            removeSubscription(s);
        }
    }

    void unsubscribe(String clientId, String name) throws BrokerException {
        Subscription s = namedSubscriptions.get(new Subscription.Key(clientId, name, true));
        if (s == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no durable subscription named '" + name + "'"
                    + (clientId == null ? " without a client ID" : " for client ID '" + clientId + "'"));
        }
        if (s.queue.hasConsumers()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name
                    + "' has an active consumer; close it before unsubscribing");
        }
        removeSubscription(s);
    }

    void createTemporary(DestinationRef d, ServerConnection owner) throws BrokerException {
        if (!d.kind().isTemporary()) {
            throw new BrokerException(ErrorCode.PROTOCOL, d + " is not a temporary destination");
        }
        if (temporaries.putIfAbsent(d, owner) != null) {
            throw new BrokerException(ErrorCode.PROTOCOL, "temporary " + d + " already exists");
        }
    }

    void deleteTemporary(DestinationRef d, ServerConnection requester) throws BrokerException {
        ServerConnection owner = temporaries.get(d);
        if (owner == null) {
            return;
        }
        if (owner != requester) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "temporary " + d + " belongs to another connection");
        }
        if (d.isQueue() ? hasConsumers(queues.get(d.name())) : hasSubscribers(topics.get(d.name()))) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "temporary " + d
                    + " still has consumers; close them before deleting it");
        }
        dropTemporary(d);
    }

    private static boolean hasConsumers(MessageQueue q) {
        return q != null && q.hasConsumers();
    }

    private static boolean hasSubscribers(TopicNode t) {
        if (t == null) {
            return false;
        }
        for (Subscription s : t.subscriptions) {
            if (s.queue.hasConsumers()) {
                return true;
            }
        }
        return false;
    }

    void dropTemporary(DestinationRef d) {
        temporaries.remove(d);
        if (d.isQueue()) {
            MessageQueue q = queues.remove(d.name());
            if (q != null) {
                q.delete();
            }
        } else {
            TopicNode t = topics.remove(d.name());
            if (t != null) {
                for (Subscription s : List.copyOf(t.subscriptions)) {
                    removeSubscription(s);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Broker[" + name() + "]";
    }

}
