package org.tallymq.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.Peer;
import org.tallymq.protocol.ProtocolException;

/**
 * The last handler of a connection's pipeline, on either side: gives decoded frames to the
 * {@link Endpoint} in order (on this channel's event-loop thread), sends heartbeats when idle,
 * and closes the connection — this one only — on a malformed frame or a silent peer, logging why
 * and with whom.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<Frame> {

    private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());
    private static final Frame HEARTBEAT = new Frame(0, new Command.Heartbeat());

    static final String BROKER = "broker";
    static final String CLIENT = "client";

    private final Function<Peer, Endpoint> endpointFactory;
    private final String side;
    private Endpoint endpoint;
    private TcpPeer peer;

    ConnectionHandler(String side, Function<Peer, Endpoint> endpointFactory) {
        this.side = side;
        this.endpointFactory = endpointFactory;
    }

    TcpPeer peer() {
        return peer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = new TcpPeer(ctx.channel(), BROKER.equals(side));
        endpoint = endpointFactory.apply(peer);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
        if (frame.command() instanceof Command.Heartbeat) {
            return;
        }
        endpoint.receive(frame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (endpoint != null) {
            endpoint.peerClosed(peer.closeReason() != null ? peer.closeReason() : "connection closed by " + remote(ctx.channel()));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(HEARTBEAT);
            } else if (e.state() == IdleState.READER_IDLE) {
                String why = "no frame or heartbeat from " + remote(ctx.channel()) + " within the dead-peer timeout";
                LOG.warning(side + ": closing connection: " + why);
                peer.close(why);
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String why;
        if (root instanceof NotSslRecordException) {
            why = "not a TLS connection from " + remote(ctx.channel()) + ": this port requires TLS (a client without"
                    + " ssl=true in its URL?)";
            LOG.warning(side + ": closing connection: " + why);
        } else if (TlsContext.isHandshakeFailure(root)) {
            why = TlsContext.explainHandshakeFailure(root, remote(ctx.channel()), CLIENT.equals(side));
            if (BROKER.equals(side)) {
                LOG.warning(side + ": closing connection: " + why);
            } else {
                LOG.fine(side + ": " + why); // the connecting thread reports it
            }
        } else if (root instanceof ProtocolException || root instanceof TooLongFrameException
                || root instanceof io.netty.handler.codec.CorruptedFrameException) {
            why = "bad frame from " + remote(ctx.channel()) + ": " + root.getMessage();
            LOG.warning(side + ": closing connection: " + why);
        } else if (root instanceof java.io.IOException) {
            why = "I/O error with " + remote(ctx.channel()) + ": " + root.getMessage();
            LOG.fine(side + ": " + why);
        } else {
            why = "unexpected error on the connection with " + remote(ctx.channel()) + ": " + root;
            LOG.log(Level.WARNING, side + ": closing connection: " + why, root);
        }
        peer.close(why);
    }

    static String remote(Channel ch) {
        return String.valueOf(ch.remoteAddress()).replaceFirst("^/", "");
    }
}
