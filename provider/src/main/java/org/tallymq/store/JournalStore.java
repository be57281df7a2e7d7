package org.tallymq.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.ProtocolException;
import org.tallymq.protocol.XidData;
import org.tallymq.store.journal.JournalRecord;
import org.tallymq.store.journal.Journal;
import org.tallymq.store.journal.LiveRecord;
import org.tallymq.store.journal.LoadSummary;
import org.tallymq.store.journal.PreparedTransaction;
import org.tallymq.store.journal.RecoveryReport;
import org.tallymq.store.journal.ReplayHandler;

/**
 * The durable store: broker records in Tally's append-only journal (format in
 * {@link StoreCodec} and {@code store.journal.RecordCodec}). Thread-safe.
 */
public final class JournalStore implements MessageStore {

    private static final Logger LOG = Logger.getLogger(JournalStore.class.getName());

    private final Path dir;
    private final Journal journal;

    private JournalStore(Path dir, Journal journal) {
        this.dir = dir;
        this.journal = journal;
    }

    /**
     * Opens (creating if needed) the journal in {@code dir}.
     *
     * @param repair cut the journal at the first corrupt record instead of refusing to start
     * @throws IOException when the journal cannot be opened, for example because it is corrupt
     */
    public static JournalStore open(Path dir, int segmentBytes, boolean repair) throws IOException {
        Journal j = Journal.builder(dir).segmentSize(segmentBytes).repair(repair).open();
        RecoveryReport r = j.recoveryReport();
        if (!r.tornTails().isEmpty() || !r.rolledBackTransactions().isEmpty()) {
            LOG.info("journal " + dir + ": recovered after an unclean stop: torn tail cut " + r.tornTails()
                    + ", unfinished transactions rolled back " + r.rolledBackTransactions());
        }
        if (!r.repairs().isEmpty()) {
            LOG.warning("journal " + dir + " was REPAIRED at start (repair option): dropped " + r.repairs()
                    + "; messages in the dropped part are lost");
        }
        return new JournalStore(dir, j);
    }

    @Override
    public long load(Loader loader) throws IOException {
        IOException[] failure = new IOException[1];
        List<PreparedTransaction> prepared = new ArrayList<>();
        LoadSummary summary = journal.load(new ReplayHandler() {
            @Override
            public void onRecord(LiveRecord r) {
                if (failure[0] != null) {
                    return;
                }
                try {
                    if (r.userType() == StoreCodec.SUBSCRIPTION) {
                        loader.subscription(StoreCodec.decodeSubscription(r.recordId(), r.payload()));
                    } else if (r.userType() == StoreCodec.MESSAGE) {
                        List<byte[]> updates = r.updates();
                        byte[] last = updates.isEmpty() ? null : updates.get(updates.size() - 1);
                        int deliveries = last == null ? 0 : StoreCodec.decodeDeliveries(r.recordId(), last);
                        long notBefore = last == null ? 0 : StoreCodec.decodeNotBefore(r.recordId(), last);
                        loader.message(StoreCodec.decodeMessage(r.recordId(), r.payload(), deliveries, notBefore));
                    } else if (r.userType() == StoreCodec.DUPLICATE_ID) {
                        loader.duplicateId(StoreCodec.decodeDuplicateId(r.recordId(), r.payload()));
                    } else if (r.userType() == StoreCodec.HEURISTIC) {
                        loader.heuristic(StoreCodec.decodeHeuristic(r.recordId(), r.payload()));
                    } else {
                        failure[0] = new IOException("journal " + dir + ": record " + r.recordId() + " has unknown type "
                                + r.userType() + "; this broker knows MESSAGE (1), SUBSCRIPTION (2), DUPLICATE_ID (3) and"
                                + " HEURISTIC (5)");
                    }
                } catch (ProtocolException e) {
                    failure[0] = new IOException("journal " + dir + ": record " + r.recordId() + " cannot be read: "
                            + e.getMessage(), e);
                }
            }

            @Override
            public void onPrepared(PreparedTransaction t) {
                prepared.add(t);
            }
        });
        for (PreparedTransaction t : prepared) {
            if (failure[0] == null) {
                try {
                    loader.preparedBranch(branch(t));
                } catch (ProtocolException | IllegalArgumentException e) {
                    failure[0] = new IOException("journal " + dir + ": prepared transaction " + t.txId()
                            + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return Math.max(summary.maxRecordId(), summary.maxTxId());
    }

    /** A prepared transaction's records as a branch: TX_ADD of a MESSAGE is a send, TX_DELETE a consumed message. */
    private StoredBranch branch(PreparedTransaction t) throws ProtocolException {
        List<StoredMessage> sends = new ArrayList<>();
        long[] deletes = new long[t.records().size()];
        int d = 0;
        for (JournalRecord r : t.records()) {
            switch (r.type()) {
                case TX_ADD -> {
                    if (r.userType() != StoreCodec.MESSAGE) {
                        throw new ProtocolException("record " + r.recordId() + " of the transaction has type " + r.userType()
                                + "; a branch only sends messages");
                    }
                    sends.add(StoreCodec.decodeMessage(r.recordId(), r.payload(), 0));
                }
                case TX_DELETE -> deletes[d++] = r.recordId();
                default -> throw new ProtocolException("the transaction holds a " + r.type() + " record, which no branch writes");
            }
        }
        return new StoredBranch(t.txId(), XidData.fromBytes(t.xid()), sends, java.util.Arrays.copyOf(deletes, d));
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public String description() {
        return "journal in " + dir;
    }

    @Override
    public CompletableFuture<Void> addMessage(long recordId, QueueKey queue, MessageData message) {
        return journal.appendAdd(recordId, StoreCodec.MESSAGE, StoreCodec.encodeMessage(queue, message), true);
    }

    @Override
    public CompletableFuture<Void> deleteMessage(long recordId, boolean sync) {
        return journal.appendDelete(recordId, sync);
    }

    @Override
    public List<StoredMessage> readMessages(long[] recordIds) throws IOException {
        List<LiveRecord> records = journal.read(recordIds);
        List<StoredMessage> out = new ArrayList<>(records.size());
        for (LiveRecord r : records) {
            out.add(r == null ? null : decode(r));
        }
        return out;
    }

    private StoredMessage decode(LiveRecord r) throws IOException {
        if (r.userType() != StoreCodec.MESSAGE) {
            throw new IOException("journal " + dir + ": record " + r.recordId() + " is of type " + r.userType()
                    + ", not a message (1); the broker asked for the wrong id");
        }
        try {
            List<byte[]> updates = r.updates();
            byte[] last = updates.isEmpty() ? null : updates.get(updates.size() - 1);
            int deliveries = last == null ? 0 : StoreCodec.decodeDeliveries(r.recordId(), last);
            long notBefore = last == null ? 0 : StoreCodec.decodeNotBefore(r.recordId(), last);
            return StoreCodec.decodeMessage(r.recordId(), r.payload(), deliveries, notBefore);
        } catch (ProtocolException e) {
            throw new IOException("journal " + dir + ": record " + r.recordId() + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void updateDeliveries(long recordId, int deliveries, long notBefore) {
        journal.appendUpdate(recordId, StoreCodec.encodeDeliveries(deliveries, notBefore), false);
    }

    @Override
    public CompletableFuture<Void> addDuplicateId(StoredDuplicateId d, boolean sync) {
        return journal.appendAdd(d.recordId(), StoreCodec.DUPLICATE_ID, StoreCodec.encodeDuplicateId(d), sync);
    }

    @Override
    public void addDuplicateIdTx(long txId, StoredDuplicateId d) {
        journal.appendAddTx(txId, d.recordId(), StoreCodec.DUPLICATE_ID, StoreCodec.encodeDuplicateId(d));
    }

    @Override
    public void deleteDuplicateId(long recordId) {
        journal.appendDelete(recordId, false);
    }

    @Override
    public void addMessageTx(long txId, long recordId, QueueKey queue, MessageData message) {
        journal.appendAddTx(txId, recordId, StoreCodec.MESSAGE, StoreCodec.encodeMessage(queue, message));
    }

    @Override
    public void deleteMessageTx(long txId, long recordId) {
        journal.appendDeleteTx(txId, recordId);
    }

    @Override
    public CompletableFuture<Void> commit(long txId) {
        return journal.appendCommit(txId, true);
    }

    @Override
    public CompletableFuture<Void> prepare(long txId, XidData xid) {
        return journal.appendPrepare(txId, xid.toBytes());
    }

    @Override
    public CompletableFuture<Void> rollback(long txId, boolean sync) {
        return journal.appendRollback(txId, sync);
    }

    @Override
    public CompletableFuture<Void> addHeuristic(StoredHeuristic h) {
        return journal.appendAdd(h.recordId(), StoreCodec.HEURISTIC, StoreCodec.encodeHeuristic(h), true);
    }

    @Override
    public CompletableFuture<Void> deleteHeuristic(long recordId) {
        return journal.appendDelete(recordId, true);
    }

    @Override
    public CompletableFuture<Void> addSubscription(StoredSubscription s) {
        return journal.appendAdd(s.recordId(), StoreCodec.SUBSCRIPTION, StoreCodec.encodeSubscription(s), true);
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(long recordId) {
        return journal.appendDelete(recordId, true);
    }

    @Override
    public long forces() {
        return journal.forces();
    }

    @Override
    public void close() {
        journal.close();
    }
}
