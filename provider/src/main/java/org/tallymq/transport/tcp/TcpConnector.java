package org.tallymq.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Peer;

/**
 * Opens client connections to a broker over TCP (with TLS when {@link TcpOptions#tls()} is set). All client connections of the JVM share one
 * small group of I/O threads (daemon threads, so an application that forgets to close still exits).
 */
public final class TcpConnector {

    private static final EventLoopGroup IO = new NioEventLoopGroup(0, new DefaultThreadFactory("tally-client-io", true));
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    private TcpConnector() {
    }

    /**
     * Waits for the TLS handshake, so that a certificate problem fails the connect with a message that
     * says so (and not a later request with "connection lost").
     */
    private static void awaitHandshake(Channel ch, String peer) throws InterruptedException, TlsFailure {
        Future<Channel> done = ch.pipeline().get(SslHandler.class).handshakeFuture();
        if (!done.await(HANDSHAKE_TIMEOUT_MS)) {
            ch.close();
            throw new TlsFailure("TLS handshake with " + peer + " did not complete within " + HANDSHAKE_TIMEOUT_MS
                    + " ms (is that port a Tally broker with TLS?)", null);
        }
        if (!done.isSuccess()) {
            ch.close();
            throw new TlsFailure(TlsContext.explainHandshakeFailure(done.cause(), peer, true), done.cause());
        }
    }

    private static final class TlsFailure extends Exception {
        TlsFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Connects and returns the peer through which the client sends; frames from the broker go to
     * {@code client} on the connection's I/O thread, in order.
     *
     * @throws IOException when the broker cannot be reached, or the TLS handshake fails (the message
     *                     says why: an untrusted certificate, a host name mismatch, a broker without TLS)
     */
    public static Peer connect(String host, int port, Endpoint client, TcpOptions options) throws IOException {
        ConnectionHandler handler = new ConnectionHandler(ConnectionHandler.CLIENT, peer -> client);
        Bootstrap b = new Bootstrap()
                .group(IO)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Pipelines.install(ch.pipeline(), options,
                                options.tls() == null ? null : options.tls().clientHandler(host, port), false);
                        ch.pipeline().addLast("connection", handler);
                    }
                });
        try {
            Channel ch = b.connect(host, port).sync().channel();
            if (options.tls() != null) {
                awaitHandshake(ch, host + ":" + port);
            }
            return handler.peer() != null ? handler.peer() : new TcpPeer(ch, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + host + ":" + port, e);
        } catch (TlsFailure e) {
            throw new IOException(e.getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IOException("cannot connect to a Tally broker at " + host + ":" + port + ": " + e.getMessage()
                    + " (is the broker running, and is that its address?)", e);
        }
    }
}
