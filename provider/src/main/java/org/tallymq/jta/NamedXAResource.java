package org.tallymq.jta;

import java.util.Objects;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.jboss.tm.XAResourceWrapper;

/**
 * An XAResource with a name that Narayana copies into its transaction log, so that recovery can tell
 * "this resource manager no longer knows the branch, because the branch was committed before the crash"
 * from "this resource manager has not been asked yet".
 *
 * <p>Why it matters: when a transaction manager dies after committing its first resource and before the
 * second, its log still lists both branches. At recovery the first resource manager's {@code recover()} no
 * longer returns its branch. Narayana completes such a log record only if the branch was enlisted under a
 * name (its {@link XAResourceWrapper#getJndiName()}, written into the log by an
 * {@code XAResourceRecordWrappingPlugin} such as {@link NamingRecordPlugin}) and a recovery helper has since
 * scanned a resource of the same name; otherwise the record stays in the log for ever, or until an operator
 * sets {@code xaAssumeRecoveryComplete}. Enlist every resource under the name its recovery helper uses.
 *
 * <p>Every XA call goes to the wrapped resource unchanged. {@link #isSameRM} unwraps the other side when it is
 * a wrapper too, so two named resources of the same broker are still the same resource manager. Not
 * {@link java.io.Serializable} on purpose: Narayana would otherwise try to write the resource itself into its
 * log instead of asking the recovery helpers.
 *
 * <p>Threading: as thread-safe as the wrapped resource (a Tally XAResource belongs to one session).
 */
public final class NamedXAResource implements XAResourceWrapper {

    private final XAResource delegate;
    private final String name;
    private final String productName;
    private final String productVersion;

    /**
     * @param delegate the resource every call goes to
     * @param name the resource's name in the transaction log; the same name as its recovery helper's resources
     * @param productName for the log and for operators, e.g. {@code Tally} or {@code H2}
     * @param productVersion for the log and for operators; may be empty
     * @throws IllegalArgumentException when delegate, name or product name is missing, or name is blank
     */
    public NamedXAResource(XAResource delegate, String name, String productName, String productVersion) {
        if (delegate == null) {
            throw new IllegalArgumentException("NamedXAResource: the XAResource to name is null");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("NamedXAResource: a resource name is required (got " + (name == null ? "null" : "'" + name + "'")
                    + "); use the name its recovery helper was registered with");
        }
        if (productName == null) {
            throw new IllegalArgumentException("NamedXAResource: productName is null");
        }
        this.delegate = delegate;
        this.name = name;
        this.productName = productName;
        this.productVersion = productVersion == null ? "" : productVersion;
    }

    /** The wrapped resource itself (never a wrapper, unless a wrapper was wrapped). */
    @Override
    public XAResource getResource() {
        return delegate;
    }

    @Override
    public String getProductName() {
        return productName;
    }

    @Override
    public String getProductVersion() {
        return productVersion;
    }

    /** The name Narayana writes into its log and matches against the names of scanned recovery resources. */
    @Override
    public String getJndiName() {
        return name;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource o = other;
        while (o instanceof XAResourceWrapper w && w.getResource() != null && w.getResource() != o) {
            o = w.getResource();
        }
        return delegate.isSameRM(o);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return productName + " XAResource '" + name + "' (" + delegate + ")";
    }

    /** Two wrappers are equal when they name the same resource object under the same name. */
    @Override
    public boolean equals(Object o) {
        return o instanceof NamedXAResource n && n.delegate == delegate && n.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(delegate), name);
    }
}
