package org.tallymq.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.XidData;

/**
 * What the broker sees of persistence: persistent messages in durable queues, their delivery
 * counts, durable subscriptions, and transactions over them. Ids are the broker's: one increasing
 * counter for records and transactions, continued above {@link #load}'s answer after a restart.
 *
 * <p>Futures complete on the store's thread; callers post their continuation to their own thread.
 * A future of a forced operation completes only when the record is on disk; a failure means the
 * operation did not take effect and the store refuses further writes until it is reopened.
 *
 * <p>Thread-safe.
 */
public interface MessageStore extends AutoCloseable {

    /** Receives the persisted state at start, on the thread that calls {@link #load}. */
    interface Loader {
        void subscription(StoredSubscription s);

        void message(StoredMessage m);

        /** A prepared XA branch; called after every {@link #message}, so the messages it consumed are known. */
        void preparedBranch(StoredBranch b);

        /** An XA branch completed heuristically by an operator and not yet forgotten. */
        void heuristic(StoredHeuristic h);

        /** A remembered duplicate id (see {@link #addDuplicateId}); ignored by loaders that do not detect duplicates. */
        default void duplicateId(StoredDuplicateId d) {
        }
    }

    /**
     * Replays what is stored into {@code loader}; call once, before any write.
     *
     * @return the highest id (record or transaction) ever used; new ids must be higher
     */
    long load(Loader loader) throws IOException;

    /** False for the in-memory store, which keeps nothing across a restart. */
    boolean isDurable();

    /** Where the store keeps its files, for logs. */
    String description();

    CompletableFuture<Void> addMessage(long recordId, QueueKey queue, MessageData message);

    CompletableFuture<Void> deleteMessage(long recordId, boolean sync);

    /**
     * Reads persistent messages back by record id, with their delivery counts (what a broker that pages
     * bodies out of its heap needs). Blocks the calling thread for the reads; call it off the broker's
     * event loop where reads may be slow. Only a durable store has anything to read.
     *
     * @return one entry per id, in the order asked: null where no such message is stored (acknowledged)
     * @throws IOException if the store failed or a record cannot be read
     */
    List<StoredMessage> readMessages(long[] recordIds) throws IOException;

    /** Records how many delivery attempts a message has seen; not forced. */
    default void updateDeliveries(long recordId, int deliveries) {
        updateDeliveries(recordId, deliveries, 0);
    }

    /**
     * Records how many delivery attempts a message has seen and the wall-clock time before which it must
     * not be delivered again (a redelivery delay; 0 for none); not forced.
     */
    void updateDeliveries(long recordId, int deliveries, long notBefore);

    /** Remembers a duplicate id; forced when {@code sync}, else durable with the next forced write. */
    CompletableFuture<Void> addDuplicateId(StoredDuplicateId d, boolean sync);

    /** Remembers a duplicate id if {@code txId} commits. Not forced. */
    void addDuplicateIdTx(long txId, StoredDuplicateId d);

    /** Forgets a duplicate id (it left the bounded cache); not forced. */
    void deleteDuplicateId(long recordId);

    /** A transacted send: the message exists only if {@code txId} commits. Not forced. */
    void addMessageTx(long txId, long recordId, QueueKey queue, MessageData message);

    /** A transacted acknowledgement: the message is gone only if {@code txId} commits. Not forced. */
    void deleteMessageTx(long txId, long recordId);

    /** Makes every record of {@code txId} take effect; forced. */
    CompletableFuture<Void> commit(long txId);

    /**
     * Writes PREPARE of {@code txId} with the branch's {@code xid}; forced. After it, the transaction
     * survives a restart (see {@link Loader#preparedBranch}) until its COMMIT or ROLLBACK.
     */
    CompletableFuture<Void> prepare(long txId, XidData xid);

    /**
     * Drops every record of {@code txId}. Forced only if {@code sync}: an unprepared transaction rolls
     * back after a crash anyway, a prepared one must not come back once its rollback was answered.
     */
    CompletableFuture<Void> rollback(long txId, boolean sync);

    /** Records an operator's heuristic outcome of an XA branch; forced. */
    CompletableFuture<Void> addHeuristic(StoredHeuristic h);

    /** Deletes a heuristic outcome (the transaction manager forgot the branch); forced. */
    CompletableFuture<Void> deleteHeuristic(long recordId);

    CompletableFuture<Void> addSubscription(StoredSubscription s);

    CompletableFuture<Void> deleteSubscription(long recordId);

    /** How many times the store has forced its files to disk since it opened (0 for a store that keeps nothing). */
    default long forces() {
        return 0;
    }

    @Override
    void close();
}
