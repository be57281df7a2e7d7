package org.tallymq.samples.exactlyonce;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Test-only: an XAResource that stops the JVM at once ({@link Runtime#halt}: no shutdown hooks, no
 * finally blocks, nothing flushed; for the files on disk the same as kill -9) at a named point of two-phase
 * commit, the n-th time the point is reached. The worker reads the point from system properties:
 * {@code crash.point} = {@code RESOURCE:WHEN-PHASE} with RESOURCE {@code tally} or {@code h2} (any label
 * the caller wraps with), WHEN
 * {@code before} or {@code after}, PHASE {@code prepare} or {@code commit}; {@code crash.after} = n (default 1).
 *
 * <p>Threading: the counter is a plain field; one worker thread uses a resource.
 */
final class CrashPoint implements XAResource {

    /** Exit status of a JVM stopped at a crash point. */
    static final int HALT_STATUS = 77;

    private final XAResource delegate;
    private final String resource;
    private final String point;
    private final int after;
    private int hits;

    private CrashPoint(XAResource delegate, String resource, String point, int after) {
        this.delegate = delegate;
        this.resource = resource;
        this.point = point;
        this.after = after;
    }

    /** Wraps {@code r} when the configured point is on {@code resource}; otherwise returns {@code r}. */
    static XAResource wrap(String resource, XAResource r) {
        String p = System.getProperty("crash.point", "");
        if (!p.startsWith(resource + ":")) {
            return r;
        }
        String when = p.substring(resource.length() + 1);
        if (!when.matches("(before|after)-(prepare|commit)")) {
            throw new IllegalArgumentException("crash.point '" + p + "': expected RESOURCE:before|after-prepare|commit");
        }
        return new CrashPoint(r, resource, when, Integer.getInteger("crash.after", 1));
    }

    private void reached(String here) {
        if (here.equals(point) && ++hits == after) {
            System.out.println("HALT at " + resource + ":" + here + " (transaction " + hits + " through this point)");
            System.out.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        reached("before-prepare");
        int vote = delegate.prepare(xid);
        reached("after-prepare");
        return vote;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        reached("before-commit");
        delegate.commit(xid, onePhase);
        reached("after-commit");
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate.rollback(xid);
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
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other == this || delegate.isSameRM(other instanceof CrashPoint c ? c.delegate : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }
}
