package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The Tally objects under one {@link TallyManagedConnection}: an XA connection (made at once) and, on first use,
 * its XA session, which is the session of the handles outside a transaction (a Tally XA session then behaves as a
 * non-transacted AUTO_ACKNOWLEDGE session) and inside an XA branch, and for local transactions a transacted
 * session of the same connection. JMSContext handles see the same sessions through a {@link SessionContext}, so
 * the managed connection's one XAResource (its XA session's) covers both kinds of handle.
 *
 * <p>Thread-safe: every method locks this object (the server and the application's thread may meet here).
 */
final class PhysicalConnection {

    private static final Logger LOG = Logger.getLogger(PhysicalConnection.class.getName());

    private final TallyManagedConnectionFactory mcf;
    private final ConnectionRequest request;
    private final TallyManagedConnection owner;

    private Connection connection;
    private XASession xaSession;
    private BranchTracker xaResource;
    private Session autoSession;
    private Session transactedSession;
    private JMSContext autoContext;
    private JMSContext transactedContext;

    PhysicalConnection(TallyManagedConnectionFactory mcf, ConnectionRequest request, TallyManagedConnection owner)
            throws ResourceException {
        this.mcf = mcf;
        this.request = request;
        this.owner = owner;
        try {
            connection(); // connect now, so the server learns at once that the broker cannot be reached
        } catch (JMSException e) {
            throw TallyManagedConnection.resourceException("could not connect to the Tally broker at "
                    + mcf.effectiveConnectionURL() + " (is it running, and is the resource adapter's ConnectionURL "
                    + "right?)", e);
        }
    }

    synchronized Connection connection() throws JMSException {
        if (connection == null) {
            connection = mcf.physicalFactory() instanceof XAConnectionFactory xa
                    ? xa.createXAConnection(request.userName(), request.password())
                    : mcf.physicalFactory().createConnection(request.userName(), request.password());
            connection.setExceptionListener(owner);
        }
        return connection;
    }

    /** The session of the handles outside a local transaction: the XA session where XA is available. */
    synchronized Session autoSession() throws JMSException {
        if (autoSession == null) {
            if (connection() instanceof XAConnection xc) {
                xaSession = xc.createXASession();
                autoSession = xaSession;
            } else {
                autoSession = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
            }
        }
        return autoSession;
    }

    synchronized Session transactedSession() throws JMSException {
        if (transactedSession == null) {
            transactedSession = connection().createSession(true, Session.SESSION_TRANSACTED);
        }
        return transactedSession;
    }

    /** The JMSContext of the handles outside a local transaction: over the XA (or AUTO_ACKNOWLEDGE) session. */
    synchronized JMSContext autoContext() throws JMSException {
        if (autoContext == null) {
            autoContext = new SessionContext(connection(), autoSession());
        }
        return autoContext;
    }

    /** The JMSContext of the handles in a local transaction: over the transacted session. */
    synchronized JMSContext transactedContext() throws JMSException {
        if (transactedContext == null) {
            transactedContext = new SessionContext(connection(), transactedSession());
        }
        return transactedContext;
    }

    synchronized void commitLocal() throws JMSException {
        if (transactedSession != null) {
            transactedSession.commit();
        }
    }

    synchronized void rollbackLocal() throws JMSException {
        if (transactedSession != null) {
            transactedSession.rollback();
        }
    }

    /** The one XAResource of this managed connection: that of its XA session, under both kinds of handle. */
    synchronized XAResource xaResource() throws JMSException {
        if (xaResource == null) {
            autoSession();
            if (xaSession == null) {
                throw new JMSException("the Tally connection factory of " + mcf + " is not an XAConnectionFactory");
            }
            xaResource = new BranchTracker(xaSession.getXAResource());
        }
        return xaResource;
    }

    boolean inXaBranch() {
        BranchTracker t = xaResource;
        return t != null && t.inBranch();
    }

    /** The pool takes the connection back: a later user starts it again, as for a new connection. */
    synchronized void stopQuietly() {
        if (connection != null) {
            try {
                connection.stop();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "could not stop a pooled Tally connection", e);
            }
        }
    }

    synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.FINE, "could not close a Tally connection the server destroyed", e);
        } finally {
            connection = null;
            xaSession = null;
            xaResource = null;
            autoSession = null;
            transactedSession = null;
            autoContext = null;
            transactedContext = null;
        }
    }
}
