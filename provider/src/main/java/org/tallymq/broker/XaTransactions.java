package org.tallymq.broker;

import static javax.transaction.xa.XAException.XAER_DUPID;
import static javax.transaction.xa.XAException.XAER_INVAL;
import static javax.transaction.xa.XAException.XAER_NOTA;
import static javax.transaction.xa.XAException.XAER_PROTO;
import static javax.transaction.xa.XAException.XAER_RMFAIL;
import static javax.transaction.xa.XAException.XA_HEURCOM;
import static javax.transaction.xa.XAException.XA_HEURRB;
import static javax.transaction.xa.XAException.XA_RBCOMMFAIL;
import static javax.transaction.xa.XAException.XA_RBROLLBACK;
import static javax.transaction.xa.XAException.XA_RBTIMEOUT;
import static javax.transaction.xa.XAException.XA_RDONLY;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static javax.transaction.xa.XAResource.XA_OK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.tallymq.protocol.Command.Reply;
import org.tallymq.protocol.XidData;
import org.tallymq.store.StoredBranch;
import org.tallymq.store.StoredHeuristic;

/**
 * The broker's XA branches, by Xid: any connection may prepare, commit, roll back or recover a branch,
 * whichever connection did its work. Event-loop thread only.
 *
 * <h2>What each request answers (the error-code matrix)</h2>
 * Rows are the branch's state when the request arrives. "unknown" is a Xid the broker has no branch
 * for; "ended by broker" is one the broker rolled back on its own (timeout, lost connection, TMFAIL
 * followed by a prepare), remembered for the calls that still come. RB is the XA_RB* code it was
 * ended with (XA_RBTIMEOUT, XA_RBCOMMFAIL or XA_RBROLLBACK).
 * <pre>
 * request             | unknown   | ended by  | active    | idle           | rollback-only | prepared
 *                     |           | broker    | (started, | (ended with    | (TMFAIL)      |
 *                     |           |           |  not ended)| TMSUCCESS)    |               |
 * --------------------+-----------+-----------+-----------+----------------+---------------+-----------
 * start TMNOFLAGS     | OK: new   | XAER_DUPID| XAER_DUPID| XAER_DUPID     | XAER_DUPID    | XAER_DUPID
 * start TMJOIN        | XAER_NOTA | RB        | OK        | OK             | RB            | XAER_PROTO
 * start TMRESUME      | XAER_NOTA | RB        | OK if this session suspended it, else XAER_PROTO | XAER_PROTO
 * end TMSUCCESS       | XAER_NOTA | RB        | OK        | XAER_PROTO     | RB            | XAER_PROTO
 * end TMFAIL          | XAER_NOTA | RB        | OK, now rollback-only | XAER_PROTO | RB    | XAER_PROTO
 * end TMSUSPEND       | XAER_NOTA | RB        | OK        | XAER_PROTO     | RB            | XAER_PROTO
 * prepare             | XAER_NOTA | RB        | XAER_PROTO| XA_OK (forced) | RB, rolled back| XAER_PROTO
 *                     |           |           |           | or XA_RDONLY if the branch did nothing (it is then forgotten)
 * commit one-phase    | XAER_NOTA | RB        | XAER_PROTO| XA_OK (forced) | RB, rolled back| XAER_PROTO
 * commit two-phase    | XAER_NOTA | XAER_NOTA | XAER_PROTO| XAER_PROTO     | XAER_PROTO    | XA_OK (forced)
 * rollback            | XAER_NOTA | RB        | XAER_PROTO| XA_OK          | XA_OK         | XA_OK (forced)
 * forget              | XAER_NOTA | XAER_NOTA | XAER_NOTA | XAER_NOTA      | XAER_NOTA     | XAER_NOTA
 * </pre>
 * A branch an operator completed by hand while it was prepared ("heuristic", {@link
 * #completeHeuristically}; never done by the broker on its own) answers: start TMNOFLAGS XAER_DUPID,
 * start TMJOIN/TMRESUME, end and prepare XAER_PROTO; commit (either kind) and rollback XA_HEURCOM if
 * the operator committed it, XA_HEURRB if the operator rolled it back; forget XA_OK (the record of the
 * outcome is deleted, forced). recover() reports it until it is forgotten.
 * Also: a start or end whose session is in the wrong state for it (start while the session is already
 * associated; end on a session not associated with that Xid) is XAER_PROTO; flags other than the ones
 * in the table are XAER_INVAL; a failure to force the store is XAER_RMFAIL (prepare and a one-phase
 * commit: the branch is rolled back and the store refuses further writes until the broker restarts; a
 * two-phase commit or a rollback of a prepared branch: the branch stays prepared and recover()
 * reports it after the restart). "rollback-only" is reached by end(TMFAIL); a timeout or a lost
 * connection rolls the branch back at once ("ended by broker"). Forget is XAER_NOTA for every Xid
 * that was not completed heuristically.
 */
final class XaTransactions {

    private static final Logger LOG = Logger.getLogger(XaTransactions.class.getName());
    /** How many branches the broker ended on its own are remembered for their late calls. */
    private static final int REMEMBERED_ENDINGS = 10_000;

    private final Broker broker;
    private final Map<XidData, XaBranch> branches = new LinkedHashMap<>();
    /** Branches an operator completed by hand, until the transaction manager forgets them. */
    private final Map<XidData, StoredHeuristic> heuristics = new LinkedHashMap<>();
    private final Map<XidData, XaBranch> endedByBroker = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<XidData, XaBranch> eldest) {
            return size() > REMEMBERED_ENDINGS;
        }
    };

    XaTransactions(Broker broker) {
        this.broker = broker;
    }

    static Reply ok() {
        return new Reply.XaResult(XA_OK, null);
    }

    static Reply error(int code, String message) {
        return new Reply.XaResult(code, message);
    }

    /** The answer for a Xid the broker ended on its own, or XAER_NOTA. */
    private Reply unknown(XidData xid, String request) {
        StoredHeuristic h = heuristics.get(xid);
        if (h != null) {
            return heuristicAnswer(h, request);
        }
        XaBranch e = endedByBroker.get(xid);
        if (e != null) {
            return error(e.endedCode, request + ": XA branch " + xid + " was rolled back by the broker: " + e.endedReason);
        }
        return error(XAER_NOTA, request + ": broker '" + broker.name() + "' has no XA branch " + xid
                + " (never started here, already completed, or rolled back by a restart before it was prepared)");
    }

    /** What commit and rollback answer for a heuristically completed branch; XAER_PROTO for other requests. */
    private static Reply heuristicAnswer(StoredHeuristic h, String request) {
        String what = request + "(" + h.xid() + "): an operator " + (h.committed() ? "committed" : "rolled back")
                + " this XA branch by hand while it was prepared; forget it once the transaction's outcome is reconciled";
        if (request.equals("commit") || request.equals("rollback")) {
            return error(h.committed() ? XA_HEURCOM : XA_HEURRB, what);
        }
        return error(XAER_PROTO, what);
    }

    // ---- association -----------------------------------------------------------------------------

    Reply start(ServerSession s, XidData xid, int flags, int timeoutSeconds) {
        if (flags != TMNOFLAGS && flags != TMJOIN && flags != TMRESUME) {
            return error(XAER_INVAL, "start: flags " + flags + " are not TMNOFLAGS, TMJOIN or TMRESUME");
        }
        if (timeoutSeconds < 0) {
            return error(XAER_INVAL, "start: negative transaction timeout " + timeoutSeconds);
        }
        if (s.branch != null) {
            return error(XAER_PROTO, "start(" + xid + "): this session is already associated with XA branch "
                    + s.branch.xid + "; end that association first");
        }
        XaBranch b = branches.get(xid);
        if (flags == TMNOFLAGS) {
            if (b != null || endedByBroker.containsKey(xid) || heuristics.containsKey(xid)) {
                return error(XAER_DUPID, "start(" + xid + ", TMNOFLAGS): the broker already has this XA branch; use TMJOIN or"
                        + " TMRESUME to add work to it");
            }
            b = new XaBranch(xid, s.connection);
            branches.put(xid, b);
            int timeout = timeoutSeconds > 0 ? timeoutSeconds : broker.config().xaTimeoutSeconds();
            if (timeout > 0) {
                XaBranch timed = b;
                broker.schedule(broker.clock().millis() + timeout * 1000L, () -> timedOut(timed, timeout));
            }
        } else if (b == null) {
            return unknown(xid, "start");
        } else if (b.prepared) {
            return error(XAER_PROTO, "start(" + xid + "): the XA branch is prepared; only commit or rollback may follow");
        } else if (b.rollbackOnly != 0) {
            return error(b.rollbackOnly, "start(" + xid + "): the XA branch is marked rollback-only: " + b.rollbackReason);
        } else if (flags == TMRESUME) {
            if (!b.suspended.remove(s)) {
                return error(XAER_PROTO, "start(" + xid + ", TMRESUME): this session did not suspend this XA branch");
            }
        }
        b.active.add(s);
        s.branch = b;
        return ok();
    }

    Reply end(ServerSession s, XidData xid, int flags, long[] consumedDeliveryIds) {
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            return error(XAER_INVAL, "end: flags " + flags + " are not TMSUCCESS, TMFAIL or TMSUSPEND");
        }
        XaBranch b = s.branch;
        if (b == null) {
            b = branches.get(xid);
            if (b != null && b.suspended.contains(s) && flags != TMSUSPEND) {
                b.suspended.remove(s); // ending a suspended association is allowed
                return flags == TMFAIL ? markRollbackOnly(b, XA_RBROLLBACK, "end(TMFAIL)") : ok();
            }
            if (b == null) {
                return unknown(xid, "end");
            }
            return error(XAER_PROTO, "end(" + xid + "): this session is not associated with that XA branch");
        }
        if (!b.xid.equals(xid)) {
            return error(XAER_PROTO, "end(" + xid + "): this session is associated with XA branch " + b.xid + ", not this one");
        }
        s.branch = null;
        b.active.remove(s);
        if (b.ended) {
            s.returnConsumed(consumedDeliveryIds);
            return error(b.endedCode, "end(" + xid + "): the XA branch was rolled back by the broker: " + b.endedReason);
        }
        takeConsumed(b, s, consumedDeliveryIds);
        if (flags == TMSUSPEND) {
            b.suspended.add(s);
        } else if (flags == TMFAIL) {
            return markRollbackOnly(b, XA_RBROLLBACK, "end(TMFAIL)");
        }
        return b.rollbackOnly != 0
                ? error(b.rollbackOnly, "end(" + xid + "): the XA branch is marked rollback-only: " + b.rollbackReason)
                : ok();
    }

    /**
     * End from a session that was closed while associated: closing already handed its work to the
     * branch and ended the association, so only TMFAIL still has an effect.
     */
    Reply endAfterClose(XidData xid, int flags) {
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            return error(XAER_INVAL, "end: flags " + flags + " are not TMSUCCESS, TMFAIL or TMSUSPEND");
        }
        XaBranch b = branches.get(xid);
        if (b == null) {
            return unknown(xid, "end");
        }
        if (b.prepared) {
            return error(XAER_PROTO, "end(" + xid + "): the XA branch is prepared");
        }
        if (flags == TMFAIL) {
            return markRollbackOnly(b, XA_RBROLLBACK, "end(TMFAIL)");
        }
        return b.rollbackOnly != 0
                ? error(b.rollbackOnly, "end(" + xid + "): the XA branch is marked rollback-only: " + b.rollbackReason)
                : ok();
    }

    private Reply markRollbackOnly(XaBranch b, int code, String why) {
        if (b.rollbackOnly == 0) {
            b.rollbackOnly = code;
            b.rollbackReason = why;
        }
        return ok();
    }

    /** Moves the deliveries the application consumed in this association into the branch. */
    private void takeConsumed(XaBranch b, ServerSession s, long[] consumedDeliveryIds) {
        for (long id : consumedDeliveryIds) {
            ServerSession.Delivery d = s.takeDelivery(id);
            if (d == null) {
                continue;
            }
            b.consumed.add(new XaBranch.Consumed(d.queue(), d.message()));
            if (d.message().stored) {
                broker.store().deleteMessageTx(tx(b), d.message().sequence);
            }
        }
    }

    /** A send in a session associated with {@code b}: visible if the branch commits. */
    void send(XaBranch b, List<Broker.Placement> placements) {
        for (Broker.Placement p : placements) {
            if (p.message().stored) {
                broker.store().addMessageTx(tx(b), p.message().sequence, p.queue().storeKey, p.message().data);
            }
        }
        b.sends.addAll(placements);
    }

    private long tx(XaBranch b) {
        if (b.txId == 0) {
            b.txId = broker.newId();
        }
        return b.txId;
    }

    /** A session closed while associated: the work it did stays in the branch for the transaction manager. */
    void sessionClosed(ServerSession s, long[] consumedDeliveryIds) {
        XaBranch b = s.branch;
        s.branch = null;
        if (b == null) {
            return;
        }
        b.active.remove(s);
        if (b.ended) {
            s.returnConsumed(consumedDeliveryIds);
        } else {
            takeConsumed(b, s, consumedDeliveryIds);
        }
    }

    /**
     * A session went away without saying what it consumed in its association: the branch cannot
     * commit without knowing, so it becomes rollback-only (XA_RBCOMMFAIL).
     */
    void sessionAbandoned(ServerSession s) {
        XaBranch b = s.branch;
        s.branch = null;
        b.active.remove(s);
        if (!b.ended) {
            markRollbackOnly(b, XA_RBCOMMFAIL, "a session associated with it was closed without ending the association");
        }
    }

    /**
     * A connection was lost: what it consumed in an association cannot be known, so every branch it
     * started or is associated with and that is not prepared is rolled back (XA_RBCOMMFAIL).
     */
    void connectionLost(ServerConnection c, List<ServerSession> sessions) {
        List<XaBranch> victims = new ArrayList<>();
        for (ServerSession s : sessions) {
            if (s.branch != null && !s.branch.ended && !victims.contains(s.branch)) {
                victims.add(s.branch);
            }
        }
        for (XaBranch b : branches.values()) {
            if (b.owner == c && !b.prepared && !victims.contains(b)) {
                victims.add(b);
            }
        }
        for (XaBranch b : victims) {
            rollBackByBroker(b, XA_RBCOMMFAIL, "the connection " + c.id + " from " + c.address()
                    + " that did its work was lost before the branch was prepared");
        }
        for (ServerSession s : sessions) {
            s.branch = null;
        }
    }

    private void timedOut(XaBranch b, int seconds) {
        if (!b.ended && !b.prepared && branches.get(b.xid) == b) {
            rollBackByBroker(b, XA_RBTIMEOUT, "it was not prepared within its timeout of " + seconds + " s");
        }
    }

    private void rollBackByBroker(XaBranch b, int code, String why) {
        LOG.warning("broker '" + broker.name() + "': rolled back XA branch " + b.xid + " because " + why
                + "; its sends were dropped and the messages it consumed are back in their queues");
        b.endedCode = code;
        b.endedReason = why;
        endedByBroker.put(b.xid, b);
        undo(b, false);
    }

    // ---- completion --------------------------------------------------------------------------------

    void prepare(XidData xid, Replier r) {
        XaBranch b = branches.get(xid);
        if (b == null) {
            r.reply(unknown(xid, "prepare"));
        } else if (b.isAssociated()) {
            r.reply(error(XAER_PROTO, "prepare(" + xid + "): " + (b.active.size() + b.suspended.size())
                    + " session(s) are still associated with the XA branch; end them first"));
        } else if (b.prepared) {
            r.reply(error(XAER_PROTO, "prepare(" + xid + "): the XA branch is already prepared"));
        } else if (b.rollbackOnly != 0) {
            undo(b, false);
            r.reply(error(b.rollbackOnly, "prepare(" + xid + "): the XA branch was marked rollback-only (" + b.rollbackReason
                    + ") and is now rolled back"));
        } else if (!b.didWork()) {
            branches.remove(xid);
            b.ended = true;
            r.reply(new Reply.XaResult(XA_RDONLY, null));
        } else {
            b.prepared = true; // from here on no new work can join it
            CompletableFuture<Void> durable = broker.store().prepare(tx(b), xid);
            durable.whenComplete((x, e) -> broker.execute(() -> {
                if (e == null) {
                    b.preparedAt = broker.clock().millis();
                    r.reply(ok());
                } else {
                    b.prepared = false;
                    undo(b, false);
                    r.reply(error(XAER_RMFAIL, "prepare(" + xid + "): " + broker.storeFailure(durable)
                            + "; the XA branch is rolled back"));
                }
            }));
        }
    }

    void commit(XidData xid, boolean onePhase, Replier r) {
        XaBranch b = branches.get(xid);
        if (b == null && heuristics.containsKey(xid)) {
            r.reply(heuristicAnswer(heuristics.get(xid), "commit"));
            return;
        }
        if (b == null) {
            r.reply(onePhase ? unknown(xid, "commit") : error(XAER_NOTA, "commit(" + xid + "): broker '" + broker.name()
                    + "' has no XA branch " + xid + (endedByBroker.containsKey(xid) ? " (it rolled it back before it was"
                    + " prepared: " + endedByBroker.get(xid).endedReason + ")" : " (never prepared here, or already completed)")));
            return;
        }
        if (b.isAssociated()) {
            r.reply(error(XAER_PROTO, "commit(" + xid + "): sessions are still associated with the XA branch; end them first"));
            return;
        }
        if (onePhase == b.prepared) {
            r.reply(error(XAER_PROTO, "commit(" + xid + ", onePhase=" + onePhase + "): the XA branch is "
                    + (b.prepared ? "prepared; commit it in two phases" : "not prepared; prepare it first or commit in one phase")));
            return;
        }
        if (b.rollbackOnly != 0) {
            undo(b, false);
            r.reply(error(b.rollbackOnly, "commit(" + xid + "): the XA branch was marked rollback-only (" + b.rollbackReason
                    + ") and is now rolled back"));
            return;
        }
        CompletableFuture<Void> durable = b.txId == 0 ? CompletableFuture.completedFuture(null) : broker.store().commit(b.txId);
        b.ended = true;
        branches.remove(xid);
        durable.whenComplete((x, e) -> broker.execute(() -> {
            if (e == null) {
                broker.publish(b.sends);
                for (XaBranch.Consumed c : b.consumed) {
                    c.queue().acknowledged(c.message());
                }
                r.reply(ok());
            } else if (onePhase) {
                undo(b, true);
                r.reply(error(XAER_RMFAIL, "commit(" + xid + "): " + broker.storeFailure(durable)
                        + "; the branch is rolled back"));
            } else {
                b.ended = false;
                branches.put(xid, b); // still prepared: after the restart recover() reports it again
                r.reply(error(XAER_RMFAIL, "commit(" + xid + "): " + broker.storeFailure(durable)
                        + "; the branch stays prepared and is reported by recover() after the broker restarts"));
            }
        }));
    }

    void rollback(XidData xid, Replier r) {
        XaBranch b = branches.get(xid);
        if (b == null && heuristics.containsKey(xid)) {
            r.reply(heuristicAnswer(heuristics.get(xid), "rollback"));
            return;
        }
        if (b == null) {
            XaBranch e = endedByBroker.get(xid);
            r.reply(e != null ? error(e.endedCode, "rollback(" + xid + "): already rolled back by the broker: " + e.endedReason)
                    : unknown(xid, "rollback"));
            return;
        }
        if (!b.active.isEmpty()) {
            r.reply(error(XAER_PROTO, "rollback(" + xid + "): sessions are still associated with the XA branch; end them first"));
            return;
        }
        for (ServerSession s : b.suspended) {
            s.branch = null;
        }
        b.suspended.clear();
        if (!b.prepared) {
            undo(b, false);
            r.reply(ok());
            return;
        }
        CompletableFuture<Void> durable = broker.store().rollback(b.txId, true);
        b.ended = true;
        branches.remove(xid);
        durable.whenComplete((x, e) -> broker.execute(() -> {
            if (e == null) {
                returnConsumed(b);
                r.reply(ok());
            } else {
                b.ended = false;
                branches.put(xid, b);
                r.reply(error(XAER_RMFAIL, "rollback(" + xid + "): " + broker.storeFailure(durable)
                        + "; the branch stays prepared and is reported by recover() after the broker restarts"));
            }
        }));
    }

    /** Drops an unprepared branch: sends discarded, consumed messages back in their queues (one attempt each). */
    private void undo(XaBranch b, boolean storeAlreadyDone) {
        b.ended = true;
        if (b.endedCode == 0) {
            b.endedCode = b.rollbackOnly != 0 ? b.rollbackOnly : XA_RBROLLBACK;
            b.endedReason = b.rollbackReason != null ? b.rollbackReason : "rolled back";
        }
        branches.remove(b.xid);
        if (b.txId != 0 && !storeAlreadyDone) {
            broker.store().rollback(b.txId, false);
        }
        returnConsumed(b);
    }

    private static void returnConsumed(XaBranch b) {
        for (XaBranch.Consumed c : b.consumed) {
            c.queue().returnMessage(c.message(), true);
        }
        b.consumed.clear();
        b.sends.clear();
    }

    void forget(XidData xid, Replier r) {
        StoredHeuristic h = heuristics.get(xid);
        if (h != null) {
            CompletableFuture<Void> durable = broker.store().deleteHeuristic(h.recordId());
            durable.whenComplete((x, e) -> broker.execute(() -> {
                if (e == null) {
                    heuristics.remove(xid, h);
                    LOG.info("broker '" + broker.name() + "': the transaction manager forgot heuristically completed XA branch "
                            + xid);
                    r.reply(ok());
                } else {
                    r.reply(error(XAER_RMFAIL, "forget(" + xid + "): " + broker.storeFailure(durable)));
                }
            }));
            return;
        }
        r.reply(forget(xid));
    }

    private Reply forget(XidData xid) {
        XaBranch b = branches.get(xid);
        return error(XAER_NOTA, "forget(" + xid + "): broker '" + broker.name() + "' has no heuristically completed XA branch "
                + xid + (b != null ? "; this branch is " + (b.prepared ? "prepared" : "in progress")
                + ": commit or roll it back instead" : ""));
    }

    /** Every prepared branch, oldest first. */
    List<XidData> recover() {
        List<XidData> out = new ArrayList<>();
        for (XaBranch b : branches.values()) {
            if (b.prepared && !b.ended) {
                out.add(b.xid);
            }
        }
        out.addAll(heuristics.keySet());
        return out;
    }

    // ---- restart and monitoring --------------------------------------------------------------------

    /** A branch found prepared in the store at start: its sends stay invisible, what it consumed stays locked. */
    void restore(StoredBranch sb, List<Broker.Placement> sends, List<XaBranch.Consumed> consumed) {
        XaBranch b = new XaBranch(sb.xid(), null);
        b.txId = sb.txId();
        b.prepared = true;
        b.preparedAt = broker.clock().millis();
        b.sends.addAll(sends);
        b.consumed.addAll(consumed);
        branches.put(b.xid, b);
    }

    /** A heuristic outcome found in the store at start. */
    void restoreHeuristic(StoredHeuristic h) {
        heuristics.put(h.xid(), h);
    }

    /**
     * A stop can fall between the HEURISTIC record and the COMMIT/ROLLBACK it announces: at start, a
     * branch that is still prepared although its heuristic outcome is recorded is completed now.
     */
    void finishInterruptedHeuristics() {
        for (StoredHeuristic h : List.copyOf(heuristics.values())) {
            XaBranch b = branches.get(h.xid());
            if (b != null && b.prepared) {
                LOG.warning("broker '" + broker.name() + "': completing XA branch " + h.xid() + " as its recorded heuristic "
                        + (h.committed() ? "commit" : "rollback") + " says (the broker stopped while applying it)");
                apply(b, h.committed());
            }
        }
    }

    /**
     * The operator's decision for a prepared branch whose transaction manager is gone for good: the
     * outcome is recorded (forced) before it is applied, and recover() reports the branch as
     * heuristically completed until the transaction manager forgets it, so the decision is never silent.
     *
     * @return a line for the operator
     * @throws IllegalStateException when there is no prepared branch with that Xid
     */
    CompletableFuture<String> completeHeuristically(XidData xid, boolean commit) {
        XaBranch b = branches.get(xid);
        if (b == null || !b.prepared || b.ended) {
            throw new IllegalStateException("broker '" + broker.name() + "' has no prepared XA branch " + xid
                    + " (prepared branches: " + recover() + ")");
        }
        StoredHeuristic h = new StoredHeuristic(broker.newId(), xid, commit);
        CompletableFuture<Void> recorded = broker.store().addHeuristic(h);
        heuristics.put(xid, h);
        CompletableFuture<Void> applied = apply(b, commit);
        CompletableFuture<String> out = new CompletableFuture<>();
        CompletableFuture.allOf(recorded, applied).whenComplete((x, e) -> broker.execute(() -> {
            if (e != null) {
                out.completeExceptionally(new IllegalStateException("XA branch " + xid + ": " + broker.storeFailure(
                        recorded.isCompletedExceptionally() ? recorded : applied)));
            } else {
                LOG.warning("broker '" + broker.name() + "': XA branch " + xid + " was " + (commit ? "COMMITTED" : "ROLLED BACK")
                        + " heuristically by an operator (" + b.sends.size() + " sends, " + b.consumed.size() + " consumed);"
                        + " recover() reports it until its transaction manager forgets it");
                out.complete("XA branch " + xid + " " + (commit ? "committed" : "rolled back") + " heuristically");
            }
        }));
        return out;
    }

    /** Completes a prepared branch (COMMIT or ROLLBACK forced), then applies the outcome. */
    private CompletableFuture<Void> apply(XaBranch b, boolean commit) {
        CompletableFuture<Void> durable = commit ? broker.store().commit(b.txId) : broker.store().rollback(b.txId, true);
        b.ended = true;
        branches.remove(b.xid);
        List<Broker.Placement> sends = List.copyOf(b.sends);
        List<XaBranch.Consumed> consumed = List.copyOf(b.consumed);
        return durable.whenComplete((x, e) -> broker.execute(() -> {
            if (e != null) {
                return; // the store refuses writes now; the restart finishes it (finishInterruptedHeuristics)
            }
            if (commit) {
                broker.publish(sends);
                for (XaBranch.Consumed c : consumed) {
                    c.queue().acknowledged(c.message());
                }
            } else {
                for (XaBranch.Consumed c : consumed) {
                    c.queue().returnMessage(c.message(), true);
                }
            }
        }));
    }

    /**
     * Logs the branches that have been prepared for longer than {@code warnAfterMillis}: each waits for
     * its transaction manager, and holds its messages until then.
     */
    void warnAboutOldPrepared(long warnAfterMillis) {
        long now = broker.clock().millis();
        List<String> old = new ArrayList<>();
        for (XaBranch b : branches.values()) {
            if (b.prepared && now - b.preparedAt > warnAfterMillis) {
                old.add(b.xid + " (" + (now - b.preparedAt) / 1000 + " s, " + b.sends.size() + " sends, "
                        + b.consumed.size() + " consumed)");
            }
        }
        if (!old.isEmpty()) {
            LOG.warning("broker '" + broker.name() + "': " + old.size() + " prepared XA branch(es) have waited longer than "
                    + warnAfterMillis / 1000 + " s for their transaction manager to commit or roll them back: " + old
                    + ". Their sends stay invisible and the messages they consumed stay locked until then. Check that the"
                    + " transaction manager's recovery runs and can reach this broker (Xid format formatId:gtrid:bqual, hex).");
        }
    }
}
