package org.tallymq.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.tallymq.protocol.Command;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.SessionMode;

/**
 * A session as the broker sees it: the deliveries it has been sent and not yet acknowledged, and,
 * when transacted, the sends waiting for commit. Event-loop thread only.
 *
 * <p>A delivery stays here from the moment it is pushed until it is acknowledged (or committed),
 * or returned to its queue by recover, rollback, consumer close (if never consumed) or session close.
 *
 * <p><b>Durability and order.</b> What a request writes to the store takes effect (a sent message
 * becomes visible, a commit's sends appear) and is answered only when the store has forced it; and
 * the session's requests take effect in the order they arrived, even when a later one needs no
 * force ({@link #inOrder}). So a consumer never sees a message that a crash could still take back,
 * and one producer's messages keep their order.
 */
final class ServerSession {



    /** One message pushed to one consumer of this session. */
    record Delivery(long id, ServerConsumer consumer, MessageQueue queue, QueuedMessage message) {
    }

    /** A request whose effect waits for the store (and for the requests before it). */
    private record Pending(CompletableFuture<?> durable, Runnable apply, Runnable undo, Replier replier) {
    }

    final long id;
    final ServerConnection connection;
    final SessionMode mode;
    private final Broker broker;
    private final Map<Long, Delivery> unacked = new LinkedHashMap<>();
    private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
    /** Transacted sends, placed in their queues but not yet visible. */
    private final List<Broker.Placement> pendingSends = new ArrayList<>();
    /** The store's id of the open transaction, 0 while it has written nothing to the store. */
    private long txId;
    /** The XA branch this session is associated with (between XA start and end), or null. */
    XaBranch branch;

    ServerSession(long id, ServerConnection connection, SessionMode mode) {
        this.id = id;
        this.connection = connection;
        this.mode = mode;
        this.broker = connection.broker;
    }

    // ---- ordering --------------------------------------------------------------------------------

    /**
     * Applies {@code apply} and answers {@code replier} once {@code durable} completed and every
     * earlier request of this session has been applied; if the store failed, runs {@code undo}
     * instead and answers with the failure.
     */
    private void inOrder(CompletableFuture<?> durable, Runnable apply, Runnable undo, Replier replier) {
        Pending p = new Pending(durable, apply, undo, replier);
        if (inOrder.isEmpty() && durable.isDone()) {
            complete(p);
            return;
        }
        inOrder.add(p);
        durable.whenComplete((x, e) -> broker.execute(this::drain));
    }

    private void drain() {
        while (!inOrder.isEmpty() && inOrder.peek().durable.isDone()) {
            complete(inOrder.poll());
        }
    }

    private void complete(Pending p) {
        if (p.durable.isCompletedExceptionally()) {
            String why = broker.storeFailure(p.durable);
            p.undo.run();
            p.replier.fail(ErrorCode.STORE_FAILURE, why);
        } else {
            p.apply.run();
            p.replier.ok();
        }
    }

    // ---- deliveries ------------------------------------------------------------------------------

    void delivered(ServerConsumer consumer, MessageQueue queue, QueuedMessage m) {
        long deliveryId = connection.nextDeliveryId();
        unacked.put(deliveryId, new Delivery(deliveryId, consumer, queue, m));
        connection.push(new Command.Deliver(consumer.id, deliveryId, m.deliveries + 1, m.data));
    }

    // ---- send -------------------------------------------------------------------------------------

    void send(MessageData message, Replier replier) {
        broker.flow().admit(() -> admitted(message, replier), replier, "a send to " + message.destination());
    }

    private void admitted(MessageData message, Replier replier) {
        QueuedMessage.Origin origin = new QueuedMessage.Origin(connection.id, connection.clientId);
        if (branch != null && branch.ended) {
            replier.fail(ErrorCode.TRANSACTION_ROLLED_BACK, "the send to " + message.destination() + " is part of "
                    + branch + ", which the broker rolled back: " + branch.endedReason + "; end the branch and start again");
            return;
        }
        List<Broker.Placement> placements = broker.place(message, origin);
        if (branch != null) {
            broker.xa().send(branch, placements);
            replier.ok();
        } else if (mode.isTransacted()) {
            for (Broker.Placement p : placements) {
                if (p.message().stored) {
                    broker.store().addMessageTx(tx(), p.message().sequence, p.queue().storeKey, message);
                }
            }
            pendingSends.addAll(placements);
            replier.ok();
        } else {
            inOrder(broker.persist(placements), () -> broker.publish(placements), () -> { }, replier);
        }
    }

    private long tx() {
        if (txId == 0) {
            txId = broker.newId();
        }
        return txId;
    }

    // ---- acknowledgement and transactions -------------------------------------------------------

    void acknowledge(long[] deliveryIds, Replier replier) {
        List<CompletableFuture<Void>> deletes = new ArrayList<>();
        for (long id : deliveryIds) {
            Delivery d = unacked.remove(id);
            if (d != null) {
                d.queue.acknowledged(d.message);
                if (d.message.stored) {
                    deletes.add(broker.store().deleteMessage(d.message.sequence, true));
                }
            }
        }
        inOrder(allOf(deletes), () -> { }, () -> { }, replier);
    }

    void commit(long[] consumedDeliveryIds, Replier replier) {
        List<Delivery> acked = new ArrayList<>();
        for (long id : consumedDeliveryIds) {
            Delivery d = unacked.remove(id);
            if (d != null) {
                acked.add(d);
                if (d.message.stored) {
                    broker.store().deleteMessageTx(tx(), d.message.sequence);
                }
            }
        }
        List<Broker.Placement> sends = new ArrayList<>(pendingSends);
        pendingSends.clear();
        CompletableFuture<Void> durable = txId == 0 ? CompletableFuture.completedFuture(null) : broker.store().commit(txId);
        txId = 0;
        inOrder(durable, () -> {
            broker.publish(sends);
            for (Delivery d : acked) {
                d.queue.acknowledged(d.message);
            }
        }, () -> {
            for (Delivery d : acked) {
                d.queue.returnMessage(d.message, true);
            }
        }, replier);
    }

    void rollback(long[] consumedDeliveryIds) {
        dropTransaction();
        recover(consumedDeliveryIds);
    }

    private void dropTransaction() {
        pendingSends.clear();
        if (txId != 0) {
            broker.store().rollback(txId, false);
            txId = 0;
        }
    }

    /** Returns every unacknowledged delivery to its queue; consumed ones count as an attempt. */
    void recover(long[] consumedDeliveryIds) {
        long[] consumed = consumedDeliveryIds.clone();
        Arrays.sort(consumed);
        for (Delivery d : unacked.values()) {
            boolean wasConsumed = Arrays.binarySearch(consumed, d.id) >= 0;
            if (!wasConsumed) {
                d.consumer.refund(); // the client drops what it buffered, so the window reopens here
            }
            d.queue.returnMessage(d.message, wasConsumed);
        }
        unacked.clear();
    }

    /** A consumer closed: what it was sent and the application never consumed goes back unchanged. */
    void consumerClosed(ServerConsumer consumer, long[] consumedDeliveryIds) {
        long[] consumed = consumedDeliveryIds.clone();
        Arrays.sort(consumed);
        var it = unacked.values().iterator();
        while (it.hasNext()) {
            Delivery d = it.next();
            if (d.consumer == consumer && Arrays.binarySearch(consumed, d.id) < 0) {
                it.remove();
                d.queue.returnMessage(d.message, false);
            }
        }
    }

    /** Hands one unacknowledged delivery over (to an XA branch); null if there is no such delivery. */
    Delivery takeDelivery(long deliveryId) {
        return unacked.remove(deliveryId);
    }

    /** Returns these consumed deliveries to their queues, as attempts (their XA branch is gone). */
    void returnConsumed(long[] deliveryIds) {
        for (long id : deliveryIds) {
            Delivery d = unacked.remove(id);
            if (d != null) {
                d.queue.returnMessage(d.message, true);
            }
        }
    }

    void close(long[] consumedDeliveryIds) {
        if (branch != null) {
            broker.xa().sessionClosed(this, consumedDeliveryIds); // the transaction manager decides its outcome
        }
        dropTransaction();
        recover(consumedDeliveryIds);
    }

    /**
     * The connection was lost: nobody can say which deliveries the application saw, so every one
     * counts as an attempt (JMSRedelivered=true is allowed to be pessimistic, never optimistic).
     */
    void abandon() {
        if (branch != null) {
            broker.xa().sessionAbandoned(this);
        }
        dropTransaction();
        for (Delivery d : unacked.values()) {
            d.queue.returnMessage(d.message, true);
        }
        unacked.clear();
    }

    static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> fs) {
        if (fs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return fs.size() == 1 ? fs.get(0) : CompletableFuture.allOf(fs.toArray(CompletableFuture<?>[]::new));
    }
}
