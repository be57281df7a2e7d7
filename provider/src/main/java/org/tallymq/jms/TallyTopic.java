package org.tallymq.jms;

import jakarta.jms.Topic;
import org.tallymq.protocol.DestinationRef;

/** A topic, named by its physical name. Created on the broker when first used. */
public class TallyTopic extends TallyDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public TallyTopic(String physicalName) {
        super(physicalName);
    }

    @Override
    public String getTopicName() {
        return getPhysicalName();
    }

    @Override
    public DestinationRef toRef() {
        return DestinationRef.topic(getPhysicalName());
    }

    @Override
    public String toString() {
        return "topic://" + getPhysicalName();
    }
}
