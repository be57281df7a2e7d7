package org.tallymq.jta;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * Gives Narayana's recovery scans one named XAResource of a Tally broker, from an XA connection it opens on
 * the first scan and keeps open. When the connection fails (the broker stopped, the network broke), the next
 * scan opens a new one; while the broker cannot be reached a scan gets no resource, which Narayana treats as
 * "try again next period" (a branch is never assumed complete unless a resource of its name was scanned).
 *
 * <p>Threading: called by Narayana's recovery thread; {@link #close()} may come from any thread. All methods
 * are synchronized.
 */
final class TallyRecoveryHelper implements XAResourceRecoveryHelper {

    private static final Logger LOG = Logger.getLogger(TallyRecoveryHelper.class.getName());
    private static final XAResource[] NONE = new XAResource[0];

    private final XAConnectionFactory factory;
    private final String name;
    private XAConnection connection;
    private NamedXAResource resource;
    private boolean broken;
    private boolean unreachableLogged;
    private boolean closed;

    TallyRecoveryHelper(XAConnectionFactory factory, String name) {
        this.factory = factory;
        this.name = name;
    }

    @Override
    public boolean initialise(String parameter) {
        return true;
    }

    @Override
    public synchronized XAResource[] getXAResources() {
        if (closed) {
            return NONE;
        }
        if (connection != null && broken) {
            closeConnection();
        }
        if (connection == null) {
            try {
                open();
            } catch (JMSException | RuntimeException e) {
                closeConnection();
                if (!unreachableLogged) {
                    unreachableLogged = true;
                    LOG.log(Level.WARNING, "XA recovery of Tally resource '" + name + "': cannot connect to the broker ("
                            + e.getMessage() + "); its in-doubt branches wait until it can be reached (retried every recovery period)", e);
                }
                return NONE;
            }
            if (unreachableLogged) {
                unreachableLogged = false;
                LOG.info("XA recovery of Tally resource '" + name + "': connected to the broker again");
            }
        }
        return new XAResource[] {resource};
    }

    private void open() throws JMSException {
        connection = factory.createXAConnection();
        broken = false;
        connection.setExceptionListener(e -> markBroken());
        XASession session = connection.createXASession();
        resource = TallyRecovery.named(session.getXAResource(), name);
    }

    private synchronized void markBroken() {
        broken = true;
    }

    /** Closes the recovery connection; later scans get no resource. */
    synchronized void close() {
        closed = true;
        closeConnection();
    }

    private void closeConnection() {
        XAConnection c = connection;
        connection = null;
        resource = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the recovery connection of '" + name + "' failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Tally XA recovery helper '" + name + "'";
    }
}
