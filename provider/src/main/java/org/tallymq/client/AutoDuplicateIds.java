package org.tallymq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tallymq.protocol.PolicyProperties;

/**
 * The {@code autoDuplicateId=true} connection option of one session: a message sent without a
 * {@code TallyDuplicateId} gets a new one (a random UUID per session, then a counter), which stays on the Message object until the send
 * has succeeded (in a transacted session: until {@code commit()} has). An application that repeats a send
 * or a transaction whose outcome it does not know, with the same Message objects, therefore repeats their
 * ids, and the broker keeps one copy of each; once the send succeeded the id is taken off again, so sending
 * the same object later is a new message. Only Tally messages with writable properties are given an id
 * (not a received message forwarded as it is, nor another provider's message).
 *
 * <p>Threading: {@link #stamp}, {@link #sent} and {@link #committed} run on the session's thread of
 * control; {@link #onCompletion} wraps a CompletionListener called on another thread, so the list of
 * messages waiting for commit is guarded by this object's monitor.
 */
final class AutoDuplicateIds {

    private final boolean on;
    /** Random per session, so ids of different sessions, connections and JVMs never meet; a counter follows. */
    private final String prefix = UUID.randomUUID() + ":";
    private long next;
    private final List<TallyMessage> awaitingCommit = new ArrayList<>();

    AutoDuplicateIds(boolean on) {
        this.on = on;
    }

    /** Gives {@code m} a duplicate id if the option is on and it has none; true if it did. */
    boolean stamp(TallyMessage m) {
        if (!on || m.properties.exists(PolicyProperties.DUPLICATE_ID)) {
            return false;
        }
        try {
            m.properties.set(PolicyProperties.DUPLICATE_ID, prefix + next++);
            return true;
        } catch (jakarta.jms.JMSException e) { // read-only properties: a received message sent on as it is
            return false;
        }
    }

    /** A send of a stamped message succeeded: the id comes off now, or at commit in a transacted session. */
    void sent(TallyMessage m, boolean transacted) {
        if (transacted) {
            synchronized (this) {
                awaitingCommit.add(m);
            }
        } else {
            m.properties.remove(PolicyProperties.DUPLICATE_ID);
        }
    }

    /** The transaction committed: the ids of its stamped messages come off. */
    void committed() {
        synchronized (this) {
            for (TallyMessage m : awaitingCommit) {
                m.properties.remove(PolicyProperties.DUPLICATE_ID);
            }
            awaitingCommit.clear();
        }
    }

    /** A completion listener that treats a successful asynchronous send like {@link #sent}. */
    CompletionListener onCompletion(TallyMessage m, boolean transacted, CompletionListener listener) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                sent(m, transacted);
                listener.onCompletion(message);
            }

            @Override
            public void onException(Message message, Exception exception) {
                listener.onException(message, exception);
            }
        };
    }
}
