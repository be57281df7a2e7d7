package org.tallymq.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.PolicyProperties;
import org.tallymq.store.StoredDuplicateId;
import org.tallymq.store.StoredMessage;

/**
 * Duplicate detection: each queue and topic remembers the last {@link DeliveryPolicy#duplicateCacheSize}
 * values of {@link PolicyProperties#DUPLICATE_ID} sent to it, and a send carrying a remembered id is
 * dropped (and answered like the first one, once the first one is durable). Event-loop thread only.
 *
 * <p><b>What is stored, and why it survives a crash.</b> The id of a PERSISTENT message is written as a
 * DUPLICATE_ID record right after the message's own records; when an id leaves the cache its record is
 * deleted. At start the records are replayed, and so are the ids of live messages. The id's record is not
 * forced by itself when the message has a stored copy: the journal writes in order, so every record that
 * removes a copy (an acknowledgement, an expiry, a move to a dead-letter queue) comes after the id's record
 * and makes it durable when it is; until then the live copy carries the id, and a crash that loses the
 * id's record keeps the copy, whose id is then written again at start. A PERSISTENT message with no stored
 * copy (a topic without durable subscriptions) has its id's record forced before the send is answered.
 * (A message that replay keeps as an id only, beyond the paging threshold, is not read at start; its id is
 * recovered from its DUPLICATE_ID record alone, so the narrow window above is not closed for it.)
 * Ids of NON_PERSISTENT messages are remembered in memory only: such a message does not survive a
 * restart either.
 *
 * <p><b>Transactions.</b> A transacted send with an id is held back until commit, where it is checked
 * against the cache (and the earlier sends of the same transaction): a duplicate is dropped, the others
 * are written with their ids in the transaction, and the commit succeeds. So a producer that repeats a
 * whole transaction whose commit outcome it does not know gets each message once.
 *
 * <p>Not covered: temporary destinations (they do not outlive their connection) and sends whose
 * destination's cache size is 0.
 */
final class DuplicateDetector {

    private static final Logger LOG = Logger.getLogger(DuplicateDetector.class.getName());

    /** A remembered id: its store record (0: not stored) and when the send that brought it is durable. */
    record Seen(long recordId, CompletableFuture<?> durable) {
    }

    /** A transacted send held back until commit. */
    record Held(MessageData message, List<Broker.Placement> placements) {
    }

    /** What a commit admitted: the placements to publish and the ids to remember once COMMIT is appended. */
    record Admitted(List<Broker.Placement> placements, List<Entry> ids) {
    }

    record Entry(DestinationRef destination, String id, long recordId) {
    }

    private final Broker broker;
    private final Map<DestinationRef, LinkedHashMap<String, Seen>> windows = new HashMap<>();

    DuplicateDetector(Broker broker) {
        this.broker = broker;
    }

    /** The message's duplicate id, or null when it carries none or its destination does not detect duplicates. */
    String idOf(MessageData m) {
        Object v = m.properties().get(PolicyProperties.DUPLICATE_ID);
        DestinationRef d = m.destination();
        if (v == null || d == null || d.kind().isTemporary() || capacity(d) == 0) {
            return null;
        }
        return v.toString();
    }

    private int capacity(DestinationRef d) {
        return broker.config().policies().forName(d.name()).duplicateCacheSize();
    }

    /** The earlier send of the same id to the same destination, or null. */
    Seen find(MessageData m) {
        String id = idOf(m);
        if (id == null) {
            return null;
        }
        Map<String, Seen> w = windows.get(m.destination());
        return w == null ? null : w.get(id);
    }

    /**
     * Remembers the id of a non-transacted send whose own records are being written ({@code sendDurable});
     * call after they were appended.
     *
     * @return what must be durable before the send is answered (the send and, if stored, its id)
     */
    CompletableFuture<Void> remember(MessageData m, boolean storedCopies, CompletableFuture<Void> sendDurable) {
        String id = idOf(m);
        if (id == null) {
            return sendDurable;
        }
        CompletableFuture<Void> durable = sendDurable;
        long recordId = 0;
        if (m.isPersistent() && broker.store().isDurable()) {
            recordId = broker.newId();
            StoredDuplicateId stored = new StoredDuplicateId(recordId, !m.destination().isQueue(), m.destination().name(), id);
            CompletableFuture<Void> idWrite = broker.store().addDuplicateId(stored, !storedCopies); // see the class comment
            durable = ServerSession.allOf(List.of(sendDurable, idWrite));
        }
        put(m.destination(), id, new Seen(recordId, durable));
        return durable;
    }

    /** The send that brought {@code m}'s id failed in the store: forget the id, so a retry is not taken for a duplicate. */
    void forget(MessageData m, CompletableFuture<?> durable) {
        String id = idOf(m);
        if (id != null) {
            forget(m.destination(), id, durable);
        }
    }

    /**
     * At commit: drops every held send whose id is remembered or came earlier in the same transaction, and
     * writes the others (message and id) into transaction {@code txId}.
     */
    Admitted admitAtCommit(List<Held> held, LongSupplier txId) {
        List<Broker.Placement> placements = new ArrayList<>();
        List<Entry> ids = new ArrayList<>();
        Set<Entry> inThisTx = new HashSet<>();
        for (Held h : held) {
            MessageData m = h.message();
            String id = idOf(m);
            Entry key = new Entry(m.destination(), id, 0);
            if (find(m) != null || !inThisTx.add(key)) {
                LOG.fine(() -> "broker '" + broker.name() + "': transacted send of message " + m.messageId() + " to "
                        + m.destination() + " dropped at commit: duplicate id '" + id + "'");
                continue;
            }
            for (Broker.Placement p : h.placements()) {
                if (p.message().stored) {
                    broker.store().addMessageTx(txId.getAsLong(), p.message().sequence, p.queue().storeKey, m);
                }
            }
            long recordId = 0;
            if (m.isPersistent() && broker.store().isDurable()) {
                recordId = broker.newId();
                broker.store().addDuplicateIdTx(txId.getAsLong(),
                        new StoredDuplicateId(recordId, !m.destination().isQueue(), m.destination().name(), id));
            }
            placements.addAll(h.placements());
            ids.add(new Entry(m.destination(), id, recordId));
        }
        return new Admitted(placements, ids);
    }

    /** Remembers what a commit admitted; call after its COMMIT was appended. */
    void remember(Admitted a, CompletableFuture<?> commitDurable) {
        for (Entry e : a.ids()) {
            put(e.destination(), e.id(), new Seen(e.recordId(), commitDurable));
        }
    }

    /** The commit failed in the store: forget its ids. */
    void forget(Admitted a, CompletableFuture<?> commitDurable) {
        for (Entry e : a.ids()) {
            forget(e.destination(), e.id(), commitDurable);
        }
    }

    /**
     * At start, after the store was replayed: the stored ids, oldest first, and the ids of live messages
     * that have no record yet (written now).
     */
    void restore(List<StoredDuplicateId> stored, List<StoredMessage> live) {
        stored.sort(Comparator.comparingLong(StoredDuplicateId::recordId));
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (StoredDuplicateId s : stored) {
            DestinationRef d = s.topic() ? DestinationRef.topic(s.destination()) : DestinationRef.queue(s.destination());
            if (capacity(d) == 0) {
                broker.store().deleteDuplicateId(s.recordId()); // detection was switched off for it
                continue;
            }
            put(d, s.id(), new Seen(s.recordId(), done));
        }
        for (StoredMessage m : live) {
            MessageData data = m.message();
            if (data.properties().containsKey(PolicyProperties.ORIGINAL_DESTINATION)) {
                continue; // a dead-lettered or expired copy: its id belongs to where it was sent
            }
            String id = idOf(data);
            if (id == null || find(data) != null) {
                continue;
            }
            long recordId = broker.newId();
            broker.store().addDuplicateId(new StoredDuplicateId(recordId, !data.destination().isQueue(),
                    data.destination().name(), id), false); // before any record that could remove the message
            put(data.destination(), id, new Seen(recordId, done));
        }
    }

    private void put(DestinationRef d, String id, Seen seen) {
        LinkedHashMap<String, Seen> w = windows.computeIfAbsent(d, x -> new LinkedHashMap<>());
        Seen previous = w.remove(id);
        if (previous != null && previous.recordId() != 0 && previous.recordId() != seen.recordId()) {
            broker.store().deleteDuplicateId(previous.recordId());
        }
        w.put(id, seen);
        int capacity = capacity(d);
        Iterator<Seen> it = w.values().iterator();
        while (w.size() > capacity && it.hasNext()) {
            Seen oldest = it.next();
            it.remove();
            if (oldest.recordId() != 0) {
                broker.store().deleteDuplicateId(oldest.recordId());
            }
        }
    }

    private void forget(DestinationRef d, String id, CompletableFuture<?> durable) {
        Map<String, Seen> w = windows.get(d);
        if (w != null) {
            Seen s = w.get(id);
            if (s != null && s.durable() == durable) {
                w.remove(id);
            }
        }
    }

    /** Ids remembered for a destination (for tests and diagnostics). */
    int size(DestinationRef d) {
        Map<String, Seen> w = windows.get(d);
        return w == null ? 0 : w.size();
    }
}
