package org.tallymq.transport.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.tallymq.protocol.Acceptor;

/**
 * Listens for Tally clients on a TCP port and hands each connection to the broker's {@link Acceptor};
 * with {@link TcpOptions#tls()} set, every connection is TLS (a plain client's connection is closed).
 * {@link #stopAccepting} stops listening; {@link #close} also closes every connection.
 */
public final class TcpAcceptor implements AutoCloseable {

    private final Channel server;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;

    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the address cannot be bound (in use, not local, no permission)
     */
    public static TcpAcceptor bind(InetSocketAddress address, Acceptor broker, TcpOptions options) throws IOException {
        ServerBootstrap b = new ServerBootstrap();
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("tally-tcp-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("tally-tcp-io", true));
        b.group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Pipelines.install(ch.pipeline(), options,
                                options.tls() == null ? null : options.tls().brokerHandler(ch.alloc()), true);
                        ch.pipeline().addLast("connection", new ConnectionHandler(ConnectionHandler.BROKER, broker::accept));
                    }
                });
        try {
            Channel ch = b.bind(address).sync().channel();
            return new TcpAcceptor(ch, boss, workers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    private TcpAcceptor(Channel server, EventLoopGroup boss, EventLoopGroup workers) {
        this.server = server;
        this.bossGroup = boss;
        this.workerGroup = workers;
    }

    /** The address actually bound (the port is chosen by the system when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /**
     * Stops accepting connections; those already open stay open (the broker can still tell them it
     * is going away). Idempotent.
     */
    public void stopAccepting() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Stops accepting and closes every connection (frames already written are flushed first). */
    @Override
    public void close() {
        stopAccepting();
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
