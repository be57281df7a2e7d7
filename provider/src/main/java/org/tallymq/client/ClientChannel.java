package org.tallymq.client;

import jakarta.jms.JMSException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.Command.Reply;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.Peer;

/**
 * The client end of one connection: correlates requests with replies and hands what the broker
 * pushes to the connection. Frames from the broker arrive on the transport's thread in order; a
 * request's in-order hook runs on that thread when its reply arrives, before any later frame is
 * looked at (sessions use this to drop stale buffered deliveries at recover and rollback).
 *
 * <p>Thread-safe.
 */
final class ClientChannel implements Endpoint {

    /** What the connection does with frames that are not replies. */
    interface Inbound {
        void deliver(Command.Deliver d);

        void closedByBroker(String reason);

        void lost(String reason);
    }

    private record Pending(CompletableFuture<Reply> future, Runnable inOrderHook) {
    }

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Inbound inbound;
    private volatile Peer peer;
    private volatile String lostReason;

    ClientChannel(Inbound inbound) {
        this.inbound = inbound;
    }

    void connect(Function<Endpoint, Peer> connector) throws JMSException {
        try {
            this.peer = connector.apply(this);
        } catch (java.io.UncheckedIOException e) {
            throw Exceptions.wrap(e.getMessage(), e.getCause());
        }
    }

    /**
     * Protocol version 2: proposes this connection's heartbeat period to the broker and switches to the
     * period it answers. Nothing for a version-1 broker (each side keeps its own period) or a transport
     * without heartbeats.
     */
    void negotiateHeartbeat(int protocolVersion) throws JMSException {
        java.time.Duration mine = peer.heartbeat();
        if (protocolVersion < 2 || mine == null) {
            return;
        }
        Reply.HeartbeatAgreed agreed = (Reply.HeartbeatAgreed) call(new Command.SetHeartbeat(mine.toMillis()));
        if (agreed.millis() != mine.toMillis()) {
            peer.heartbeat(java.time.Duration.ofMillis(agreed.millis()));
        }
    }

    String address() {
        Peer p = peer;
        return p == null ? "(not connected)" : p.address();
    }

    /** Sends a request and waits for its reply; a failure reply becomes its JMS exception. */
    Reply call(Command c) throws JMSException {
        return call(c, null);
    }

    Reply call(Command c, Runnable inOrderHook) throws JMSException {
        CompletableFuture<Reply> f = request(c, inOrderHook);
        return await(f, c);
    }

    CompletableFuture<Reply> request(Command c, Runnable inOrderHook) throws JMSException {
        String lost = lostReason;
        if (lost != null) {
            throw new JMSException("the connection to the broker is gone (" + lost + "); "
                    + c.getClass().getSimpleName() + " was not sent");
        }
        long id = ids.incrementAndGet();
        CompletableFuture<Reply> f = new CompletableFuture<>();
        pending.put(id, new Pending(f, inOrderHook));
        try {
            peer.send(new Frame(id, c));
        } catch (RuntimeException e) {
            pending.remove(id);
            throw Exceptions.wrap("could not send " + c.getClass().getSimpleName() + " to the broker", e);
        }
        if (lostReason != null && pending.remove(id) != null) {
            f.completeExceptionally(new JMSException("the connection to the broker was lost (" + lostReason + ")"));
        }
        return f;
    }

    static Reply await(CompletableFuture<Reply> f, Command c) throws JMSException {
        Reply r;
        try {
            r = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Exceptions.wrap("interrupted while waiting for the broker to answer " + c.getClass().getSimpleName(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JMSException je) {
                throw je;
            }
            throw Exceptions.wrap("the broker did not answer " + c.getClass().getSimpleName(), e);
        }
        if (r instanceof Reply.Failed failed) {
            throw Exceptions.fromBroker(failed.code(), failed.message());
        }
        return r;
    }

    /** Sends a command that gets no reply. Errors are logged by the broker. */
    void oneWay(Command c) throws JMSException {
        if (lostReason != null) {
            throw new JMSException("the connection to the broker is gone (" + lostReason + ")");
        }
        try {
            peer.send(new Frame(0, c));
        } catch (RuntimeException e) {
            throw Exceptions.wrap("could not send " + c.getClass().getSimpleName() + " to the broker", e);
        }
    }

    void close(String reason) {
        Peer p = peer;
        if (p != null) {
            p.close(reason);
        }
        failAll("connection closed");
    }

    boolean isLost() {
        return lostReason != null;
    }

    // ---- from the transport, in order ---------------------------------------------------------

    @Override
    public void receive(Frame frame) {
        Command c = frame.command();
        if (frame.correlationId() != 0) {
            Pending p = pending.remove(frame.correlationId());
            if (p != null) {
                if (p.inOrderHook != null && !(c instanceof Reply.Failed)) {
                    p.inOrderHook.run();
                }
                p.future.complete((Reply) c);
            }
        } else if (c instanceof Command.Deliver d) {
            inbound.deliver(d);
        } else if (c instanceof Command.ConnectionClosedByBroker cb) {
            lostReason = cb.reason();
            failAll(cb.reason());
            inbound.closedByBroker(cb.reason());
        }
    }

    @Override
    public void peerClosed(String reason) {
        if (lostReason == null) {
            lostReason = reason;
        }
        failAll(reason);
        inbound.lost(reason);
    }

    private void failAll(String reason) {
        for (Long id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.future.completeExceptionally(new JMSException("the connection to the broker was lost before it answered ("
                        + reason + "); the outcome of the request is unknown"));
            }
        }
    }
}
