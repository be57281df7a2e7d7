package org.tallymq.jta;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;
import javax.transaction.xa.XAResource;
import org.jboss.tm.XAResourceWrapper;

/**
 * Copies the name, product and version of an enlisted {@link XAResourceWrapper} (such as
 * {@link NamedXAResource}) into Narayana's transaction log record, which is what lets recovery complete a
 * transaction whose first resource committed before a crash (see {@link NamedXAResource}). It does for a
 * standalone Narayana what the application-server integration's plugin does inside WildFly, and it works
 * with any {@code XAResourceWrapper}, not only Tally's.
 *
 * <p>Narayana reads the plugin once, when it first creates a log record, so it must be configured before the
 * first transaction: {@link NarayanaStandalone#configure()} and {@link TallyRecovery#register} do it when no
 * plugin is configured.
 *
 * <p>EIS names (numbers Narayana may embed in branch qualifiers for operators) are not assigned: every
 * resource gets 0, Narayana's "unknown". Stateless and thread-safe.
 */
public final class NamingRecordPlugin implements XAResourceRecordWrappingPlugin {

    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper w) {
            record.setProductName(w.getProductName());
            record.setProductVersion(w.getProductVersion());
            record.setJndiName(w.getJndiName());
        }
    }

    @Override
    public Integer getEISName(XAResource xaResource) {
        return 0;
    }

    @Override
    public String getEISName(Integer eisName) {
        return eisName != null && eisName == -1 ? "foreign XID" : "unknown eis name";
    }
}
