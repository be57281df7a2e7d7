package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.tallymq.ra.ConnectionRequest.Kind;

/**
 * The Tally objects under one {@link TallyManagedConnection}, made on first use. For classic handles: an XA
 * connection and its XA session, which is the session of the handles outside a transaction (a Tally XA session
 * then behaves as a non-transacted AUTO_ACKNOWLEDGE session) and inside an XA branch; for local transactions a
 * transacted session of the same connection. For JMSContext handles: an XAJMSContext, and for local transactions a
 * SESSION_TRANSACTED context. The managed connection's one XAResource is that of its XA session or XAJMSContext.
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
            // connect now, so the server learns at once that the broker cannot be reached
            if (request.kind() == Kind.CLASSIC) {
                connection();
            } else {
                autoContext();
            }
        } catch (JMSException | JMSRuntimeException e) {
            throw TallyManagedConnection.resourceException("could not connect to the Tally broker at "
                    + mcf.effectiveConnectionURL() + " (is it running, and is the resource adapter's ConnectionURL "
                    + "right?)", e instanceof JMSException j ? j : new JMSException(e.getMessage()));
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

    synchronized JMSContext autoContext() throws JMSException {
        if (autoContext == null) {
            autoContext = mcf.physicalFactory() instanceof XAConnectionFactory xa
                    ? xa.createXAContext(request.userName(), request.password())
                    : mcf.physicalFactory().createContext(request.userName(), request.password(),
                    JMSContext.AUTO_ACKNOWLEDGE);
            autoContext.setExceptionListener(owner);
        }
        return autoContext;
    }

    /** A SESSION_TRANSACTED context for local transactions (its own connection when the base context is XA). */
    synchronized JMSContext transactedContext() throws JMSException {
        if (transactedContext == null) {
            transactedContext = autoContext() instanceof XAJMSContext
                    ? mcf.physicalFactory().createContext(request.userName(), request.password(),
                    JMSContext.SESSION_TRANSACTED)
                    : autoContext().createContext(JMSContext.SESSION_TRANSACTED); // same connection
        }
        return transactedContext;
    }

    synchronized void commitLocal() throws JMSException {
        try {
            if (transactedSession != null) {
                transactedSession.commit();
            }
            if (transactedContext != null) {
                transactedContext.commit();
            }
        } catch (JMSRuntimeException e) {
            throw jms(e);
        }
    }

    synchronized void rollbackLocal() throws JMSException {
        try {
            if (transactedSession != null) {
                transactedSession.rollback();
            }
            if (transactedContext != null) {
                transactedContext.rollback();
            }
        } catch (JMSRuntimeException e) {
            throw jms(e);
        }
    }

    /** The one XAResource of this managed connection: of its XA session (classic) or its XAJMSContext. */
    synchronized XAResource xaResource() throws JMSException {
        if (xaResource == null) {
            XAResource tally;
            if (request.kind() == Kind.CLASSIC) {
                autoSession();
                if (xaSession == null) {
                    throw new JMSException("the Tally connection factory of " + mcf + " is not an XAConnectionFactory");
                }
                tally = xaSession.getXAResource();
            } else if (autoContext() instanceof XAJMSContext x) {
                tally = x.getXAResource();
            } else {
                throw new JMSException("the Tally connection factory of " + mcf + " is not an XAConnectionFactory");
            }
            xaResource = new BranchTracker(tally);
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
            if (transactedContext != null) {
                transactedContext.close();
            }
            if (autoContext != null) {
                autoContext.close();
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

    private static JMSException jms(JMSRuntimeException e) {
        JMSException j = new JMSException(e.getMessage(), e.getErrorCode());
        j.initCause(e);
        return j;
    }
}
