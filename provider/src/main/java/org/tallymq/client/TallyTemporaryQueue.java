package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import org.tallymq.jms.TallyQueue;
import org.tallymq.protocol.DestinationRef;

/**
 * A temporary queue. Only the connection that created it ({@link #owner}) may consume from it or
 * delete it; a copy received in JMSReplyTo has no owner here and can only be sent to.
 */
public final class TallyTemporaryQueue extends TallyQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TallyConnection owner;

    TallyTemporaryQueue(String name, TallyConnection owner) {
        super(name);
        this.owner = owner;
    }

    TallyConnection owner() {
        return owner;
    }

    @Override
    public DestinationRef toRef() {
        return new DestinationRef(DestinationRef.Kind.TEMP_QUEUE, getPhysicalName());
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary queue " + getPhysicalName() + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(toRef());
    }

    @Override
    public String toString() {
        return "temp-queue://" + getPhysicalName();
    }
}
