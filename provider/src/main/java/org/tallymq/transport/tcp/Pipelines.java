package org.tallymq.transport.tcp;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The handlers every Tally TCP connection has, client or broker side. */
final class Pipelines {

    static final String IDLE = "idle";

    private Pipelines() {
    }

    /**
     * @param ssl       the connection's TLS handler, first in the pipeline, or null for plain TCP
     * @param brokerSide whether this is the broker's end (then the pre-CONNECT frame limit applies)
     */
    static void install(ChannelPipeline p, TcpOptions options, SslHandler ssl, boolean brokerSide) {
        if (ssl != null) {
            p.addLast("tls", ssl);
        }
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast(IDLE, idle(options.heartbeat()));
        FrameDecoder frames = new FrameDecoder(options.maxFrameBytes(),
                brokerSide ? options.maxPreConnectFrameBytes() : options.maxFrameBytes());
        p.addLast("frames", frames);
        p.addLast("codec", new FrameCodecHandler(options.maxFrameBytes(), brokerSide ? frames::connected : null));
    }

    /** Writes a heartbeat after {@code period} of sending nothing; the peer is dead after three periods of silence. */
    static IdleStateHandler idle(Duration period) {
        long hb = period.toMillis();
        return new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS);
    }
}
