package org.tallymq.transport.tcp;

import io.netty.channel.Channel;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.Peer;

/** The far side of a TCP connection. Thread-safe: Netty queues writes from other threads in order. */
final class TcpPeer implements Peer {

    private final Channel channel;
    private volatile String closeReason;

    TcpPeer(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(Frame frame) {
        if (!channel.isActive()) {
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

    String closeReason() {
        return closeReason;
    }

    @Override
    public String address() {
        return ConnectionHandler.remote(channel);
    }
}
