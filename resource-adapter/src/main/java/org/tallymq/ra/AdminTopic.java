package org.tallymq.ra;

import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Objects;

/**
 * A topic as an administered object of the resource adapter (ra.xml {@code adminobject}): a JavaBean whose
 * {@code physicalName} property names the topic on the broker. Tally's client accepts it wherever a
 * {@code Topic} is expected (it publishes to the topic of that name).
 *
 * <p>Not thread-safe while it is being configured; the server configures it once, before it is bound in JNDI.
 */
public class AdminTopic implements Topic, Serializable {

    private static final long serialVersionUID = 1L;

    private String physicalName;

    public String getPhysicalName() {
        return physicalName;
    }

    public void setPhysicalName(String physicalName) {
        this.physicalName = physicalName;
    }

    /** The physical name, as {@link Topic#getTopicName()} requires. */
    @Override
    public String getTopicName() {
        return physicalName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminTopic other && Objects.equals(physicalName, other.physicalName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(AdminTopic.class, physicalName);
    }

    @Override
    public String toString() {
        return "topic://" + physicalName;
    }
}
