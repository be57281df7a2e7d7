package org.tallymq.samples.exactlyonce;

import com.arjuna.ats.jta.TransactionManager;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.tallymq.jta.NarayanaStandalone;
import org.tallymq.jta.TallyRecovery;

/**
 * Everything the exactly-once application sets up, in the order it must happen: Narayana's configuration
 * (before its first use), the H2 database, Tally's XA connection factory, the two recovery registrations
 * (Tally's in one line, H2's beside it), and an XA connection for the work. The sample, the crash tests and
 * the benchmark all start from here.
 *
 * <p>Narayana is configured once per JVM (its configuration is process-wide), so one application per JVM.
 * Threading: {@link #processor} may be called from several threads, each using its own processor; the
 * check methods are thread-safe.
 */
public final class ExactlyOnceApp implements AutoCloseable {

    /** Names of the resources in Narayana's log, the same at every restart. */
    public static final String TALLY_RESOURCE = "tally-orders";
    public static final String H2_RESOURCE = "h2-orders";

    /**
     * @param dir the application's data: {@code tx-log} (Narayana's object store), {@code h2} (the database) and,
     *        for a {@code vm://} URL without {@code dataDir}, nothing else (the URL says where Tally's data goes)
     * @param brokerUrl Tally's URL ({@code vm://...} embedded, {@code tcp://host:port} standalone)
     * @param nodeIdentifier Narayana's node identifier (fixed across restarts)
     * @param recoveryPeriodSeconds seconds between recovery scans
     * @param orphanSafetyMillis how long an orphaned prepared branch waits before recovery rolls it back
     */
    public record Settings(Path dir, String brokerUrl, String nodeIdentifier, int recoveryPeriodSeconds, int orphanSafetyMillis) {
    }

    private final Settings settings;
    private final OrdersDatabase db;
    private final XAConnectionFactory factory;
    private final TallyRecovery tallyRecovery;
    private final OrdersDatabase.Registration h2Recovery;
    private final XAConnection connection;

    private ExactlyOnceApp(Settings settings, OrdersDatabase db, XAConnectionFactory factory, TallyRecovery tallyRecovery,
            OrdersDatabase.Registration h2Recovery, XAConnection connection) {
        this.settings = settings;
        this.db = db;
        this.factory = factory;
        this.tallyRecovery = tallyRecovery;
        this.h2Recovery = h2Recovery;
        this.connection = connection;
    }

    /**
     * Configures Narayana, opens the database, registers both resources for recovery (which starts Narayana's
     * periodic recovery) and connects to the broker.
     */
    public static ExactlyOnceApp start(Settings s) throws SQLException, JMSException {
        NarayanaStandalone.builder(s.dir().resolve("tx-log"))
                .nodeIdentifier(s.nodeIdentifier())
                .recoveryPeriodSeconds(s.recoveryPeriodSeconds())
                .recoveryBackoffSeconds(Math.max(1, s.recoveryPeriodSeconds() / 2))
                .orphanSafetyIntervalMillis(s.orphanSafetyMillis())
                .configure();
        OrdersDatabase db = OrdersDatabase.open(s.dir().resolve("h2").resolve("orders"));
        XAConnectionFactory factory = TallyXa.factory(s.brokerUrl());
        TallyRecovery tally = TallyRecovery.register(factory, TALLY_RESOURCE);
        OrdersDatabase.Registration h2 = db.registerRecovery(H2_RESOURCE);
        XAConnection connection = factory.createXAConnection();
        connection.start();
        return new ExactlyOnceApp(s, db, factory, tally, h2, connection);
    }

    public Settings settings() {
        return settings;
    }

    public OrdersDatabase database() {
        return db;
    }

    /** Tally's XA connection of this application (started). */
    public XAConnection connection() {
        return connection;
    }

    /** A processor on its own XA session and H2 connection; {@code decorate} wraps each resource before enlistment. */
    public OrderProcessor processor(BiFunction<String, XAResource, XAResource> decorate) throws JMSException, SQLException {
        return new OrderProcessor(TransactionManager.transactionManager(), connection, TALLY_RESOURCE, db, H2_RESOURCE, decorate);
    }

    /** Sends orders {@code order-first} ... {@code order-(first+count-1)} to IN, PERSISTENT, committed every 100. */
    public void sendOrders(int first, int count) throws JMSException {
        try (Session s = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer p = s.createProducer(s.createQueue(ExactlyOnce.IN));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = first; i < first + count; i++) {
                Message m = s.createTextMessage("order " + i + ": 1 x tally mug");
                m.setStringProperty(ExactlyOnce.ORDER_ID, "order-" + i);
                p.send(m);
                if ((i - first + 1) % 100 == 0) {
                    s.commit();
                }
            }
            s.commit();
        }
    }

    /** Receives every confirmation waiting in OUT (removing them) and counts them per order id. */
    public Map<String, Integer> drainConfirmations(long quietMillis) throws JMSException {
        Map<String, Integer> seen = new HashMap<>();
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageConsumer c = s.createConsumer(s.createQueue(ExactlyOnce.OUT));
            Message m;
            while ((m = c.receive(quietMillis)) != null) {
                seen.merge(m.getStringProperty(ExactlyOnce.ORDER_ID), 1, Integer::sum);
            }
        }
        return seen;
    }

    /** Messages visible in IN (a browser's count; messages held by prepared branches are not visible). */
    public int inDepth() throws JMSException {
        try (Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            QueueBrowser b = s.createBrowser(s.createQueue(ExactlyOnce.IN));
            return Collections.list(b.getEnumeration()).size();
        }
    }

    /** Branches the broker holds prepared, as its XAResource.recover reports them (from a fresh XA session). */
    public List<Xid> tallyPrepared() throws JMSException, XAException {
        try (XASession s = connection.createXASession()) {
            Xid[] xids = s.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return xids == null ? List.of() : List.of(xids);
        }
    }

    /** Transactions Narayana's log still holds. */
    public List<String> transactionsInLog() throws IOException {
        return NarayanaStandalone.transactionsInLog();
    }

    /** Closes the work connection and both recovery registrations; the embedded broker (if any) keeps running. */
    @Override
    public void close() throws JMSException, SQLException {
        try {
            connection.close();
        } finally {
            try {
                tallyRecovery.close();
            } finally {
                h2Recovery.close();
            }
        }
    }
}
