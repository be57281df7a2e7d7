package org.tallymq.broker;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
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
import org.tallymq.store.JournalStore;
import org.tallymq.store.MemoryStore;
import org.tallymq.store.MessageStore;
import org.tallymq.store.QueueKey;
import org.tallymq.store.StoredMessage;
import org.tallymq.store.StoredBranch;
import org.tallymq.store.StoredHeuristic;
import org.tallymq.store.StoredSubscription;

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
    private final MessageStore store;
    private final FlowControl flow;
    private final DeadLetters deadLetters = new DeadLetters(this);
    private final DuplicateDetector duplicates = new DuplicateDetector(this);
    private final XaTransactions xa = new XaTransactions(this);
    private final Pager pager;
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
    private final Map<Long, Subscription> durableById = new HashMap<>();
    /** The previous run of this broker did not stop cleanly (kill -9, crash, power loss). */
    private boolean uncleanStop;

    /**
     * Creates {@code dataDir/broker.running}, which a clean {@link #close} deletes.
     *
     * @return whether the file was already there: the last run ended without a clean stop
     */
    private boolean markRunning() throws IOException {
        java.nio.file.Path marker = config.dataDir().resolve(RUNNING_MARKER);
        boolean was = java.nio.file.Files.exists(marker);
        java.nio.file.Files.createDirectories(config.dataDir());
        java.nio.file.Files.writeString(marker, "pid " + ProcessHandle.current().pid() + "\n");
        return was;
    }

    private static final String RUNNING_MARKER = "broker.running";
    /** Set once the store was replayed: only then may a close say the stop was clean. */
    private volatile boolean loaded;

    /** The last id handed out for a message-in-queue, a durable subscription or a transaction. */
    private long lastId;
    private boolean storeFailureLogged;
    private volatile boolean stopped;
    /** The broker is returning its connections' deliveries before it stops (event loop only). */
    private boolean closing;
    /** Held while the broker runs (persistent brokers only); released by {@link #close}. */
    private DataDirectoryLock dataDirLock;

    private Broker(BrokerConfig config, MessageStore store) {
        this.config = config;
        this.store = store;
        this.flow = new FlowControl(this, config.memoryBudget(), config.blockTimeoutMillis());
        this.pager = new Pager(this, store, config.memoryBudget());
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tally-broker-" + config.name());
            t.setDaemon(true);
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // pending delivery-delay timers do not hold up close
    }

    /**
     * Starts a broker: opens its store, replays it (durable subscriptions and persistent messages
     * come back, unacknowledged ones with their delivery counts), then runs.
     *
     * @throws IOException when the store cannot be opened or read (corrupt journal: the message names
     *                     file, offset and record type; see {@link BrokerConfig#repair()})
     */
    public static Broker start(BrokerConfig config) throws IOException {
        DataDirectoryLock lock = config.persistent() ? DataDirectoryLock.acquire(config.dataDir(), config.name()) : null;
        MessageStore store;
        try {
            store = config.persistent()
                    ? JournalStore.open(config.dataDir().resolve("journal"), config.segmentBytes(), config.repair())
                    : new MemoryStore();
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        Broker b = new Broker(config, store);
        b.dataDirLock = lock;
        b.uncleanStop = config.persistent() && b.markRunning();
        try {
            b.onLoop(() -> { // no time limit: replaying a large journal takes as long as it takes
                b.load();
                return null;
            }, 0);
            b.loaded = true;
        } catch (IllegalStateException e) {
            b.close();
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException("broker '" + config.name() + "' could not load "
                    + store.description() + ": " + e.getMessage(), e);
        }
        b.loop.scheduleWithFixedDelay(() -> b.execute(b::expireAll), EXPIRY_SWEEP_SECONDS, EXPIRY_SWEEP_SECONDS,
                TimeUnit.SECONDS);
        long warn = config.xaPreparedWarnMillis();
        b.loop.scheduleWithFixedDelay(() -> b.execute(() -> b.xa.warnAboutOldPrepared(warn)), warn, warn, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Tally broker '" + config.name() + "' started; store: " + store.description());
        return b;
    }

    /** How often waiting messages are checked for expiry, so expired ones leave the store without a consumer. */
    private static final long EXPIRY_SWEEP_SECONDS = 5;

    void expireAll() {
        long now = clock.millis();
        for (MessageQueue q : queues.values()) {
            q.expire(now);
        }
        for (Subscription s : durableById.values()) {
            s.queue.expire(now);
        }
    }

    /** Replays the store into queues and subscriptions; on the loop, before any connection. */
    private void load() {
        List<StoredMessage> messages = new ArrayList<>();
        List<org.tallymq.store.StoredDuplicateId> duplicateIds = new ArrayList<>();
        List<StoredBranch> branches = new ArrayList<>();
        RecoveredPages paged = new RecoveredPages(pager.threshold()); // beyond the paging threshold: ids only
        long[] maxId = new long[1];
        try {
            maxId[0] = store.load(new MessageStore.Loader() {
                @Override
                public void subscription(StoredSubscription s) {
                    restoreSubscription(s);
                }

                @Override
                public void message(StoredMessage m) {
                    if (!paged.take(m)) {
                        messages.add(m);
                    }
                }

                @Override
                public void preparedBranch(StoredBranch b) {
                    branches.add(b);
                }

                @Override
                public void heuristic(StoredHeuristic h) {
                    xa.restoreHeuristic(h);
                }

                @Override
                public void duplicateId(org.tallymq.store.StoredDuplicateId d) {
                    duplicateIds.add(d);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        lastId = Math.max(0, maxId[0]);
        if (uncleanStop) {
            pager.recoveredAfterUncleanStop(lastId);
        }
        Map<Long, StoredBranch> lockedBy = new HashMap<>();
        for (StoredBranch b : branches) {
            for (long id : b.deletes()) {
                lockedBy.put(id, b);
            }
        }
        long[] lockedButPaged = paged.extract(lockedBy.keySet());
        if (lockedButPaged.length > 0) { // a prepared branch's consumed messages are held whole, locked
            try {
                for (StoredMessage m : store.readMessages(lockedButPaged)) {
                    if (m != null) {
                        messages.add(m);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        messages.sort(java.util.Comparator.comparingLong(StoredMessage::recordId));
        Map<StoredBranch, List<XaBranch.Consumed>> consumedBy = new HashMap<>();
        int dropped = 0;
        for (StoredMessage m : messages) {
            MessageQueue q = m.queue() instanceof QueueKey.Queue named ? queue(named.name())
                    : subscriptionQueue(((QueueKey.Subscription) m.queue()).subscriptionRecordId());
            if (q == null) {
                dropped++; // its subscription was deleted; the record goes too
                store.deleteMessage(m.recordId(), false);
                continue;
            }
            QueuedMessage qm = new QueuedMessage(m.message(), m.recordId(), null, true);
            // After an unclean stop nobody can say which messages had been handed to an application and not
            // acknowledged (a delivery writes nothing; only a return does): count one attempt for each, so
            // such a message comes back with JMSRedelivered=true and JMSXDeliveryCount >= 2. The flag may be
            // pessimistic ("likely, but not guaranteed", spec 3.4.7); it is never missing.
            qm.deliveries = uncleanStop ? Math.max(m.deliveries(), 1) : m.deliveries();
            qm.notBefore = m.notBefore(); // a redelivery delay still running
            StoredBranch locker = lockedBy.get(m.recordId());
            if (locker != null) {
                q.acceptInFlight(qm); // consumed by a prepared XA branch: locked until its outcome
                consumedBy.computeIfAbsent(locker, k -> new ArrayList<>()).add(new XaBranch.Consumed(q, qm));
            } else {
                q.accept(qm);
            }
        }
        for (StoredBranch b : branches) {
            List<Placement> sends = new ArrayList<>();
            for (StoredMessage m : b.sends()) {
                MessageQueue q = m.queue() instanceof QueueKey.Queue named ? queue(named.name())
                        : subscriptionQueue(((QueueKey.Subscription) m.queue()).subscriptionRecordId());
                if (q != null) {
                    sends.add(new Placement(q, new QueuedMessage(m.message(), m.recordId(), null, true)));
                }
            }
            xa.restore(b, sends, consumedBy.getOrDefault(b, List.of()));
        }
        xa.finishInterruptedHeuristics();
        if (!branches.isEmpty()) {
            LOG.warning("broker '" + name() + "' recovered " + branches.size() + " prepared XA branch(es) from "
                    + store.description() + ": " + branches.stream().map(b -> b.xid().toString()).toList()
                    + ". They wait for their transaction manager's commit or rollback (XAResource.recover() lists them);"
                    + " until then their sends are invisible and the messages they consumed are locked.");
        }
        // after the whole messages, which stay on the heap (they fit under the threshold)
        dropped += paged.restore(key -> key instanceof QueueKey.Queue named ? queue(named.name())
                : subscriptionQueue(((QueueKey.Subscription) key).subscriptionRecordId()), store);
        duplicates.restore(duplicateIds, messages); // paged messages' ids come from their DUPLICATE_ID records only
        int restored = messages.size() + paged.size() - dropped;
        if (restored > 0 || !durableById.isEmpty()) {
            LOG.info("broker '" + name() + "' recovered " + restored + " persistent messages and " + durableById.size()
                    + " durable subscriptions from " + store.description());
        }
        if (uncleanStop && restored > 0) {
            LOG.warning("broker '" + name() + "' was not stopped cleanly last time: its " + restored + " recovered messages"
                    + " are marked redelivered (JMSRedelivered=true), since any of them may have been received and not"
                    + " acknowledged before the stop");
        }
    }

    private MessageQueue subscriptionQueue(long recordId) {
        Subscription s = durableById.get(recordId);
        return s == null ? null : s.queue;
    }

    private void restoreSubscription(StoredSubscription st) {
        Selector selector;
        try {
            selector = Selector.parse(st.selector());
        } catch (jakarta.jms.InvalidSelectorException e) {
            LOG.severe("broker '" + name() + "': stored durable subscription '" + st.name() + "' has a selector this version"
                    + " cannot parse (" + e.getMessage() + "); it is kept with no selector");
            selector = ServerConnection.matchAll();
        }
        Subscription.Key key = new Subscription.Key(st.clientId(), st.name(), true);
        Subscription s = new Subscription(this, key, topic(st.topic()), selector, st.noLocal(), st.shared(), null,
                st.clientId(), st.recordId());
        s.topic.subscriptions.add(s);
        namedSubscriptions.put(key, s);
        durableById.put(s.recordId, s);
    }

    public String name() {
        return config.name();
    }

    public BrokerConfig config() {
        return config;
    }

    /** What keeps this broker's messages, for logs ("journal in /var/lib/tally/journal"). */
    public String storeDescription() {
        return store.description();
    }

    Clock clock() {
        return clock;
    }

    MessageStore store() {
        return store;
    }

    XaTransactions xa() {
        return xa;
    }

    /**
     * An operator's decision for a prepared XA branch whose transaction manager will never come back:
     * commits or rolls it back, and records the outcome so that recover() reports the branch as
     * heuristically completed (XA_HEURCOM / XA_HEURRB) until its transaction manager forgets it.
     * Thread-safe; waits for the store.
     *
     * @return a line for the operator
     * @throws IllegalStateException when there is no such prepared branch or the store failed
     */
    public String completeXaBranchHeuristically(org.tallymq.protocol.XidData xid, boolean commit) {
        CompletableFuture<String> f = inspect(() -> xa.completeHeuristically(xid, commit));
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while completing XA branch " + xid, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("XA branch " + xid + ": " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
    }

    /** How many times the store has forced its files to disk since the broker started (for benchmarks). Thread-safe. */
    public long storeForces() {
        return store.forces();
    }

    /** Xids of the prepared XA branches (for tools and tests). Thread-safe. */
    public List<org.tallymq.protocol.XidData> preparedXids() {
        return inspect(xa::recover);
    }

    FlowControl flow() {
        return flow;
    }

    /** Whether the broker is stopping: deliveries coming back now are not the application's failures. */
    boolean isClosing() {
        return closing;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    DuplicateDetector duplicates() {
        return duplicates;
    }


    Pager pager() {
        return pager;
    }

    /**
     * Bytes of messages this broker's queues hold on the heap (what the memory budget limits; paged messages,
     * whose bodies are only in the journal, do not count). Thread-safe.
     */
    public long queuedBytes() {
        return inspect(flow::used);
    }

    /** A new id for a message-in-queue, durable subscription or transaction. Event loop only. */
    long newId() {
        return ++lastId;
    }

    /** Says why a store operation failed, and logs it loudly the first time. */
    String storeFailure(CompletableFuture<?> failed) {
        String why;
        try {
            failed.join();
            why = "unknown store failure";
        } catch (RuntimeException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            why = c.toString();
        }
        String msg = "broker '" + name() + "': the store (" + store.description() + ") failed: " + why
                + "; the operation did not take effect. Check the disk (space, errors), then restart the broker:"
                + " the journal is refused further writes until it is reopened";
        if (!storeFailureLogged) {
            storeFailureLogged = true;
            LOG.severe(msg);
        }
        return msg;
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
        return onLoop(query, 10_000);
    }

    /**
     * Runs {@code query} on the event loop and waits for it: at most {@code timeoutMillis}, or as long
     * as it takes when that is 0. A RuntimeException it throws is rethrown here (as the cause of an
     * IllegalStateException).
     */
    private <T> T onLoop(Supplier<T> query, long timeoutMillis) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(query.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return timeoutMillis > 0 ? f.get(timeoutMillis, TimeUnit.MILLISECONDS) : f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for broker " + name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker " + name() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker " + name() + " did not answer within " + timeoutMillis + " ms", e);
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
            closing = true;
            for (ServerConnection c : List.copyOf(connections.values())) {
                c.push(new Command.ConnectionClosedByBroker(ErrorCode.GENERIC, "broker '" + name() + "' is shutting down"));
                // their unacknowledged deliveries go back now, so the delivery counts reach the journal before it closes
                c.closedByBroker();
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
        pager.close();
        store.close();
        if (config.persistent() && loaded) {
            try {
                java.nio.file.Files.deleteIfExists(config.dataDir().resolve(RUNNING_MARKER));
            } catch (IOException e) {
                LOG.warning("broker '" + name() + "' could not delete " + config.dataDir().resolve(RUNNING_MARKER)
                        + " (" + e + "); its messages will be marked redelivered at the next start");
            }
        }
        if (dataDirLock != null) {
            try {
                dataDirLock.close();
            } catch (IOException e) {
                LOG.warning("broker '" + name() + "' could not release its data directory lock: " + e);
            }
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

    /** One copy of a message in one queue: what a send or publish becomes. */
    record Placement(MessageQueue queue, QueuedMessage message) {
    }

    /**
     * The copies a sent message becomes: one in its queue, or one in each subscription of its topic
     * that wants it. Nothing is visible yet; see {@link #persist} and {@link #publish}.
     */
    List<Placement> place(MessageData m, QueuedMessage.Origin origin) {
        DestinationRef d = m.destination();
        if (d.kind().isTemporary() && !temporaries.containsKey(d)) {
            LOG.warning("broker '" + name() + "': message " + m.messageId() + " dropped: temporary " + d
                    + " was deleted before it arrived");
            return List.of();
        }
        if (d.isQueue()) {
            MessageQueue q = queue(d.name());
            return List.of(new Placement(q, q.newMessage(m, origin)));
        }
        TopicNode t = topic(d.name());
        QueuedMessage.Publication p = new QueuedMessage.Publication(m, origin);
        List<Placement> out = new ArrayList<>(t.subscriptions.size());
        for (Subscription s : t.subscriptions) {
            if (s.wants(p)) {
                out.add(new Placement(s.queue, s.queue.newMessage(m, origin)));
            }
        }
        return out;
    }

    /** Writes the copies the store must hold; completes when they are forced. */
    CompletableFuture<Void> persist(List<Placement> placements) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (Placement p : placements) {
            if (p.message().stored) {
                writes.add(store.addMessage(p.message().sequence, p.queue().storeKey, p.message().data));
            }
        }
        return ServerSession.allOf(writes);
    }

    static boolean anyStored(List<Placement> placements) {
        for (Placement p : placements) {
            if (p.message().stored) {
                return true;
            }
        }
        return false;
    }

    /** Makes placed copies visible to consumers. */
    void publish(List<Placement> placements) {
        for (Placement p : placements) {
            p.queue().accept(p.message());
        }
    }

    MessageQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new MessageQueue(this, "queue " + n,
                temporaries.containsKey(new DestinationRef(DestinationRef.Kind.TEMP_QUEUE, n)) ? null : new QueueKey.Queue(n)));
    }

    private TopicNode topic(String name) {
        return topics.computeIfAbsent(name, TopicNode::new);
    }

    void expired(MessageQueue q, QueuedMessage m) {
        deadLetters.expired(q, m); // to the expiry queue, or removed
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

    /** A consumer the broker has attached, and what must be durable before its creation is answered. */
    record Attached(ServerConsumer consumer, CompletableFuture<Void> durable) {
    }

    Attached attachConsumer(Command.CreateConsumer cc, ServerSession session, Selector selector) throws BrokerException {
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
            ServerConsumer c = new ServerConsumer(cc.consumerId(), session, q, selector, null, cc.prefetch());
            q.addConsumer(c);
            return new Attached(c, CompletableFuture.completedFuture(null));
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        Subscription sub = subscriptionFor(cc, conn, selector, writes);
        // the subscription already applied selector and noLocal when the message was published
        ServerConsumer c = new ServerConsumer(cc.consumerId(), session, sub.queue, ServerConnection.matchAll(), sub,
                cc.prefetch());
        sub.queue.addConsumer(c);
        return new Attached(c, ServerSession.allOf(writes));
    }

    private Subscription subscriptionFor(Command.CreateConsumer cc, ServerConnection conn, Selector selector,
                                         List<CompletableFuture<Void>> writes) throws BrokerException {
        TopicNode topic = topic(cc.destination().name());
        String name = cc.subscriptionName();
        if (name == null) {
            return newSubscription(null, topic, selector, cc.noLocal(), false, conn, writes);
        }
        if (cc.durable() && !cc.shared() && conn.clientId == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "an unshared durable subscription ('" + name
                    + "') needs a client ID on the connection; set one, or use a shared durable subscription");
        }
        // durable and shared non-durable subscriptions live in separate name spaces (spec 8.3.4)
        Subscription.Key key = new Subscription.Key(conn.clientId, name, cc.durable());
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
            writes.add(removeSubscription(existing));
        }
        Subscription s = newSubscription(key, topic, selector, cc.noLocal(), cc.shared(), conn, writes);
        namedSubscriptions.put(key, s);
        return s;
    }

    private Subscription newSubscription(Subscription.Key key, TopicNode topic, Selector selector, boolean noLocal,
                                         boolean shared, ServerConnection conn, List<CompletableFuture<Void>> writes) {
        boolean durable = key != null && key.durable();
        Subscription s = new Subscription(this, key, topic, selector, noLocal, shared, conn.id, conn.clientId,
                durable ? newId() : 0);
        topic.subscriptions.add(s);
        if (durable) {
            durableById.put(s.recordId, s);
            writes.add(store.addSubscription(s.toStored()));
        }
        return s;
    }

    /** Forgets a subscription and its messages; returns the store's confirmation for a durable one. */
    private CompletableFuture<Void> removeSubscription(Subscription s) {
        s.topic.subscriptions.remove(s);
        if (s.key != null) {
            namedSubscriptions.remove(s.key, s);
        }
        List<QueuedMessage> stored = s.queue.delete();
        if (!s.isDurable()) {
            return CompletableFuture.completedFuture(null);
        }
        durableById.remove(s.recordId);
        for (QueuedMessage m : stored) {
            store.deleteMessage(m.sequence, false);
        }
        return store.deleteSubscription(s.recordId);
    }

    void detachConsumer(ServerConsumer c) {
        c.queue.removeConsumer(c);
        Subscription s = c.subscription;
        if (s != null && !s.isDurable() && !s.queue.hasConsumers()) {
            removeSubscription(s);
        }
    }

    /** The topic of the durable subscription {@code name} of {@code clientId} (null: none), or null when there is none. */
    DestinationRef durableSubscriptionTopic(String clientId, String name) {
        Subscription s = namedSubscriptions.get(new Subscription.Key(clientId, name, true));
        return s == null ? null : DestinationRef.topic(s.topic.name);
    }

    CompletableFuture<Void> unsubscribe(String clientId, String name) throws BrokerException {
        Subscription s = namedSubscriptions.get(new Subscription.Key(clientId, name, true));
        if (s == null) {
            throw new BrokerException(ErrorCode.INVALID_DESTINATION, "no durable subscription named '" + name + "'"
                    + (clientId == null ? " without a client ID" : " for client ID '" + clientId + "'"));
        }
        if (s.queue.hasConsumers()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name
                    + "' has an active consumer; close it before unsubscribing");
        }
        return removeSubscription(s);
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
                q.delete(); // a temporary queue stores nothing
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
