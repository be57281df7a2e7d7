package org.tallymq.jms;

import jakarta.jms.Queue;
import org.tallymq.protocol.DestinationRef;

/** A queue, named by its physical name. Created on the broker when first used. */
public class TallyQueue extends TallyDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public TallyQueue(String physicalName) {
        super(physicalName);
    }

    @Override
    public String getQueueName() {
        return getPhysicalName();
    }

    @Override
    public DestinationRef toRef() {
        return DestinationRef.queue(getPhysicalName());
    }

    @Override
    public String toString() {
        return "queue://" + getPhysicalName();
    }
}
