package org.tallymq.client;

import jakarta.jms.JMSException;

/**
 * What {@link TallyMessage#acknowledge()} calls: the session that delivered the message, which
 * acknowledges every message it has delivered so far (spec 6.2.10) or ignores the call when its
 * acknowledgement mode is not CLIENT_ACKNOWLEDGE (spec 3.6).
 *
 * <p>Threading: called on the thread that calls {@code Message.acknowledge()}.
 */
@FunctionalInterface
public interface Acknowledger {

    /**
     * Acknowledges on behalf of the message.
     *
     * @throws jakarta.jms.IllegalStateException if the session that delivered the message is closed
     * @throws JMSException                       if the acknowledgement could not be done
     */
    void acknowledge() throws JMSException;
}
