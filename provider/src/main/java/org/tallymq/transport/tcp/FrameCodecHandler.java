package org.tallymq.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Frame;

/**
 * Between Netty's length-field framing and the connection handler: a frame body (length prefix
 * already stripped and checked by {@link io.netty.handler.codec.LengthFieldBasedFrameDecoder}) to a
 * {@link Frame}, and a Frame to its bytes. A malformed body raises
 * {@link org.tallymq.protocol.ProtocolException}, which the connection handler reports and answers
 * by closing this connection only.
 */
final class FrameCodecHandler extends MessageToMessageCodec<ByteBuf, Frame> {

    private final int maxFrameBytes;

    FrameCodecHandler(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(Codec.encode(frame)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) throws Exception {
        out.add(Codec.decode(body.nioBuffer(), maxFrameBytes));
    }
}
