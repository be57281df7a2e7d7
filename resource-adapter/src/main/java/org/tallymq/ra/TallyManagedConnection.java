package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.tallymq.ra.ConnectionRequest.Kind;
import org.tallymq.ra.Handles.ConnectionHandle;
import org.tallymq.ra.Handles.ContextHandle;
import org.tallymq.ra.Handles.Handle;

/**
 * One physical connection to a Tally broker, pooled by the server (Connectors 2.1 chapter 6), serving classic
 * {@code Connection} handles and {@code JMSContext} handles alike ({@link ConnectionRequest.Kind}): both use its
 * sessions, and its one XAResource is that of its XA session.
 *
 * <p>Its session (or context) in use depends on the transaction the server has started on it:
 * <ul>
 *   <li>none: a non-transacted AUTO_ACKNOWLEDGE session (NoTransaction, and outside a container transaction);</li>
 *   <li>a local transaction ({@link #getLocalTransaction()}, LocalTransaction support): a transacted session that the
 *       server's begin/commit/rollback drive;</li>
 *   <li>an XA branch ({@link #getXAResource()}, XATransaction support): the XA session, whose work belongs to the
 *       branch between start and end.</li>
 * </ul>
 * A session handle keeps the physical session it was made on.
 *
 * <p>Threading: the server calls the SPI methods from its own threads, one at a time for a given managed
 * connection; the application uses the handles from one thread at a time, as Jakarta Messaging requires for a
 * session. The physical objects are created lazily, under this object's lock.
 */
public final class TallyManagedConnection implements ManagedConnection, ExceptionListener {

    private static final Logger LOG = Logger.getLogger(TallyManagedConnection.class.getName());

    private final TallyManagedConnectionFactory mcf;
    private final ConnectionRequest request;
    private final PhysicalConnection physical;
    private final Set<Handle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean localTransaction;
    private volatile boolean destroyed;
    private volatile boolean failed;
    private PrintWriter logWriter;

    TallyManagedConnection(TallyManagedConnectionFactory mcf, ConnectionRequest request) throws ResourceException {
        this.mcf = mcf;
        this.request = request;
        this.physical = new PhysicalConnection(mcf, request, this);
    }

    ConnectionRequest request() {
        return request;
    }

    /** True once the broker connection failed or the server destroyed this connection. */
    boolean isBroken() {
        return failed || destroyed;
    }

    /** True while a container transaction (local or XA) involves this connection's session. */
    boolean inTransaction() {
        return localTransaction || physical.inXaBranch();
    }

    // ---- used by the handles -------------------------------------------------------------------

    Connection connection() throws JMSException {
        checkAlive();
        return physical.connection();
    }

    Session session() throws JMSException {
        checkAlive();
        return localTransaction ? physical.transactedSession() : physical.autoSession();
    }

    JMSContext context() throws JMSException {
        checkAlive();
        return localTransaction ? physical.transactedContext() : physical.autoContext();
    }

    void register(Handle h) {
        handles.add(h);
    }

    /** A handle was closed by the application: the server may put this connection back in its pool. */
    void closed(Handle h, Object handleProxy) {
        if (handles.remove(h)) {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handleProxy);
            for (ConnectionEventListener l : listeners) {
                l.connectionClosed(event);
            }
        }
    }

    private void checkAlive() throws JMSException {
        if (destroyed) {
            throw new jakarta.jms.IllegalStateException("the managed connection under this handle was destroyed by "
                    + "the server (its broker connection failed or the pool shrank); get a new connection from the "
                    + "connection factory", "TALLY-RA-DESTROYED");
        }
    }

    /** The physical connection failed: tell the server, which destroys this managed connection. */
    @Override
    public void onException(JMSException exception) {
        failed = true;
        LOG.log(Level.WARNING, "Tally connection of " + mcf + " failed; the server will replace it: " + exception.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, exception);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(event);
        }
    }

    // ---- ManagedConnection -------------------------------------------------------------------------

    /**
     * A new handle of the kind this connection serves. The subject and request must match those it was made with
     * (the server's pool checks that through {@link TallyManagedConnectionFactory#matchManagedConnections}).
     */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed) {
            throw new IllegalStateException("this managed connection was destroyed");
        }
        Kind kind = info instanceof ConnectionRequest r ? r.kind() : request.kind();
        return kind == Kind.CLASSIC ? Handles.connection(this) : Handles.context(this);
    }

    /** Moves a handle from another managed connection of this factory to this one. */
    @Override
    public void associateConnection(Object connection) throws ResourceException {
        Handle h = Handles.handleOf(connection);
        if (h instanceof ConnectionHandle ch) {
            ch.managedConnection().handles.remove(ch);
            ch.reassociate(this);
            handles.add(ch);
        } else if (h instanceof ContextHandle xh) {
            xh.managedConnection().handles.remove(xh);
            xh.reassociate(this);
            handles.add(xh);
        } else {
            throw new ResourceException("cannot associate " + connection + " with a Tally managed connection: it is "
                    + "not a handle of the Tally resource adapter");
        }
    }

    /**
     * Back to the pool: invalidates every handle, rolls back a local transaction the server left open, and closes
     * what the handles made (consumers, producers); the physical connection and sessions stay for the next user.
     */
    @Override
    public void cleanup() throws ResourceException {
        for (Handle h : new ArrayList<>(handles)) {
            handles.remove(h);
            h.invalidate();
        }
        if (localTransaction) {
            localTransaction = false;
            try {
                physical.rollbackLocal();
            } catch (JMSException e) {
                throw resourceException("could not roll back the local transaction left open on cleanup", e);
            }
        }
        physical.stopQuietly();
    }

    @Override
    public void destroy() throws ResourceException {
        destroyed = true;
        for (Handle h : new ArrayList<>(handles)) {
            h.invalidate();
        }
        handles.clear();
        physical.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        try {
            return physical.xaResource();
        } catch (JMSException e) {
            throw resourceException("could not get the XAResource of the Tally session", e);
        }
    }

    /** The server's local transaction on this connection's transacted session (LocalTransaction support). */
    @Override
    public LocalTransaction getLocalTransaction() {
        return new LocalTransaction() {
            @Override
            public void begin() throws ResourceException {
                if (localTransaction) {
                    throw new LocalTransactionException("a local transaction is already active on this connection");
                }
                localTransaction = true;
            }

            @Override
            public void commit() throws ResourceException {
                end(true);
            }

            @Override
            public void rollback() throws ResourceException {
                end(false);
            }

            private void end(boolean commit) throws ResourceException {
                if (!localTransaction) {
                    throw new LocalTransactionException("no local transaction is active on this connection");
                }
                localTransaction = false;
                try {
                    if (commit) {
                        physical.commitLocal();
                    } else {
                        physical.rollbackLocal();
                    }
                } catch (JMSException e) {
                    throw resourceException("could not " + (commit ? "commit" : "roll back")
                            + " the local transaction on the Tally session", e);
                }
            }
        };
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "Tally";
            }

            @Override
            public String getEISProductVersion() {
                Package p = TallyManagedConnection.class.getPackage();
                return p.getImplementationVersion() == null ? "unknown" : p.getImplementationVersion();
            }

            @Override
            public int getMaxConnections() {
                return 0; // no limit of the broker's
            }

            @Override
            public String getUserName() {
                return request.userName();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    static ResourceException resourceException(String what, Exception cause) {
        ResourceAdapterInternalException e = new ResourceAdapterInternalException(what + ": " + cause.getMessage(), cause);
        return e;
    }

    static NotSupportedException notSupported(String what) {
        return new NotSupportedException(what);
    }
}
