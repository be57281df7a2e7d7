package org.tallymq.tck.ch06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;
import org.tallymq.tck.Tck;

/** Spec 6.1.2 "Client identifier" and the javadoc of {@code Connection.setClientID}. */
@DisplayName("6.1.2 Client identifier")
class ClientIdentifierTest extends ClassicSupport {

    @Test
    @DisplayName("6.1.2 A client ID set right after creating the connection is returned by getClientID")
    void setImmediatelyAfterCreation() throws JMSException {
        Connection c = connection();
        String id = Tck.uniqueName("cid");
        c.setClientID(id);
        assertEquals(id, c.getClientID());
        c.createSession(false, Session.AUTO_ACKNOWLEDGE).close(); // the connection is usable with it
    }

    @Test
    @DisplayName("6.1.2 Setting the client ID after another action (createSession) → IllegalStateException")
    void setAfterCreateSession() throws JMSException {
        Connection c = connection();
        c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(IllegalStateException.class, () -> c.setClientID(Tck.uniqueName("late")));
    }

    @Test
    @DisplayName("6.1.2 Setting the client ID after start() → IllegalStateException")
    void setAfterStart() throws JMSException {
        Connection c = connection();
        c.start();
        assertThrows(IllegalStateException.class, () -> c.setClientID(Tck.uniqueName("late")));
    }

    @Test
    @DisplayName("6.1.2 A client ID can be set only once → second setClientID throws IllegalStateException")
    void setTwice() throws JMSException {
        Connection c = connection();
        c.setClientID(Tck.uniqueName("first"));
        assertThrows(IllegalStateException.class, () -> c.setClientID(Tck.uniqueName("second")));
    }

    @Test
    @DisplayName("6.1.2 A client ID in use by another running connection → InvalidClientIDException (javadoc setClientID)")
    void duplicateClientId() throws JMSException {
        String id = Tck.uniqueName("dup");
        Connection first = connection();
        first.setClientID(id);
        first.start();
        Connection second = connection();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID(id));
    }

    @Test
    @DisplayName("6.1.2 A client ID becomes free again once the connection holding it is closed")
    void clientIdReusableAfterClose() throws JMSException {
        String id = Tck.uniqueName("reuse");
        Connection first = connection();
        first.setClientID(id);
        first.start();
        first.close();
        Connection second = connection();
        second.setClientID(id);
        assertEquals(id, second.getClientID());
    }

    @Test
    @DisplayName("6.1.2 An administratively configured client ID is reported by getClientID")
    void administrativeClientIdIsVisible() throws JMSException {
        Connection c = track(Tck.clientIdConnectionFactory().createConnection());
        assertEquals("tck-admin-id", c.getClientID());
    }

    @Test
    @DisplayName("6.1.2 An administratively configured client ID cannot be changed → IllegalStateException")
    void administrativeClientIdCannotBeChanged() throws JMSException {
        Connection c = track(Tck.clientIdConnectionFactory().createConnection());
        assertThrows(IllegalStateException.class, () -> c.setClientID(Tck.uniqueName("override")));
        assertEquals("tck-admin-id", c.getClientID());
    }

    @Test
    @DisplayName("6.1.8 setClientID on a closed connection → IllegalStateException")
    void setOnClosedConnection() throws JMSException {
        Connection c = connection();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.setClientID(Tck.uniqueName("closed")));
    }
}
