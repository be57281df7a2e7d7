package org.tallymq.ra;

import jakarta.jms.Queue;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue as an administered object of the resource adapter (ra.xml {@code adminobject}): a JavaBean whose
 * {@code physicalName} property names the queue on the broker. Tally's client accepts it wherever a
 * {@code Queue} is expected (it sends to the queue of that name).
 *
 * <p>Not thread-safe while it is being configured; the server configures it once, before it is bound in JNDI.
 */
public class AdminQueue implements Queue, Serializable {

    private static final long serialVersionUID = 1L;

    private String physicalName;

    public String getPhysicalName() {
        return physicalName;
    }

    public void setPhysicalName(String physicalName) {
        this.physicalName = physicalName;
    }

    /** The physical name, as {@link Queue#getQueueName()} requires. */
    @Override
    public String getQueueName() {
        return physicalName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminQueue other && Objects.equals(physicalName, other.physicalName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(AdminQueue.class, physicalName);
    }

    @Override
    public String toString() {
        return "queue://" + physicalName;
    }
}
