package org.tallymq.store;

import java.util.concurrent.CompletableFuture;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.XidData;

/** Keeps nothing: for brokers configured without persistence. Every operation succeeds at once. */
public final class MemoryStore implements MessageStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public long load(Loader loader) {
        return 0;
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public String description() {
        return "in-memory (nothing survives a restart)";
    }

    @Override
    public CompletableFuture<Void> addMessage(long recordId, QueueKey queue, MessageData message) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> deleteMessage(long recordId, boolean sync) {
        return DONE;
    }

    @Override
    public void updateDeliveries(long recordId, int deliveries) {
    }

    @Override
    public void addMessageTx(long txId, long recordId, QueueKey queue, MessageData message) {
    }

    @Override
    public void deleteMessageTx(long txId, long recordId) {
    }

    @Override
    public CompletableFuture<Void> commit(long txId) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> prepare(long txId, XidData xid) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> rollback(long txId, boolean sync) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> addHeuristic(StoredHeuristic h) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> deleteHeuristic(long recordId) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> addSubscription(StoredSubscription s) {
        return DONE;
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(long recordId) {
        return DONE;
    }

    @Override
    public void close() {
    }
}
