package org.tallymq.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tallymq.protocol.MessageData;

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
    void updateDeliveries(long recordId, int deliveries);

    /** A transacted send: the message exists only if {@code txId} commits. Not forced. */
    void addMessageTx(long txId, long recordId, QueueKey queue, MessageData message);

    /** A transacted acknowledgement: the message is gone only if {@code txId} commits. Not forced. */
    void deleteMessageTx(long txId, long recordId);

    /** Makes every record of {@code txId} take effect; forced. */
    CompletableFuture<Void> commit(long txId);

    /** Drops every record of {@code txId}; not forced (a crash before it rolls back anyway). */
    void rollback(long txId);

    CompletableFuture<Void> addSubscription(StoredSubscription s);

    CompletableFuture<Void> deleteSubscription(long recordId);

    @Override
    void close();
}
