package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pool's view of a managed connection (Connectors 2.1 chapter 6), against an embedded broker. */
class ManagedConnectionTest {

    private static TallyManagedConnectionFactory mcf() {
        TallyManagedConnectionFactory mcf = new TallyManagedConnectionFactory();
        mcf.setConnectionURL("vm://ra-unit-mc?persistent=false");
        return mcf;
    }

    /** Records the events a server's pool would get. */
    static final class Events implements ConnectionEventListener {
        final List<ConnectionEvent> events = new ArrayList<>();

        @Override
        public void connectionClosed(ConnectionEvent event) {
            events.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            events.add(event);
        }
    }

    @Test
    @DisplayName("matching: the same credentials match whatever the kind of handle; other credentials do not")
    void matching() throws ResourceException {
        TallyManagedConnectionFactory mcf = mcf();
        ConnectionRequest classic = new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, null, null);
        TallyManagedConnection mc = (TallyManagedConnection) mcf.createManagedConnection(null, classic);
        try {
            assertSame(mc, mcf.matchManagedConnections(Set.of(mc), null,
                    new ConnectionRequest(ConnectionRequest.Kind.CONTEXT, null, null)));
            assertNull(mcf.matchManagedConnections(Set.of(mc), null,
                    new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, "alice", "pw")));
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("closing a handle sends CONNECTION_CLOSED with that handle; a broker failure sends "
            + "CONNECTION_ERROR_OCCURRED and makes the connection invalid; a destroyed one's handles are dead")
    void eventsAndInvalidation() throws ResourceException, JMSException {
        TallyManagedConnectionFactory mcf = mcf();
        TallyManagedConnection mc = (TallyManagedConnection) mcf.createManagedConnection(null, null);
        Events events = new Events();
        mc.addConnectionEventListener(events);
        Connection handle = (Connection) mc.getConnection(null, null);
        handle.close();
        assertEquals(1, events.events.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, events.events.get(0).getId());
        assertSame(handle, events.events.get(0).getConnectionHandle());
        assertTrue(mcf.getInvalidConnections(Set.of(mc)).isEmpty());

        mc.onException(new JMSException("connection to the broker lost"));
        assertEquals(ConnectionEvent.CONNECTION_ERROR_OCCURRED, events.events.get(1).getId());
        assertEquals(Set.of(mc), mcf.getInvalidConnections(Set.of(mc)));

        Connection second = (Connection) mc.getConnection(null, null);
        mc.destroy();
        assertThrows(IllegalStateException.class, second::createSession);
    }
}
