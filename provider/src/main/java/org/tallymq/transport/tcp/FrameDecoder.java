package org.tallymq.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;
import org.tallymq.protocol.Codec;

/**
 * Cuts the byte stream into frame bodies at their 4-byte length prefix (stripped before the body
 * goes on), refusing a length above the maximum before a byte of the body is buffered. On the broker
 * side a stricter limit holds until the broker has answered CONNECT: a peer that has not
 * authenticated may send only small frames, so it cannot make the broker buffer 16 MiB per
 * connection.
 *
 * <p>Threading: confined to its channel's event loop, as every Netty handler ({@link #connected} is
 * called there by {@link FrameCodecHandler} when CONNECTED is written).
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    private final int preConnectMax;
    private boolean connected;
    private boolean failed;

    /**
     * @param maxFrameBytes the largest frame body
     * @param preConnectMax the largest frame body before {@link #connected}; {@code >= maxFrameBytes} for no
     *                      separate limit (client side)
     */
    FrameDecoder(int maxFrameBytes, int preConnectMax) {
        super(maxFrameBytes, 0, Codec.LENGTH_PREFIX_BYTES, 0, Codec.LENGTH_PREFIX_BYTES, true);
        this.preConnectMax = preConnectMax;
        this.connected = preConnectMax >= maxFrameBytes;
    }

    /** The broker has accepted the peer's CONNECT: from now on frames up to the full maximum are read. */
    void connected() {
        connected = true;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) { // the connection is being closed: read nothing more
            in.skipBytes(in.readableBytes());
            return null;
        }
        return super.decode(ctx, in);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long n = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (!connected && n > preConnectMax) {
            failed = true;
            throw new TooLongFrameException("frame of " + n + " bytes before CONNECT was answered; a peer that has not"
                    + " authenticated may send at most " + preConnectMax + " bytes per frame");
        }
        return n;
    }
}
