package org.tallymq.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tallymq.protocol.XidData;

/**
 * One XA transaction branch inside the broker: the sends it made (placed in their queues, invisible)
 * and the messages it consumed (locked in flight), until it commits or rolls back. Event-loop thread
 * only; {@link XaTransactions} owns the state changes.
 */
final class XaBranch {

    /** A message the branch consumed: acknowledged if it commits, returned to its queue if not. */
    record Consumed(MessageQueue queue, QueuedMessage message) {
    }

    final XidData xid;
    /** The connection that started it; null for a branch restored from the store. */
    final ServerConnection owner;
    /** Sessions associated now (between start and end) and suspended (TMSUSPEND). */
    final Set<ServerSession> active = new HashSet<>();
    final Set<ServerSession> suspended = new HashSet<>();
    final List<Broker.Placement> sends = new ArrayList<>();
    final List<Consumed> consumed = new ArrayList<>();
    /** The store's transaction id; 0 while the branch has written nothing. */
    long txId;
    /** 0, or the XA_RB* code with which the branch must roll back (TMFAIL, timeout, lost connection). */
    int rollbackOnly;
    String rollbackReason;
    boolean prepared;
    /** Wall-clock time of the prepare (or of the restart that found it prepared). */
    long preparedAt;
    /** Set when the branch is finished (committed or rolled back): sessions still pointing at it fail. */
    boolean ended;
    /** The XA_RB* code with which the broker ended it, for the calls that still come. */
    int endedCode;
    String endedReason;

    XaBranch(XidData xid, ServerConnection owner) {
        this.xid = xid;
        this.owner = owner;
    }

    boolean isAssociated() {
        return !active.isEmpty() || !suspended.isEmpty();
    }

    /** Whether the branch did anything a commit would change (XA_RDONLY otherwise). */
    boolean didWork() {
        return !sends.isEmpty() || !consumed.isEmpty();
    }

    @Override
    public String toString() {
        return "XA branch " + xid;
    }
}
