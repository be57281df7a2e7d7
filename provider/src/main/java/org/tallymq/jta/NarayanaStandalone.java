package org.tallymq.jta;

import com.arjuna.ats.arjuna.AtomicAction;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.internal.arjuna.common.UidHelper;
import java.io.IOException;
import java.util.ArrayList;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Configures Narayana JTA for a standalone application (no application server), with the settings that
 * make crash recovery work and nothing left to the defaults that bite:
 *
 * <ul>
 *   <li>the object store (the transaction log) in the directory you give, for all three of Narayana's stores
 *       (default, communicationStore, stateStore): the default would be {@code PutObjectStoreDirHere} under
 *       the working directory;</li>
 *   <li>a fixed node identifier, which Narayana writes into every Xid; recovery rolls back orphaned branches
 *       (prepared by a process that died before writing its log) only for the nodes in
 *       {@code xaRecoveryNodes}, here exactly this one. Keep it the same across restarts of the application
 *       and different between applications that share a resource manager;</li>
 *   <li>the orphan filters that check the log, the node name and the live transactions of this process (so a
 *       short orphan safety interval never rolls back a transaction this process is still preparing);</li>
 *   <li>{@link NamingRecordPlugin}, unless a plugin is already configured, so named resources
 *       ({@link NamedXAResource}) are named in the log;</li>
 *   <li>recovery modules for the transaction log and for XA resources, no recovery listener socket, and the
 *       recovery period, back-off period and orphan safety interval you choose (Narayana's defaults: 120 s,
 *       10 s, 20 s).</li>
 * </ul>
 *
 * <pre>{@code
 * NarayanaStandalone.builder(Path.of("data/tx-log")).nodeIdentifier("orders-1").configure();
 * TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
 * }</pre>
 *
 * <p>Narayana keeps its configuration in process-wide singletons and reads most of it when first used, so
 * {@link Builder#configure()} must run before the first transaction and before the recovery manager starts,
 * once per JVM. Not thread-safe: call it from the thread that starts the application.
 */
public final class NarayanaStandalone {

    /** The orphan filters: branches in the log are left alone; others of our node are rolled back unless live here. */
    public static final List<String> ORPHAN_FILTERS = List.of(
            "com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter",
            "com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter",
            "com.arjuna.ats.internal.jta.recovery.arjunacore.JTAActionStatusServiceXAResourceOrphanFilter");

    /** Recovery modules: the transaction log (AtomicAction records), then XA resources. */
    public static final List<String> RECOVERY_MODULES = List.of(
            "com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule",
            "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule");

    private NarayanaStandalone() {
    }

    /** Starts a configuration whose transaction log lives in {@code objectStoreDir} (created by Narayana on first use). */
    public static Builder builder(Path objectStoreDir) {
        if (objectStoreDir == null) {
            throw new IllegalArgumentException("NarayanaStandalone: the object store directory is null");
        }
        return new Builder(objectStoreDir);
    }

    /** Named settings; {@link #configure()} applies them. */
    public static final class Builder {
        private final Path objectStoreDir;
        private String nodeIdentifier;
        private int recoveryPeriodSeconds = 120;
        private int recoveryBackoffSeconds = 10;
        private int orphanSafetyIntervalMillis = 20_000;
        private int defaultTimeoutSeconds = 60;

        private Builder(Path objectStoreDir) {
            this.objectStoreDir = objectStoreDir;
        }

        /**
         * This application's node identifier (required): at most 28 bytes of UTF-8, the same after every
         * restart, different from every other transaction manager that uses the same resource managers.
         */
        public Builder nodeIdentifier(String id) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("NarayanaStandalone: the node identifier is missing; give each application a fixed one, e.g. 'orders-1'");
            }
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > 28) {
                throw new IllegalArgumentException("NarayanaStandalone: node identifier '" + id + "' is " + bytes
                        + " bytes of UTF-8; Narayana allows at most 28 (it is written into every Xid)");
            }
            this.nodeIdentifier = id;
            return this;
        }

        /** Seconds between two recovery scans (Narayana's default 120). Tests use 1 or 2. */
        public Builder recoveryPeriodSeconds(int seconds) {
            this.recoveryPeriodSeconds = positive("recoveryPeriodSeconds", seconds);
            return this;
        }

        /** Seconds between the two passes of a scan (default 10). */
        public Builder recoveryBackoffSeconds(int seconds) {
            this.recoveryBackoffSeconds = positive("recoveryBackoffSeconds", seconds);
            return this;
        }

        /** How long an orphaned branch must have been seen before recovery rolls it back (default 20,000 ms). */
        public Builder orphanSafetyIntervalMillis(int millis) {
            this.orphanSafetyIntervalMillis = positive("orphanSafetyIntervalMillis", millis);
            return this;
        }

        /** The transaction timeout when the application sets none (default 60 s). */
        public Builder defaultTimeoutSeconds(int seconds) {
            this.defaultTimeoutSeconds = positive("defaultTimeoutSeconds", seconds);
            return this;
        }

        /**
         * Writes the settings into Narayana's configuration beans. Call once, before the first transaction.
         *
         * @throws IllegalStateException when no node identifier was given
         */
        public void configure() {
            if (nodeIdentifier == null) {
                throw new IllegalStateException("NarayanaStandalone: call nodeIdentifier(...) before configure(): recovery of "
                        + "orphaned branches depends on a node identifier that survives restarts");
            }
            String dir = objectStoreDir.toAbsolutePath().toString();
            BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(dir);
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "default").setObjectStoreDir(dir);
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(dir);
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "stateStore").setObjectStoreDir(dir);
            try {
                arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(nodeIdentifier);
            } catch (CoreEnvironmentBeanException e) {
                throw new IllegalArgumentException("NarayanaStandalone: Narayana refused node identifier '" + nodeIdentifier + "': "
                        + e.getMessage(), e);
            }
            arjPropertyManager.getCoordinatorEnvironmentBean().setDefaultTimeout(defaultTimeoutSeconds);
            JTAEnvironmentBean jta = jtaPropertyManager.getJTAEnvironmentBean();
            jta.setXaRecoveryNodes(List.of(nodeIdentifier));
            jta.setXaResourceOrphanFilterClassNames(ORPHAN_FILTERS);
            jta.setOrphanSafetyInterval(orphanSafetyIntervalMillis);
            jta.setXaAssumeRecoveryComplete(false);
            installNamingPluginIfAbsent();
            var recovery = recoveryPropertyManager.getRecoveryEnvironmentBean();
            recovery.setRecoveryModuleClassNames(RECOVERY_MODULES);
            recovery.setExpiryScannerClassNames(List.of("com.arjuna.ats.internal.arjuna.recovery.ExpiredTransactionStatusManagerScanner"));
            recovery.setRecoveryListener(false);
            recovery.setPeriodicRecoveryPeriod(recoveryPeriodSeconds);
            recovery.setRecoveryBackoffPeriod(recoveryBackoffSeconds);
        }

        private static int positive(String what, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException("NarayanaStandalone: " + what + " must be positive, got " + value);
            }
            return value;
        }
    }

    /**
     * The transactions Narayana's log still holds (committing or waiting for recovery), as Uid strings; empty
     * when every transaction has been completed. For checks and operators; reads the configured object store.
     *
     * @throws IOException when the object store cannot be read
     */
    public static List<String> transactionsInLog() throws IOException {
        List<String> uids = new ArrayList<>();
        InputObjectState states = new InputObjectState();
        try {
            if (!StoreManager.getRecoveryStore().allObjUids(new AtomicAction().type(), states)) {
                throw new IOException("Narayana's object store could not list its transactions");
            }
        } catch (ObjectStoreException e) {
            throw new IOException("Narayana's object store could not be read: " + e.getMessage(), e);
        }
        while (states.notempty()) {
            Uid uid = UidHelper.unpackFrom(states);
            if (uid.equals(Uid.nullUid())) {
                break;
            }
            uids.add(uid.stringForm());
        }
        return uids;
    }

    /** Installs {@link NamingRecordPlugin} unless a wrapping plugin (by object or class name) is configured. */
    static void installNamingPluginIfAbsent() {
        JTAEnvironmentBean jta = jtaPropertyManager.getJTAEnvironmentBean();
        String className = jta.getXaResourceRecordWrappingPluginClassName();
        if (jta.getXAResourceRecordWrappingPlugin() == null && (className == null || className.isBlank())) {
            jta.setXAResourceRecordWrappingPlugin(new NamingRecordPlugin());
        }
    }
}
