package org.tallymq.client;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Peer;
import org.tallymq.protocol.SessionMode;

/**
 * A connection to a broker. Implements the classic API of all three domains.
 *
 * <p>Thread-safe, as the specification requires of connections.
 */
public class TallyConnection implements QueueConnection, TopicConnection, ClientChannel.Inbound {

    private static final Logger LOG = Logger.getLogger(TallyConnection.class.getName());
    /** Protocol version this client speaks. */
    public static final int PROTOCOL_VERSION = org.tallymq.protocol.Codec.PROTOCOL_VERSION;

    final ClientChannel channel;
    final ConnectionOptions options;
    private final String messageIdPrefix = "ID:" + UUID.randomUUID() + ":";
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final List<TallySession> sessions = new CopyOnWriteArrayList<>();
    private final Map<Long, TallyMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private volatile String clientId;
    private final boolean clientIdFromAdmin;
    private volatile boolean used;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile ExceptionListener exceptionListener;
    private volatile String connectionId;
    private String brokerName;
    /** The ExceptionListener hears of a loss once, from the first of the broker's goodbye and the socket closing. */
    private final java.util.concurrent.atomic.AtomicBoolean lostReported = new java.util.concurrent.atomic.AtomicBoolean();

    /** Which of the classic domains the connection was made for (spec 9.2): QUEUE and TOPIC refuse the other's methods. */
    public enum Domain { ANY, QUEUE, TOPIC }

    private volatile Domain domain = Domain.ANY;

    /** Called by the factory for createQueueConnection/createTopicConnection. */
    public TallyConnection restrictTo(Domain d) {
        this.domain = d;
        return this;
    }

    private void topicOnly(String method) throws IllegalStateException {
        if (domain == Domain.QUEUE) {
            throw new IllegalStateException(method + " may not be called on a QueueConnection");
        }
    }

    TallyConnection(ConnectionOptions options) {
        this.options = options;
        this.channel = new ClientChannel(this);
        this.clientId = options.clientId();
        this.clientIdFromAdmin = clientId != null;
    }

    /**
     * Opens a connection: the connector attaches the channel to a broker (in-VM or TCP), then
     * CONNECT authenticates and claims the administratively configured client ID.
     */
    public static TallyConnection open(ConnectionOptions options, Function<Endpoint, Peer> connector, String user,
                                       String password) throws JMSException {
        return open(new TallyConnection(options), connector, user, password);
    }

    /** Opens an XA connection; see {@link #open(ConnectionOptions, Function, String, String)}. */
    public static TallyXAConnection openXA(ConnectionOptions options, Function<Endpoint, Peer> connector, String user,
                                           String password) throws JMSException {
        return open(new TallyXAConnection(options), connector, user, password);
    }

    private static <C extends TallyConnection> C open(C opened, Function<Endpoint, Peer> connector, String user,
                                                      String password) throws JMSException {
        TallyConnection c = opened;
        ConnectionOptions options = c.options;
        try {
            c.channel.connect(connector);
        } catch (RuntimeException e) {
            throw Exceptions.wrap("cannot connect to " + options, e);
        }
        try {
            Command.Reply.Connected r = (Command.Reply.Connected) c.channel.call(
                    new Command.Connect(PROTOCOL_VERSION, user, password, c.clientId));
            c.connectionId = r.connectionId();
            c.brokerName = r.brokerName();
            c.channel.negotiateHeartbeat(r.protocolVersion());
        } catch (JMSException e) {
            boolean lost = c.channel.isLost();
            c.channel.close("connect failed");
            if (lost && options.scheme().equals("tcp") && !options.ssl()) {
                // a TLS broker closes a plain connection at its first bytes; say what the likely cause is
                JMSException hint = new JMSException("the broker at " + options.name() + " closed the connection"
                        + " before answering CONNECT (" + e.getMessage() + "); if it listens with TLS, add ssl=true"
                        + " (and trustStore=...) to the URL", "TALLY-CONNECTION-LOST");
                hint.setLinkedException(e);
                hint.initCause(e);
                throw hint;
            }
            throw e;
        }
        return opened;
    }

    // ---- plumbing for sessions ----------------------------------------------------------------

    /**
     * Identifies the broker as an XA resource manager: its name and where it was reached. Two
     * connections to the same broker by the same URL scheme and address give the same identity.
     */
    String resourceManagerId() {
        return brokerName + "@" + options.scheme() + "://" + options.name();
    }

    /** Creates an XA session (see {@link TallyXASession}). */
    TallyXASession createXASession(TallySession.Domain d) throws JMSException {
        checkOpen();
        markUsed();
        TallyXASession s = new TallyXASession(this, nextId(), d);
        channel.call(new Command.CreateSession(s.id, s.mode));
        sessions.add(s);
        return s;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    String nextMessageId() {
        return messageIdPrefix + messageIds.incrementAndGet();
    }

    boolean isStarted() {
        return started;
    }

    void register(TallyMessageConsumer c) {
        consumers.put(c.id, c);
    }

    void unregister(TallyMessageConsumer c) {
        consumers.remove(c.id);
    }

    void sessionClosed(TallySession s) {
        sessions.remove(s);
    }

    DeserializationPolicy deserializationPolicy() {
        return options.deserializationPolicy();
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw Exceptions.closed("connection");
        }
    }

    /** True when the current thread is running a message listener of one of this connection's sessions. */
    boolean inOwnListener() {
        for (TallySession s : sessions) {
            if (s.isListenerThread()) {
                return true;
            }
        }
        return false;
    }

    // ---- inbound (transport thread) -----------------------------------------------------------

    @Override
    public void deliver(Command.Deliver d) {
        TallyMessageConsumer c = consumers.get(d.consumerId());
        if (c != null) {
            c.enqueue(d);
        }
        // else: the consumer closed while the delivery was in flight; CloseConsumer returned it
    }

    @Override
    public void closedByBroker(String reason) {
        lost("closed by the broker: " + reason);
    }

    @Override
    public void lost(String reason) {
        if (closed || connectionId == null) {
            return; // closed by the application, or lost before CONNECT was answered: open() reports that
        }
        if (!lostReported.compareAndSet(false, true)) {
            return; // the broker's goodbye is followed by the socket closing: one loss, one notification
        }
        ExceptionListener l = exceptionListener;
        for (TallySession s : sessions) {
            s.connectionLost();
        }
        if (l != null) {
            JMSException e = new JMSException("connection " + connectionId + " to " + channel.address() + " is lost: "
                    + reason + "; unacknowledged messages return to their queues, open transactions are rolled back",
                    "TALLY-CONNECTION-LOST");
            Thread t = new Thread(() -> l.onException(e), "tally-exception-listener");
            t.setDaemon(true);
            t.start();
        } else {
            LOG.warning("connection " + connectionId + " to " + channel.address() + " is lost: " + reason
                    + " (no ExceptionListener is set)");
        }
    }

    // ---- Connection -------------------------------------------------------------------------

    private void markUsed() {
        used = true;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, TallySession.Domain.ANY);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, TallySession.Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted, acknowledgeMode, TallySession.Domain.TOPIC);
    }

    private TallySession createSession(boolean transacted, int ackMode, TallySession.Domain domain) throws JMSException {
        checkOpen();
        markUsed();
        SessionMode mode = sessionMode(transacted, ackMode);
        TallySession s = new TallySession(this, nextId(), mode, domain);
        channel.call(new Command.CreateSession(s.id, mode));
        sessions.add(s);
        return s;
    }

    static SessionMode sessionMode(boolean transacted, int ackMode) throws JMSException {
        if (transacted) {
            return SessionMode.TRANSACTED;
        }
        return switch (ackMode) {
            case Session.AUTO_ACKNOWLEDGE -> SessionMode.AUTO_ACKNOWLEDGE;
            case Session.CLIENT_ACKNOWLEDGE -> SessionMode.CLIENT_ACKNOWLEDGE;
            case Session.DUPS_OK_ACKNOWLEDGE -> SessionMode.DUPS_OK_ACKNOWLEDGE;
            case Session.SESSION_TRANSACTED -> SessionMode.TRANSACTED;
            default -> throw new JMSException("invalid session mode " + ackMode
                    + "; expected AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)");
        };
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdFromAdmin) {
            throw new IllegalStateException("this connection's client ID '" + clientId
                    + "' was configured administratively and cannot be changed");
        }
        if (clientId != null) {
            throw new IllegalStateException("this connection already has client ID '" + clientId + "'; it can be set only once");
        }
        if (used) {
            throw new IllegalStateException("setClientID must be called before any other action on the connection");
        }
        if (id == null || id.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("a client ID must not be null or empty");
        }
        channel.call(new Command.SetClientId(id));
        clientId = id;
        markUsed();
    }

    /** Whether the connection has a client ID (for subscriptions that need one). */
    String clientIdOrNull() {
        return clientId;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        return TallyConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        markUsed();
        this.exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        markUsed();
        synchronized (lifecycle) {
            if (!started) {
                channel.call(new Command.SetStarted(true));
            }
            started = true;
            for (TallySession s : sessions) {
                s.connectionStarted();
            }
        }
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        markUsed();
        if (inOwnListener()) {
            throw new IllegalStateException("a message listener may not stop its own connection (it would wait for itself)");
        }
        synchronized (lifecycle) {
            if (started) {
                started = false;
                channel.call(new Command.SetStarted(false));
            }
            for (TallySession s : sessions) {
                s.awaitListenerIdle();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (inOwnListener()) {
            throw new IllegalStateException("a message listener may not close its own connection (it would wait for itself)");
        }
        for (TallySession s : sessions) {
            s.asyncSends().checkNotInCallback("close"); // spec 7.3.4: not from a CompletionListener of this connection
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            started = false;
            JMSException first = null;
            for (TallySession s : sessions) {
                try {
                    s.close();
                } catch (JMSException e) {
                    first = first == null ? e : first;
                }
            }
            if (!channel.isLost()) {
                try {
                    channel.call(new Command.Disconnect());
                } catch (JMSException e) {
                    LOG.log(Level.FINE, "disconnect of " + connectionId + " failed; closing anyway", e);
                }
            }
            closed = true;
            channel.close("closed by the application");
            if (first != null && !channel.isLost()) {
                throw first;
            }
        }
    }

    // ---- temporary destinations ---------------------------------------------------------------

    TallyTemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        TallyTemporaryQueue q = new TallyTemporaryQueue("tmp." + connectionId + "." + nextId(), this);
        channel.call(new Command.CreateTemporary(q.toRef()));
        return q;
    }

    TallyTemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        TallyTemporaryTopic t = new TallyTemporaryTopic("tmp." + connectionId + "." + nextId(), this);
        channel.call(new Command.CreateTemporary(t.toRef()));
        return t;
    }

    void deleteTemporary(DestinationRef ref) throws JMSException {
        checkOpen();
        channel.call(new Command.DeleteTemporary(ref));
    }

    // ---- connection consumers: not provided (see README) ---------------------------------------

    private static JMSException noConnectionConsumers() {
        return new JMSException("connection consumers (ServerSessionPool) are an application-server facility that Tally "
                + "does not provide yet; use a MessageListener on a session instead");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination d, String selector, ServerSessionPool pool, int max)
            throws JMSException {
        checkOpen();
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue q, String selector, ServerSessionPool pool, int max)
            throws JMSException {
        checkOpen();
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic t, String selector, ServerSessionPool pool, int max)
            throws JMSException {
        checkOpen();
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic t, String name, String selector,
                                                             ServerSessionPool pool, int max) throws JMSException {
        checkOpen();
        topicOnly("createSharedConnectionConsumer");
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic t, String name, String selector,
                                                              ServerSessionPool pool, int max) throws JMSException {
        checkOpen();
        topicOnly("createDurableConnectionConsumer");
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic t, String name, String selector,
                                                                    ServerSessionPool pool, int max) throws JMSException {
        checkOpen();
        topicOnly("createSharedDurableConnectionConsumer");
        throw noConnectionConsumers();
    }

    @Override
    public String toString() {
        return "TallyConnection[" + connectionId + " to " + options + (clientId == null ? "" : ", clientID=" + clientId) + "]";
    }
}
