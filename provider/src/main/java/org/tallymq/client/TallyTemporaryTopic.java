package org.tallymq.client;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;
import org.tallymq.jms.TallyTopic;
import org.tallymq.protocol.DestinationRef;

/** A temporary topic; see {@link TallyTemporaryQueue} for the ownership rules. */
public final class TallyTemporaryTopic extends TallyTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TallyConnection owner;

    TallyTemporaryTopic(String name, TallyConnection owner) {
        super(name);
        this.owner = owner;
    }

    TallyConnection owner() {
        return owner;
    }

    @Override
    public DestinationRef toRef() {
        return new DestinationRef(DestinationRef.Kind.TEMP_TOPIC, getPhysicalName());
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new jakarta.jms.IllegalStateException(
                    "temporary topic " + getPhysicalName() + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(toRef());
    }

    @Override
    public String toString() {
        return "temp-topic://" + getPhysicalName();
    }
}
