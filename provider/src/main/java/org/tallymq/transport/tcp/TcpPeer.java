package org.tallymq.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.Peer;

/**
 * The far side of a TCP connection. Thread-safe: Netty queues writes from other threads in order.
 *
 * <p>A frame sent after the connection closed is dropped when this peer is held by the broker (the
 * broker answers commands that were in flight when the connection broke; its endpoint learns of the
 * close through {@code peerClosed}), as the in-VM transport does; a client's send to a closed
 * connection throws, so the caller learns at once that its request did not go out.
 */
final class TcpPeer implements Peer {

    private final Channel channel;
    private final boolean dropWhenClosed;
    private volatile String closeReason;

    TcpPeer(Channel channel, boolean dropWhenClosed) {
        this.channel = channel;
        this.dropWhenClosed = dropWhenClosed;
    }

    @Override
    public void send(Frame frame) {
        if (!channel.isActive()) {
            if (dropWhenClosed) {
                return;
            }
            throw new IllegalStateException("the connection to " + address() + " is closed"
                    + (closeReason == null ? "" : " (" + closeReason + ")"));
        }
        channel.writeAndFlush(frame);
    }

    @Override
    public void close(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        channel.close();
    }

    /** The writer-idle period of this connection's heartbeat handler. */
    @Override
    public Duration heartbeat() {
        ChannelHandler h = channel.pipeline().get(Pipelines.IDLE);
        return h instanceof IdleStateHandler idle ? Duration.ofMillis(idle.getWriterIdleTimeInMillis()) : null;
    }

    /** Replaces the heartbeat handler (on the channel's event loop; its idle timers start afresh). */
    @Override
    public void heartbeat(Duration period) {
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(Pipelines.IDLE) != null) {
                channel.pipeline().replace(Pipelines.IDLE, Pipelines.IDLE, Pipelines.idle(period));
            }
        });
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public String address() {
        return ConnectionHandler.remote(channel);
    }
}
