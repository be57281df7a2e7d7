package org.tallymq.broker;

import org.tallymq.selector.Selector;

/**
 * A consumer as the broker sees it: where it reads from, what it selects, and how many more
 * messages it may be sent before the client returns credit. Event-loop thread only.
 */
final class ServerConsumer {

    final long id;
    final ServerSession session;
    final MessageQueue queue;
    final Selector selector;
    /** The subscription this consumer reads, or null for a queue consumer. */
    final Subscription subscription;
    private int credits;

    ServerConsumer(long id, ServerSession session, MessageQueue queue, Selector selector, Subscription subscription,
                   int prefetch) {
        this.id = id;
        this.session = session;
        this.queue = queue;
        this.selector = selector;
        this.subscription = subscription;
        this.credits = Math.max(1, prefetch);
    }

    boolean hasCredit() {
        return credits > 0;
    }

    void addCredit(int n) {
        if (n > 0) {
            credits += n;
            queue.requestDispatch();
        }
    }

    /** A delivery the client had buffered was taken back (recover, rollback): its credit returns. */
    void refund() {
        credits++;
    }

    boolean accepts(QueuedMessage m) {
        return selector.matches(m);
    }

    void deliver(MessageQueue from, QueuedMessage m) {
        credits--;
        session.delivered(this, from, m);
    }
}
