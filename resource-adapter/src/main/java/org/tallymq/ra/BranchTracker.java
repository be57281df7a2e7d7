package org.tallymq.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource of a managed connection's Tally XA session, as the server's transaction manager sees it: every call
 * goes to Tally's resource; it also remembers whether a branch is active (between start and end), which is when the
 * handles refuse {@code commit} and {@code rollback} (Jakarta Messaging 3.1 section 12.3).
 *
 * <p>Thread-safe: the transaction manager may call it from any thread.
 */
final class BranchTracker implements XAResource {

    private final XAResource tally;
    private volatile boolean active;

    BranchTracker(XAResource tally) {
        this.tally = tally;
    }

    boolean inBranch() {
        return active;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        tally.start(xid, flags);
        active = true;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        active = false;
        tally.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return tally.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        tally.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        tally.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        tally.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return tally.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return tally.isSameRM(other instanceof BranchTracker t ? t.tally : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return tally.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return tally.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "BranchTracker[" + tally + "]";
    }
}
