package org.tallymq.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The XA resources the server's transaction recovery gets from {@code ResourceAdapter.getXAResources} (Connectors
 * 2.1 section 13.4.4): one per broker and user among the activation specs, each the XAResource of an XA session of
 * its own. {@code recover()} on it lists every prepared branch of that broker (also after a restart), which the
 * transaction manager then commits or rolls back. The connections are kept for later scans and closed with the
 * adapter.
 *
 * <p>Thread-safe.
 */
final class Recovery {

    private static final Logger LOG = Logger.getLogger(Recovery.class.getName());

    private final Map<Key, XAConnection> connections = new LinkedHashMap<>(); // guarded by this

    private record Key(String url, String user) {
    }

    /** One XAResource per distinct broker and user of the specs; specs of other adapters are ignored. */
    synchronized XAResource[] xaResources(TallyResourceAdapter ra, ActivationSpec[] specs) throws ResourceException {
        List<XAResource> out = new ArrayList<>();
        if (specs == null) {
            return new XAResource[0];
        }
        Map<Key, TallyActivationSpec> wanted = new LinkedHashMap<>();
        for (ActivationSpec s : specs) {
            if (s instanceof TallyActivationSpec t) {
                wanted.putIfAbsent(new Key(ra.urlFor(t), ra.userFor(t)), t);
            }
        }
        for (Map.Entry<Key, TallyActivationSpec> e : wanted.entrySet()) {
            try {
                XAConnection c = connections.get(e.getKey());
                if (c == null) {
                    c = Transactions.factory(e.getKey().url()).createXAConnection(e.getKey().user(),
                            ra.passwordFor(e.getValue()));
                    connections.put(e.getKey(), c);
                }
                XASession s = c.createXASession();
                out.add(s.getXAResource());
            } catch (JMSException ex) {
                // the broker is down: recovery tries again at its next scan
                connections.remove(e.getKey());
                LOG.log(Level.WARNING, "no XA recovery for the Tally broker at " + e.getKey().url() + " now: "
                        + ex.getMessage() + "; the transaction manager's next recovery scan tries again", ex);
            }
        }
        return out.toArray(new XAResource[0]);
    }

    synchronized void close() {
        for (XAConnection c : connections.values()) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "closing a recovery connection", e);
            }
        }
        connections.clear();
    }

    @Override
    public String toString() {
        return "Recovery" + Objects.toString(connections.keySet());
    }
}
