package org.tallymq.samples.exactlyonce;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.jta.TransactionManager;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import org.tallymq.jta.NarayanaStandalone;

/**
 * Test-only, for {@link NamedResourcesRecoveryTest}: one JTA transaction over two H2 databases (two
 * resource managers, no broker involved), stopped after its first commit; then, in a new JVM, explicit
 * recovery scans.
 *
 * <pre>
 * TwoDatabasesWorker crash   DIR named|unnamed   inserts into both, halts after db1's commit (exit 77)
 * TwoDatabasesWorker recover DIR SCANS           runs SCANS recovery scans, printing LOG n db2Rows=n after each
 * </pre>
 */
public final class TwoDatabasesWorker {

    private TwoDatabasesWorker() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.arjuna").setLevel(Level.SEVERE);
        Path dir = Path.of(args[1]);
        NarayanaStandalone.builder(dir.resolve("tx-log")).nodeIdentifier("two-databases")
                .recoveryPeriodSeconds(3600).recoveryBackoffSeconds(1).orphanSafetyIntervalMillis(1).configure();
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        OrdersDatabase db1 = OrdersDatabase.open(dir.resolve("db1").resolve("orders"));
        OrdersDatabase db2 = OrdersDatabase.open(dir.resolve("db2").resolve("orders"));
        db1.registerRecovery("db1");
        db2.registerRecovery("db2");
        if (args[0].equals("crash")) {
            boolean named = args[2].equals("named");
            System.setProperty("crash.point", "db1:after-commit");
            XAConnection x1 = db1.xaConnection();
            XAConnection x2 = db2.xaConnection();
            XAResource r1 = CrashPoint.wrap("db1", x1.getXAResource());
            XAResource r2 = x2.getXAResource();
            var tm = TransactionManager.transactionManager();
            tm.begin();
            tm.getTransaction().enlistResource(named ? OrdersDatabase.named(r1, "db1") : r1);
            tm.getTransaction().enlistResource(named ? OrdersDatabase.named(r2, "db2") : r2);
            for (XAConnection x : new XAConnection[] {x1, x2}) {
                try (PreparedStatement s = x.getConnection().prepareStatement("INSERT INTO ORDERS (ORDER_ID) VALUES ('order-1')")) {
                    s.executeUpdate();
                }
            }
            tm.commit();
            System.out.println("COMMITTED without reaching the crash point");
            System.exit(1);
        }
        int scans = Integer.parseInt(args[2]);
        for (int i = 1; i <= scans; i++) {
            manager.scan();
            System.out.println("LOG " + NarayanaStandalone.transactionsInLog().size() + " db2Rows="
                    + db2.rowsPerOrder().getOrDefault("order-1", 0) + " db2Prepared=" + db2.preparedBranches());
        }
        System.exit(0);
    }
}
