package org.tallymq.client;

import jakarta.jms.JMSException;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.XidData;

/**
 * The XAResource of one {@link TallyXASession}. start and end associate the session with a branch;
 * prepare, commit, rollback, forget and recover act on the broker's branches by Xid, whichever
 * session or connection did their work, so any Tally XAResource of the broker can complete any branch
 * (after a crash, the transaction manager's recovery uses a new one). What the broker answers in each
 * state is the matrix in {@code org.tallymq.broker.XaTransactions}; this class adds the checks that
 * need no broker (flags, null Xids, recovery scans).
 *
 * <p>A call that cannot reach the broker (connection closed or lost) throws XAException XAER_RMFAIL:
 * the branch's outcome is then unknown to the caller, and recovery finds out.
 *
 * <p>Thread-safe: the transaction manager may complete branches from any thread.
 */
final class TallyXAResource implements XAResource {

    private final TallyXASession session;
    /** The branch the session is associated with now, or null. */
    private volatile XidData associated;
    private volatile int timeoutSeconds;
    private boolean scanOpen;

    TallyXAResource(TallyXASession session) {
        this.session = session;
    }

    boolean isAssociated() {
        return associated != null;
    }

    // ---- association ---------------------------------------------------------------------------

    @Override
    public void start(Xid xid, int flags) throws XAException {
        XidData x = xid(xid, "start");
        if (flags != TMNOFLAGS && flags != TMJOIN && flags != TMRESUME) {
            throw xa(XAException.XAER_INVAL, "start(" + x + "): flags " + flags + " are not TMNOFLAGS, TMJOIN or TMRESUME");
        }
        if (associated != null) {
            throw xa(XAException.XAER_PROTO, "start(" + x + "): this session is already associated with XA branch "
                    + associated + "; end it first");
        }
        if (session.isClosed()) {
            throw xa(XAException.XAER_RMFAIL, "start(" + x + "): the XASession is closed");
        }
        call(new Command.XaStart(session.id, x, flags, timeoutSeconds), "start");
        associated = x;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        XidData x = xid(xid, "end");
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            throw xa(XAException.XAER_INVAL, "end(" + x + "): flags " + flags + " are not TMSUCCESS, TMFAIL or TMSUSPEND");
        }
        long[] consumed = new long[0];
        if (x.equals(associated)) {
            try {
                session.awaitAsyncSends("XAResource.end");
            } catch (JMSException e) {
                flags = TMFAIL; // a send of the branch failed: the branch must not commit
            }
            consumed = session.takeConsumed();
            associated = null; // the broker ends the association whatever it answers
        }
        call(new Command.XaEnd(session.id, x, flags, consumed), "end");
    }

    // ---- completion ----------------------------------------------------------------------------

    @Override
    public int prepare(Xid xid) throws XAException {
        Command.Reply.XaResult r = call(new Command.XaPrepare(xid(xid, "prepare")), "prepare");
        return r.code();
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(new Command.XaCommit(xid(xid, "commit"), onePhase), "commit");
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call(new Command.XaRollback(xid(xid, "rollback")), "rollback");
    }

    @Override
    public void forget(Xid xid) throws XAException {
        call(new Command.XaForget(xid(xid, "forget")), "forget");
    }

    /**
     * Every prepared branch of the broker, on TMSTARTRSCAN (all at once); TMNOFLAGS and TMENDRSCAN
     * after it return nothing more. TMNOFLAGS or TMENDRSCAN without an open scan is XAER_INVAL.
     */
    @Override
    public synchronized Xid[] recover(int flag) throws XAException {
        boolean start = (flag & TMSTARTRSCAN) != 0;
        boolean end = (flag & TMENDRSCAN) != 0;
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0) {
            throw xa(XAException.XAER_INVAL, "recover: flags " + flag + " are not TMSTARTRSCAN, TMENDRSCAN, both, or TMNOFLAGS");
        }
        if (!start && !scanOpen) {
            throw xa(XAException.XAER_INVAL, "recover(" + (end ? "TMENDRSCAN" : "TMNOFLAGS")
                    + ") without an open scan; start one with TMSTARTRSCAN");
        }
        Xid[] out = new Xid[0];
        if (start) {
            Command.Reply r = send(new Command.XaRecover(), "recover");
            List<XidData> xids = ((Command.Reply.Xids) r).xids();
            out = xids.toArray(new Xid[0]);
        }
        scanOpen = !end;
        return out;
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return other instanceof TallyXAResource t
                && t.session.connection.resourceManagerId().equals(session.connection.resourceManagerId());
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /**
     * Sets the timeout of the branches this resource starts from now on: a branch not prepared in time
     * is rolled back by the broker and later calls get XA_RBTIMEOUT. 0 restores the broker's default.
     */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw xa(XAException.XAER_INVAL, "setTransactionTimeout(" + seconds + "): a timeout cannot be negative");
        }
        timeoutSeconds = seconds;
        return true;
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private static XidData xid(Xid xid, String request) throws XAException {
        try {
            return XidData.of(xid);
        } catch (IllegalArgumentException e) {
            throw xa(XAException.XAER_INVAL, request + ": " + e.getMessage());
        }
    }

    /** Sends an XA request; an error code in the answer becomes an XAException with that code. */
    private Command.Reply.XaResult call(Command c, String request) throws XAException {
        Command.Reply r = send(c, request);
        if (!(r instanceof Command.Reply.XaResult x)) {
            throw xa(XAException.XAER_RMERR, request + ": the broker answered " + r + " instead of an XA result");
        }
        if (x.code() != XA_OK && x.code() != XA_RDONLY) {
            throw xa(x.code(), x.message());
        }
        return x;
    }

    private Command.Reply send(Command c, String request) throws XAException {
        TallyConnection connection = session.connection;
        try {
            connection.checkOpen();
            return connection.channel.call(c);
        } catch (JMSException e) {
            XAException x = xa(XAException.XAER_RMFAIL, request + ": the broker could not be reached or refused the request ("
                    + e.getMessage() + "); the branch's outcome is for recovery to find out");
            x.initCause(e);
            throw x;
        }
    }

    private static XAException xa(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }

    @Override
    public String toString() {
        return "TallyXAResource[session " + session.id + ", " + session.connection.resourceManagerId()
                + (associated != null ? ", associated with " + associated : "") + "]";
    }
}
