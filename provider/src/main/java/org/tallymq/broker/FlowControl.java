package org.tallymq.broker;

import java.util.ArrayDeque;
import java.util.logging.Logger;
import org.tallymq.protocol.ErrorCode;

/**
 * Producer flow control: the bytes of messages held on the heap by the broker's queues are counted
 * (PERSISTENT messages of durable queues are paged out to the journal beyond half the budget, see
 * {@link Pager}, so this mostly holds back NON_PERSISTENT senders), and while they exceed the memory
 * budget a send is not handled but parked, so its producer waits for the
 * answer. Parked sends resume in arrival order as consumers make room; one still parked after the
 * block timeout fails with RESOURCE_ALLOCATION (ResourceAllocationException in the client). Nothing is
 * dropped and the broker never holds more than the budget plus the sends already under way.
 *
 * <p>Event-loop thread only.
 */
final class FlowControl {

    private static final Logger LOG = Logger.getLogger(FlowControl.class.getName());

    private record Parked(Runnable resume, Replier replier, long deadline) {
    }

    private final Broker broker;
    private final long budget;
    private final long timeoutMillis;
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();
    private long used;
    private boolean warned;

    FlowControl(Broker broker, long budget, long timeoutMillis) {
        this.broker = broker;
        this.budget = budget;
        this.timeoutMillis = timeoutMillis;
    }

    long used() {
        return used;
    }

    void added(QueuedMessage m) {
        used += m.size;
    }

    void removed(QueuedMessage m) {
        used -= m.size;
        if (!parked.isEmpty() && used < budget) {
            broker.execute(this::resume);
        }
    }

    /**
     * Runs {@code send} now if there is room (and nobody is waiting ahead of it), else parks it.
     *
     * @param what for the error message: "a send to queue orders"
     */
    void admit(Runnable send, Replier replier, String what) {
        if (used < budget && parked.isEmpty()) {
            send.run();
            return;
        }
        if (!warned) {
            warned = true;
            LOG.warning("broker '" + broker.name() + "': queued messages use " + used + " bytes, over the memory budget of "
                    + budget + "; producers now wait for consumers (up to " + timeoutMillis + " ms each)");
        }
        long deadline = broker.clock().millis() + timeoutMillis;
        parked.add(new Parked(send, replier, deadline));
        broker.schedule(deadline, this::expireWaiting);
    }

    private void resume() {
        while (!parked.isEmpty() && used < budget) {
            parked.poll().resume.run();
        }
        if (parked.isEmpty() && warned && used < budget) {
            warned = false;
            LOG.info("broker '" + broker.name() + "': back under the memory budget; producers proceed");
        }
    }

    private void expireWaiting() {
        long now = broker.clock().millis();
        var it = parked.iterator();
        while (it.hasNext()) {
            Parked p = it.next();
            if (p.deadline <= now) {
                it.remove();
                p.replier.fail(ErrorCode.RESOURCE_ALLOCATION, "broker '" + broker.name() + "' is over its memory budget ("
                        + used + " of " + budget + " bytes queued) and no room came free within " + timeoutMillis
                        + " ms; the message was not sent. Consume faster, raise the budget, or retry later");
            }
        }
    }
}
