package org.tallymq.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.Frame;

/**
 * Between the length-field framing ({@link FrameDecoder}) and the connection handler: a frame body
 * (length prefix already stripped and checked) to a {@link Frame}, and a Frame to its bytes. A
 * malformed body raises {@link org.tallymq.protocol.ProtocolException}, which the connection handler
 * reports and answers by closing this connection only.
 */
final class FrameCodecHandler extends MessageToMessageCodec<ByteBuf, Frame> {

    private final int maxFrameBytes;
    private final Runnable onConnected;

    /** @param onConnected broker side: run (on the event loop) when CONNECTED is written, or null */
    FrameCodecHandler(int maxFrameBytes, Runnable onConnected) {
        this.maxFrameBytes = maxFrameBytes;
        this.onConnected = onConnected;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (onConnected != null && frame.command() instanceof Command.Reply.Connected) {
            onConnected.run();
        }
        out.add(Unpooled.wrappedBuffer(Codec.encode(frame)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf body, List<Object> out) throws Exception {
        out.add(Codec.decode(body.nioBuffer(), maxFrameBytes));
    }
}
