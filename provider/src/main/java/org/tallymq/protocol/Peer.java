package org.tallymq.protocol;

/**
 * The far side of one connection, as a transport presents it: frames given to {@link #send}
 * arrive at the other side's {@link Endpoint} in the order they were sent.
 *
 * <p>Thread-safe: {@link #send} may be called from any thread and never blocks on the peer's work.
 */
public interface Peer {

    void send(Frame frame);

    /** Closes the connection; the other side's {@link Endpoint#peerClosed} is called once. */
    void close(String reason);

    /** Where the peer is, for logs ("vm://default", "127.0.0.1:50123"). */
    String address();

    /**
     * The heartbeat period of this connection: null for a transport without heartbeats (in-VM).
     * The client proposes it to the broker (protocol version 2).
     */
    default java.time.Duration heartbeat() {
        return null;
    }

    /**
     * Changes the heartbeat period of this connection to the one both ends agreed on: a heartbeat after
     * {@code period} of sending nothing, the peer declared dead after three periods of silence. A
     * transport without heartbeats ignores it. Any thread.
     */
    default void heartbeat(java.time.Duration period) {
    }
}
