package org.tallymq.samples.exactlyonce;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.h2.jdbcx.JdbcDataSource;
import org.tallymq.jta.NamedXAResource;

/**
 * The sample's database: an H2 file database used through its XADataSource ({@link JdbcDataSource}), with
 * one table, {@code ORDERS}, that gets a row per processed message.
 *
 * <p>{@code ORDER_ID} has no unique constraint on purpose: a real application would add one as a second
 * line of defence, but here a duplicate must be visible (as a second row) so the crash tests can count it.
 *
 * <p>The URL sets {@code FILE_LOCK=FS} (the operating system's lock, released when a killed process dies, so a
 * restarted application opens the database at once) and {@code WRITE_DELAY=0}. H2 writes a prepared
 * transaction ({@code PREPARE COMMIT}) and the commit of a prepared transaction to its file before returning.
 *
 * <p>Threading: the factory methods are thread-safe; each XAConnection belongs to one thread at a time.
 */
public final class OrdersDatabase {

    /** The product name under which H2's resources appear in Narayana's log. */
    public static final String PRODUCT = "H2";

    private final JdbcDataSource dataSource;

    private OrdersDatabase(JdbcDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating if needed) the database in file {@code file}{@code .mv.db} and its table.
     *
     * @throws SQLException when H2 cannot open the file (another process holds it, a bad path)
     */
    public static OrdersDatabase open(Path file) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";FILE_LOCK=FS;WRITE_DELAY=0");
        ds.setUser("sa");
        ds.setPassword("");
        OrdersDatabase db = new OrdersDatabase(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS ORDERS (SEQ BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "ORDER_ID VARCHAR(64) NOT NULL, BODY VARCHAR(1000), PROCESSED_AT TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        }
        return db;
    }

    /** A new XA connection: its {@code getXAResource()} to enlist, its {@code getConnection()} for SQL. */
    public XAConnection xaConnection() throws SQLException {
        return dataSource.getXAConnection();
    }

    /** Committed rows per order id. */
    public Map<String, Integer> rowsPerOrder() throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ORDER_ID, COUNT(*) FROM ORDERS GROUP BY ORDER_ID")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }

    /** The number of prepared (in-doubt) transactions H2 holds, as its XAResource.recover reports them. */
    public int preparedBranches() throws SQLException, XAException {
        XAConnection xa = xaConnection();
        try {
            Xid[] xids = xa.getXAResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return xids == null ? 0 : xids.length;
        } finally {
            xa.close();
        }
    }

    /**
     * Registers this database with Narayana's recovery manager under {@code name} (the name its resources are
     * enlisted under, see {@link #named}). The helper keeps one XA connection open for the scans.
     */
    public Registration registerRecovery(String name) {
        XARecoveryModule module = null;
        for (RecoveryModule m : RecoveryManager.manager().getModules()) {
            if (m instanceof XARecoveryModule x) {
                module = x;
            }
        }
        if (module == null) {
            throw new IllegalStateException("Narayana's recovery manager has no XARecoveryModule; configure it with NarayanaStandalone");
        }
        Helper helper = new Helper(name);
        XARecoveryModule registered = module;
        registered.addXAResourceRecoveryHelper(helper);
        return () -> {
            registered.removeXAResourceRecoveryHelper(helper);
            helper.close();
        };
    }

    /** A recovery registration; closing it removes the helper and closes its connection. */
    public interface Registration extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** Wraps an H2 XAResource so Narayana's log names it (see {@link NamedXAResource}). */
    public static NamedXAResource named(XAResource h2, String name) {
        return new NamedXAResource(h2, name, PRODUCT, org.h2.engine.Constants.VERSION);
    }

    /** Gives Narayana's recovery scans one XAResource of this database. Synchronized: recovery thread and close(). */
    private final class Helper implements XAResourceRecoveryHelper {
        private final String name;
        private XAConnection connection;
        private XAResource[] resources;

        Helper(String name) {
            this.name = name;
        }

        @Override
        public boolean initialise(String p) {
            return true;
        }

        @Override
        public synchronized XAResource[] getXAResources() throws SQLException {
            if (connection == null) {
                connection = xaConnection();
                resources = new XAResource[] {named(new RecoveredBranches(connection.getXAResource()), name)};
            }
            return resources;
        }

        synchronized void close() throws SQLException {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /**
     * Works around H2's XAResource forgetting, after rolling back one recovered branch, that the others are
     * prepared too (it then "rolls back" the next ones as if they were its own unprepared work, and they stay
     * in doubt until a later scan): before each rollback it lists the in-doubt branches again.
     */
    private static final class RecoveredBranches implements XAResource {
        private final XAResource h2;

        RecoveredBranches(XAResource h2) {
            this.h2 = h2;
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            h2.recover(TMSTARTRSCAN | TMENDRSCAN);
            h2.rollback(xid);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            h2.commit(xid, onePhase);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            h2.end(xid, flags);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            h2.forget(xid);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return h2.getTransactionTimeout();
        }

        @Override
        public boolean isSameRM(XAResource other) throws XAException {
            return other == this || h2.isSameRM(other);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            return h2.prepare(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return h2.recover(flag);
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return h2.setTransactionTimeout(seconds);
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            h2.start(xid, flags);
        }

        @Override
        public String toString() {
            return "H2 recovery resource (" + h2 + ")";
        }
    }
}
