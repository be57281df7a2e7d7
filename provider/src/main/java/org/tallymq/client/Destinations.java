package org.tallymq.client;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.tallymq.jms.TallyDestination;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyTopic;
import org.tallymq.protocol.DestinationRef;

/** Converts between API destinations and {@link DestinationRef}. */
public final class Destinations {

    private Destinations() {
    }

    /**
     * The protocol form of a destination given by the application.
     *
     * @throws InvalidDestinationException for null or a destination of another provider that
     *                                     names neither a queue nor a topic
     */
    public static DestinationRef toRef(Destination d) throws JMSException {
        if (d == null) {
            throw new InvalidDestinationException("the destination is null");
        }
        if (d instanceof TallyDestination td) {
            return td.toRef();
        }
        // A destination of another provider: use its name, as the spec allows for foreign objects.
        if (d instanceof Queue q) {
            String name = q.getQueueName();
            if (name != null && !name.isEmpty()) {
                return DestinationRef.queue(name);
            }
        } else if (d instanceof Topic t) {
            String name = t.getTopicName();
            if (name != null && !name.isEmpty()) {
                return DestinationRef.topic(name);
            }
        }
        throw new InvalidDestinationException("not a destination Tally can use: " + d.getClass().getName()
                + " (expected a Queue or Topic with a name)");
    }

    /** The API object for a destination that arrived in a message (JMSDestination, JMSReplyTo). */
    public static Destination fromRef(DestinationRef ref) {
        if (ref == null) {
            return null;
        }
        return switch (ref.kind()) {
            case QUEUE -> new TallyQueue(ref.name());
            case TOPIC -> new TallyTopic(ref.name());
            case TEMP_QUEUE -> new TallyTemporaryQueue(ref.name(), null);
            case TEMP_TOPIC -> new TallyTemporaryTopic(ref.name(), null);
        };
    }
}
