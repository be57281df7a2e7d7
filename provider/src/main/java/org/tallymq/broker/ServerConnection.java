package org.tallymq.broker;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.Command.Reply;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.Peer;
import org.tallymq.selector.Selector;

/**
 * One client connection inside the broker. The transport calls {@link #receive} on its own thread;
 * every command is then handled on the broker's event-loop thread, in arrival order, and answered
 * with exactly one reply before any dispatch it caused (see {@link MessageQueue#requestDispatch}).
 */
final class ServerConnection implements Endpoint {

    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    final Broker broker;
    final String id;
    private final Peer client;
    private boolean connected;
    /** The protocol version of this connection, known once CONNECT is answered. */
    private int protocolVersion = 1;

    /** The shortest heartbeat period the broker agrees to: more often would be a flood, not a heartbeat. */
    static final long MIN_HEARTBEAT_MILLIS = 100;
    /** The longest: a dead client must not hold its messages for more than three times this. */
    static final long MAX_HEARTBEAT_MILLIS = 10 * 60_000;
    private boolean closed;
    /** Whether the application started the connection: only then are its consumers sent messages. */
    private boolean started;
    String clientId;
    String user;
    private long nextDeliveryId = 1;
    private final Map<Long, ServerSession> sessions = new HashMap<>();
    private final Map<Long, ServerConsumer> consumers = new HashMap<>();
    private final Set<DestinationRef> temporaries = new HashSet<>();

    ServerConnection(Broker broker, String id, Peer client) {
        this.broker = broker;
        this.id = id;
        this.client = client;
    }

    // ---- transport side (any thread) ---------------------------------------------------------

    @Override
    public void receive(Frame frame) {
        broker.execute(() -> handle(frame));
    }

    @Override
    public void peerClosed(String reason) {
        broker.execute(() -> {
            if (!closed) {
                LOG.fine(() -> "connection " + id + " from " + client.address() + " lost: " + reason);
                cleanUp(true);
            }
        });
    }

    // ---- event loop --------------------------------------------------------------------------

    boolean isStarted() {
        return started;
    }

    private void setStarted(boolean on) {
        started = on;
        if (on) {
            for (ServerConsumer c : consumers.values()) {
                c.queue.requestDispatch();
            }
        }
    }

    long nextDeliveryId() {
        return nextDeliveryId++;
    }

    void push(Command c) {
        client.send(new Frame(0, c));
    }

    private void reply(long correlationId, Reply r) {
        client.send(new Frame(correlationId, r));
    }

    private void handle(Frame frame) {
        if (closed) {
            return;
        }
        Command c = frame.command();
        Replier replier = replier(frame.correlationId(), c);
        try {
            if (!connected && !(c instanceof Command.Connect)) {
                throw new BrokerException(ErrorCode.PROTOCOL, "the first command of a connection must be CONNECT, not " + name(c));
            }
            Validation.check(c);
            dispatch(c, replier);
        } catch (BrokerException e) {
            replier.fail(e.code, e.getMessage());
            if (e.code == ErrorCode.PROTOCOL) {
                // a client that breaks the protocol is buggy or hostile: it gets its answer, then no more
                LOG.warning("connection " + id + " from " + client.address() + " closed: protocol violation: " + e.getMessage());
                cleanUp(true);
                client.close("protocol violation: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "connection " + id + " (" + client.address() + "): unexpected failure handling "
                    + name(c) + "; the command failed, the broker carries on", e);
            replier.fail(ErrorCode.GENERIC, "internal broker error handling " + name(c) + ": " + e);
        }
    }

    /** Answers a request, now or later; a one-way command (correlation id 0) is answered by nobody, failures are logged. */
    private Replier replier(long correlationId, Command c) {
        if (correlationId == 0) {
            return r -> {
                if (r instanceof Reply.Failed f) {
                    LOG.warning("connection " + id + " (" + client.address() + "): " + name(c) + " failed: " + f.message());
                }
            };
        }
        return r -> reply(correlationId, r);
    }

    /** Answers once {@code durable} completes (back on the event loop). */
    private void afterDurable(java.util.concurrent.CompletableFuture<?> durable, Runnable undo, Replier r) {
        durable.whenComplete((x, e) -> broker.execute(() -> {
            if (e == null) {
                r.ok();
            } else {
                undo.run();
                r.fail(ErrorCode.STORE_FAILURE, broker.storeFailure(durable));
            }
        }));
    }

    private static String name(Command c) {
        return c.getClass().getSimpleName();
    }

    private void dispatch(Command c, Replier r) throws BrokerException {
        if (c instanceof Command.Send s) {
            session(s.sessionId()).send(broker.checkSendable(authorizedSend(s.message())), r);
        } else if (c instanceof Command.Ack a) {
            session(a.sessionId()).acknowledge(a.deliveryIds(), r);
        } else if (c instanceof Command.Credit cr) {
            ServerConsumer consumer = consumers.get(cr.consumerId());
            if (consumer != null) {
                consumer.addCredit(cr.credits());
            }
        } else if (c instanceof Command.Pull p) {
            ServerConsumer consumer = consumer(p.consumerId());
            consumer.addCredit(p.credits());
            consumer.queue.dispatch(); // now, before the reply: receiveNoWait looks right after it
            r.ok();
        } else if (c instanceof Command.Connect cn) {
            r.reply(connect(cn));
        } else if (c instanceof Command.SetClientId s) {
            broker.claimClientId(this, s.clientId());
            r.ok();
        } else if (c instanceof Command.CreateSession cs) {
            if (sessions.containsKey(cs.sessionId())) {
                throw new BrokerException(ErrorCode.PROTOCOL, "session id " + cs.sessionId() + " is already in use");
            }
            sessions.put(cs.sessionId(), new ServerSession(cs.sessionId(), this, cs.mode()));
            r.ok();
        } else if (c instanceof Command.CloseSession cs) {
            closeSession(cs.sessionId(), cs.consumedDeliveryIds());
            r.ok();
        } else if (c instanceof Command.CreateConsumer cc) {
            createConsumer(cc, r);
        } else if (c instanceof Command.CloseConsumer cc) {
            closeConsumer(cc.consumerId(), cc.consumedDeliveryIds());
            r.ok();
        } else if (c instanceof Command.Recover rc) {
            session(rc.sessionId()).recover(rc.consumedDeliveryIds());
            r.ok();
        } else if (c instanceof Command.Commit cm) {
            transacted(cm.sessionId(), "commit").commit(cm.consumedDeliveryIds(), r);
        } else if (c instanceof Command.Rollback rb) {
            transacted(rb.sessionId(), "rollback").rollback(rb.consumedDeliveryIds());
            r.ok();
        } else if (c instanceof Command.Browse b) {
            authorize(Authorizer.Operation.BROWSE, b.queue());
            r.reply(new Reply.Browsed(broker.browse(b.queue(), parseSelector(b.selector()), this)));
        } else if (c instanceof Command.CreateTemporary t) {
            authorize(Authorizer.Operation.CREATE_TEMPORARY, t.destination());
            broker.createTemporary(t.destination(), this);
            temporaries.add(t.destination());
            r.ok();
        } else if (c instanceof Command.DeleteTemporary t) {
            broker.deleteTemporary(t.destination(), this);
            temporaries.remove(t.destination());
            r.ok();
        } else if (c instanceof Command.Unsubscribe u) {
            DestinationRef topic = broker.durableSubscriptionTopic(clientId, u.subscriptionName());
            if (topic != null) { // an unknown name fails in unsubscribe with InvalidDestinationException
                broker.config().authorizer().checkUnsubscribe(user, u.subscriptionName(), topic, client.address());
            }
            afterDurable(broker.unsubscribe(clientId, u.subscriptionName()), () -> { }, r);
        } else if (c instanceof Command.SetStarted st) {
            setStarted(st.started());
            r.ok();
        } else if (c instanceof Command.XaStart x) {
            r.reply(broker.xa().start(session(x.sessionId()), x.xid(), x.flags(), x.timeoutSeconds()));
        } else if (c instanceof Command.XaEnd x) {
            ServerSession s = sessions.get(x.sessionId());
            r.reply(s != null ? broker.xa().end(s, x.xid(), x.flags(), x.consumedDeliveryIds())
                    : broker.xa().endAfterClose(x.xid(), x.flags()));
        } else if (c instanceof Command.XaPrepare x) {
            broker.xa().prepare(x.xid(), r);
        } else if (c instanceof Command.XaCommit x) {
            broker.xa().commit(x.xid(), x.onePhase(), r);
        } else if (c instanceof Command.XaRollback x) {
            broker.xa().rollback(x.xid(), r);
        } else if (c instanceof Command.XaForget x) {
            broker.xa().forget(x.xid(), r);
        } else if (c instanceof Command.XaRecover) {
            r.reply(new Reply.Xids(broker.xa().recover()));
        } else if (c instanceof Command.SetHeartbeat h) {
            r.reply(new Reply.HeartbeatAgreed(agreeHeartbeat(h.proposedMillis())));
        } else if (c instanceof Command.Heartbeat) {
            return;
        } else if (c instanceof Command.Disconnect) {
            cleanUp(false);
            r.ok();
        } else {
            throw new BrokerException(ErrorCode.PROTOCOL, "a client may not send " + name(c));
        }
    }

    private Reply connect(Command.Connect cn) throws BrokerException {
        if (connected) {
            throw new BrokerException(ErrorCode.PROTOCOL, "CONNECT sent twice on one connection");
        }
        if (cn.protocolVersion() < 1) {
            throw new BrokerException(ErrorCode.PROTOCOL, "protocol version " + cn.protocolVersion()
                    + " does not exist; this broker speaks versions 1 to " + Codec.PROTOCOL_VERSION);
        }
        broker.authenticate(cn.user(), cn.password());
        user = cn.user();
        connected = true;
        if (cn.clientId() != null) {
            broker.claimClientId(this, cn.clientId());
        }
        protocolVersion = Math.min(cn.protocolVersion(), Codec.PROTOCOL_VERSION);
        return new Reply.Connected(id, broker.name(), protocolVersion);
    }

    /**
     * The heartbeat period both ends use from now on: the client's proposal kept within
     * [{@link #MIN_HEARTBEAT_MILLIS}, {@link #MAX_HEARTBEAT_MILLIS}] (the broker's own configured period
     * applies only to clients that do not propose one, i.e. protocol version 1).
     */
    private long agreeHeartbeat(long proposedMillis) throws BrokerException {
        if (protocolVersion < 2) {
            throw new BrokerException(ErrorCode.PROTOCOL, "SetHeartbeat on a connection that negotiated protocol version "
                    + protocolVersion + "; it exists from version 2");
        }
        long agreed = Math.max(MIN_HEARTBEAT_MILLIS, Math.min(MAX_HEARTBEAT_MILLIS, proposedMillis));
        client.heartbeat(java.time.Duration.ofMillis(agreed));
        return agreed;
    }

    private ServerSession session(long sessionId) throws BrokerException {
        ServerSession s = sessions.get(sessionId);
        if (s == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "session " + sessionId + " is closed or unknown");
        }
        return s;
    }

    private ServerSession transacted(long sessionId, String what) throws BrokerException {
        ServerSession s = session(sessionId);
        if (!s.mode.isTransacted()) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, what + " on a session that is not transacted");
        }
        return s;
    }

    private ServerConsumer consumer(long consumerId) throws BrokerException {
        ServerConsumer c = consumers.get(consumerId);
        if (c == null) {
            throw new BrokerException(ErrorCode.ILLEGAL_STATE, "consumer " + consumerId + " is closed or unknown");
        }
        return c;
    }

    static Selector parseSelector(String text) throws BrokerException {
        try {
            return Selector.parse(text);
        } catch (InvalidSelectorException e) {
            throw new BrokerException(ErrorCode.INVALID_SELECTOR, e.getMessage());
        }
    }

    private void createConsumer(Command.CreateConsumer cc, Replier r) throws BrokerException {
        ServerSession session = session(cc.sessionId());
        if (consumers.containsKey(cc.consumerId())) {
            throw new BrokerException(ErrorCode.PROTOCOL, "consumer id " + cc.consumerId() + " is already in use");
        }
        authorize(Authorizer.Operation.CONSUME, cc.destination());
        if (cc.durable()) {
            authorize(Authorizer.Operation.CREATE_DURABLE, cc.destination());
        }
        Selector selector = parseSelector(cc.selector());
        Broker.Attached attached = broker.attachConsumer(cc, session, selector);
        consumers.put(cc.consumerId(), attached.consumer());
        if (attached.durable().isDone() && !attached.durable().isCompletedExceptionally()) {
            r.ok();
        } else {
            afterDurable(attached.durable(), () -> closeConsumer(cc.consumerId(), new long[0]), r);
        }
    }

    private void authorize(Authorizer.Operation op, DestinationRef d) throws BrokerException {
        broker.config().authorizer().check(user, op, d, client.address());
    }

    /** Checks that this user may send {@code m} where it is addressed; stamps JMSXUserID when the broker does that. */
    private MessageData authorizedSend(MessageData m) throws BrokerException {
        if (m.destination() != null) {
            authorize(Authorizer.Operation.SEND, m.destination());
        }
        return broker.config().populateUserId() ? UserIds.stamp(m, user) : m;
    }

    static Selector matchAll() {
        try {
            return Selector.parse(null);
        } catch (InvalidSelectorException e) {
            throw new AssertionError("an empty selector is always valid", e);
        }
    }

    private void closeConsumer(long consumerId, long[] consumed) {
        ServerConsumer c = consumers.remove(consumerId);
        if (c == null) {
            return;
        }
        c.session.consumerClosed(c, consumed);
        broker.detachConsumer(c);
    }

    private void closeSession(long sessionId, long[] consumed) {
        ServerSession s = sessions.remove(sessionId);
        if (s == null) {
            return;
        }
        if (consumed == null) {
            s.abandon();
        } else {
            s.close(consumed);
        }
        List<Long> ids = new ArrayList<>();
        for (ServerConsumer c : consumers.values()) {
            if (c.session == s) {
                ids.add(c.id);
            }
        }
        for (long cid : ids) {
            closeConsumer(cid, new long[0]);
        }
    }

    /** The broker is stopping: end this connection as if it were lost. */
    void closedByBroker() {
        cleanUp(true);
    }

    /**
     * Ends the connection: sessions rolled back, deliveries returned, temporaries deleted, client ID freed.
     * When the connection was {@code lost} (rather than closed by its client), the XA branches it was
     * working on and had not prepared are rolled back too.
     */
    private void cleanUp(boolean lost) {
        if (closed) {
            return;
        }
        closed = true;
        if (lost) {
            broker.xa().connectionLost(this, new ArrayList<>(sessions.values()));
        }
        for (long sid : new ArrayList<>(sessions.keySet())) {
            closeSession(sid, null); // sessions still open here were not closed by the client
        }
        for (DestinationRef t : temporaries) {
            broker.dropTemporary(t);
        }
        temporaries.clear();
        broker.connectionClosed(this);
    }

    String address() {
        return client.address();
    }
}
