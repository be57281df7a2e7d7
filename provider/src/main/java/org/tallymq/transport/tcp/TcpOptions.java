package org.tallymq.transport.tcp;

import java.time.Duration;

/**
 * Settings of one end of a TCP connection.
 *
 * @param maxFrameBytes          the largest frame body accepted; a longer frame closes the connection
 * @param heartbeat              send a heartbeat after this long without sending anything; declare the peer
 *                               dead after three times this long without hearing anything. A broker uses it
 *                               for clients that do not negotiate (protocol version 1); on a connection whose
 *                               client proposed a period, both ends use the agreed one instead
 * @param maxPreConnectFrameBytes broker only: the largest frame body accepted before the broker has answered
 *                               CONNECT (an unauthenticated peer cannot make the broker buffer 16 MiB)
 * @param tls                    TLS on this connection, or null for plain TCP
 */
public record TcpOptions(int maxFrameBytes, Duration heartbeat, int maxPreConnectFrameBytes, TlsContext tls) {

    public static final int DEFAULT_PORT = 61716;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_PRE_CONNECT_FRAME_BYTES = 64 * 1024;

    public TcpOptions {
        if (maxPreConnectFrameBytes > maxFrameBytes) {
            maxPreConnectFrameBytes = maxFrameBytes;
        }
    }

    public static TcpOptions defaults() {
        return new TcpOptions(DEFAULT_MAX_FRAME_BYTES, Duration.ofSeconds(10), DEFAULT_MAX_PRE_CONNECT_FRAME_BYTES, null);
    }

    public TcpOptions withHeartbeat(Duration d) {
        return new TcpOptions(maxFrameBytes, d, maxPreConnectFrameBytes, tls);
    }

    public TcpOptions withMaxFrameBytes(int max) {
        return new TcpOptions(max, heartbeat, maxPreConnectFrameBytes, tls);
    }

    public TcpOptions withMaxPreConnectFrameBytes(int max) {
        return new TcpOptions(maxFrameBytes, heartbeat, max, tls);
    }

    /** The same settings with TLS ({@code null}: plain TCP). */
    public TcpOptions withTls(TlsContext context) {
        return new TcpOptions(maxFrameBytes, heartbeat, maxPreConnectFrameBytes, context);
    }
}
