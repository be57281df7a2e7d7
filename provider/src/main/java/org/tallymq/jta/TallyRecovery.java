package org.tallymq.jta;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import jakarta.jms.XAConnectionFactory;
import javax.transaction.xa.XAResource;

/**
 * Registers a Tally broker with Narayana's recovery manager, in one line:
 *
 * <pre>{@code
 * TallyRecovery tally = TallyRecovery.register(new TallyXAConnectionFactory("tcp://broker:61716"), "tally-orders");
 * ...
 * transaction.enlistResource(tally.named(xaSession.getXAResource()));   // enlist under the same name
 * }</pre>
 *
 * <p>From then on every recovery scan asks the broker for its prepared branches ({@code XAResource.recover}),
 * and Narayana commits those its log says committed and rolls back the orphans of its node. Enlisting through
 * {@link #named} puts the resource's name into Narayana's log, so a transaction that died after committing
 * one of its resources is completed too, without {@code xaAssumeRecoveryComplete} (see
 * {@link NamedXAResource}).
 *
 * <p>{@code register} starts Narayana's recovery manager if it is not running (periodic scans on a thread of
 * its own, with the period configured, e.g. by {@link NarayanaStandalone}), and installs
 * {@link NamingRecordPlugin} if no record-wrapping plugin is configured; for the plugin to take effect this
 * must happen before the first transaction. One registration per broker and name; {@link #close()} removes it.
 *
 * <p>Threading: {@link #register}, {@link #named} and {@link #close} are thread-safe.
 */
public final class TallyRecovery implements AutoCloseable {

    /** The product name written into Narayana's log for Tally resources. */
    public static final String PRODUCT_NAME = "Tally";

    private final String name;
    private final TallyRecoveryHelper helper;
    private final XARecoveryModule module;

    private TallyRecovery(String name, TallyRecoveryHelper helper, XARecoveryModule module) {
        this.name = name;
        this.helper = helper;
        this.module = module;
    }

    /**
     * Registers the broker that {@code factory} connects to (a {@code TallyXAConnectionFactory}, or any
     * Jakarta Messaging XAConnectionFactory) under {@code resourceName}.
     *
     * @param factory connects the recovery scans to the broker; credentials go in its URL
     * @param resourceName the name of the broker's resources in Narayana's log; the same name at every restart
     * @throws IllegalArgumentException when factory or name is missing
     * @throws IllegalStateException when Narayana's recovery manager has no XARecoveryModule (its configured
     *         {@code recoveryModuleClassNames} leave it out)
     */
    public static TallyRecovery register(XAConnectionFactory factory, String resourceName) {
        if (factory == null) {
            throw new IllegalArgumentException("TallyRecovery.register: the XAConnectionFactory is null");
        }
        if (resourceName == null || resourceName.isBlank()) {
            throw new IllegalArgumentException("TallyRecovery.register: a resource name is required, e.g. 'tally'; "
                    + "it is written into Narayana's log and must stay the same across restarts");
        }
        NarayanaStandalone.installNamingPluginIfAbsent();
        XARecoveryModule module = xaRecoveryModule(RecoveryManager.manager());
        TallyRecoveryHelper helper = new TallyRecoveryHelper(factory, resourceName);
        module.addXAResourceRecoveryHelper(helper);
        return new TallyRecovery(resourceName, helper, module);
    }

    /** Wraps a Tally XAResource (from {@code XASession.getXAResource()}) so it is enlisted under {@code name}. */
    public static NamedXAResource named(XAResource resource, String name) {
        return new NamedXAResource(resource, name, PRODUCT_NAME, versionOrEmpty());
    }

    /** Wraps a Tally XAResource so it is enlisted under this registration's name. */
    public NamedXAResource named(XAResource resource) {
        return named(resource, name);
    }

    /** This registration's resource name. */
    public String resourceName() {
        return name;
    }

    /**
     * Finds the recovery manager's XARecoveryModule.
     *
     * @throws IllegalStateException when there is none
     */
    static XARecoveryModule xaRecoveryModule(RecoveryManager manager) {
        for (RecoveryModule m : manager.getModules()) {
            if (m instanceof XARecoveryModule x) {
                return x;
            }
        }
        throw new IllegalStateException("Narayana's recovery manager has no XARecoveryModule, so in-doubt XA branches "
                + "would never be resolved; add com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule to "
                + "RecoveryEnvironmentBean.recoveryModuleClassNames (NarayanaStandalone does)");
    }

    /** Removes the registration (waiting for a scan in progress, as Narayana requires) and closes its connection. */
    @Override
    public void close() {
        module.removeXAResourceRecoveryHelper(helper);
        helper.close();
    }

    private static String versionOrEmpty() {
        String v = TallyRecovery.class.getPackage().getImplementationVersion();
        return v == null ? "" : v;
    }

    @Override
    public String toString() {
        return "TallyRecovery '" + name + "'";
    }
}
