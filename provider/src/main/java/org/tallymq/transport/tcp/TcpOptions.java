package org.tallymq.transport.tcp;

import java.time.Duration;

/**
 * Settings shared by both ends of a TCP connection.
 *
 * @param maxFrameBytes the largest frame body accepted; a longer frame closes the connection
 * @param heartbeat     send a heartbeat after this long without sending anything; declare the peer
 *                      dead after three times this long without hearing anything
 */
public record TcpOptions(int maxFrameBytes, Duration heartbeat) {

    public static final int DEFAULT_PORT = 61716;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    public static TcpOptions defaults() {
        return new TcpOptions(DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10));
    }

    public TcpOptions withHeartbeat(Duration d) {
        return new TcpOptions(maxFrameBytes, d);
    }

    public TcpOptions withMaxFrameBytes(int max) {
        return new TcpOptions(max, heartbeat);
    }
}
