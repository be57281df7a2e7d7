package org.tallymq.transport.tcp;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.tallymq.protocol.Codec;

/** The handlers every Tally TCP connection has, client or broker side. */
final class Pipelines {

    private Pipelines() {
    }

    static void install(ChannelPipeline p, TcpOptions options) {
        long hb = options.heartbeat().toMillis();
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast("idle", new IdleStateHandler(3 * hb, hb, 0, TimeUnit.MILLISECONDS));
        // length prefix: 4 bytes, not counting itself; stripped before the body goes on
        p.addLast("frames", new LengthFieldBasedFrameDecoder(options.maxFrameBytes(), 0,
                Codec.LENGTH_PREFIX_BYTES, 0, Codec.LENGTH_PREFIX_BYTES, true));
        p.addLast("codec", new FrameCodecHandler(options.maxFrameBytes()));
    }
}
