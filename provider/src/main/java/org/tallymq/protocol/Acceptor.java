package org.tallymq.protocol;

/** A broker as a transport sees it: it accepts connections. */
public interface Acceptor {

    /**
     * Accepts a new connection whose client is reached through {@code client}; returns the endpoint
     * the transport gives the client's frames to.
     */
    Endpoint accept(Peer client);
}
