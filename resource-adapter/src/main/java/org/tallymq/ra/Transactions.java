package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;
import org.tallymq.jms.TallyXAConnectionFactory;

/**
 * Where the adapter chooses between XA and plain Tally objects. XA is used when Tally's factory is an
 * {@link XAConnectionFactory} (the provider's XA support) and the work takes part in a transaction.
 *
 * <p>Stateless and thread-safe.
 */
final class Transactions {

    private Transactions() {
    }

    /** The Tally factory for a URL: the XA one where the provider has it (it is a plain factory too). */
    static TallyXAConnectionFactory factory(String url) {
        return new TallyXAConnectionFactory(url);
    }

    static boolean xaAvailable(ConnectionFactory cf) {
        return cf instanceof XAConnectionFactory;
    }

    /** A connection for delivery: an XAConnection when the endpoint is transacted and XA is available. */
    static Connection openConnection(ConnectionFactory cf, boolean transacted, String user, String password)
            throws JMSException {
        if (transacted && cf instanceof XAConnectionFactory xa) {
            return xa.createXAConnection(user, password);
        }
        return cf.createConnection(user, password);
    }

    /** A session of a delivery connection and, for XA, its XAResource (else null). */
    record DeliverySession(Session session, XAResource xaResource) {
    }

    static DeliverySession openSession(Connection c, boolean transacted, boolean dupsOk) throws JMSException {
        if (transacted && c instanceof XAConnection xc) {
            XASession s = xc.createXASession();
            return new DeliverySession(s, s.getXAResource());
        }
        return new DeliverySession(c.createSession(false, dupsOk ? Session.DUPS_OK_ACKNOWLEDGE
                : Session.AUTO_ACKNOWLEDGE), null);
    }
}
