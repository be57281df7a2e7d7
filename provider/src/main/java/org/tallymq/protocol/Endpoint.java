package org.tallymq.protocol;

/**
 * What receives the frames of one connection. A transport calls these methods from one thread at a
 * time per connection, in the order the peer sent the frames; implementations must not block.
 */
public interface Endpoint {

    void receive(Frame frame);

    /** The connection is gone (closed by either side, or lost). Called once; no frame follows. */
    void peerClosed(String reason);
}
