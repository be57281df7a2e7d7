package org.tallymq.client;

import jakarta.jms.JMSException;

/**
 * The connection under one or more {@link TallyJMSContext}s: the first context opens it, each
 * {@code JMSContext.createContext(int)} adds a user, and the connection closes when its last
 * context closes (JMSContext.close javadoc: "If there are no other active (not closed)
 * JMSContext objects using the underlying connection then this method also closes the
 * underlying connection").
 *
 * <p>Invariant: {@code users > 0} exactly while the connection is open; once it reaches 0 the
 * connection is closed (or being closed) and {@link #retain()} fails.
 *
 * <p>Thread-safe: contexts sharing a connection may be used, and closed, from different threads.
 */
final class SharedConnection {

    final TallyConnection connection;
    private int users = 1; // guarded by this

    SharedConnection(TallyConnection connection) {
        this.connection = connection;
    }

    /**
     * Adds a context to the connection.
     *
     * @throws jakarta.jms.IllegalStateRuntimeException if the last context has already closed it
     */
    synchronized void retain() {
        if (users == 0) {
            throw RuntimeExceptions.closed("connection of this JMSContext");
        }
        users++;
    }

    /** Removes a context; the last one out closes the connection. */
    void release() throws JMSException {
        synchronized (this) {
            if (users == 0) {
                return;
            }
            users--;
            if (users > 0) {
                return;
            }
        }
        connection.close();
    }

    synchronized int users() {
        return users;
    }
}
