package org.tallymq.jms;

import jakarta.jms.Destination;
import java.io.Serializable;
import java.util.Objects;
import org.tallymq.protocol.DestinationRef;

/**
 * Base of Tally's destinations: a kind and a physical name. Two destinations are equal when
 * both are equal, so a queue looked up in JNDI equals the one made by {@code Session.createQueue}.
 */
public abstract class TallyDestination implements Destination, Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;

    protected TallyDestination(String name) {
        this.name = Objects.requireNonNull(name, "a destination needs a physical name");
    }

    /** The physical name, as the broker knows it. */
    public String getPhysicalName() {
        return name;
    }

    /** This destination as the protocol carries it. */
    public abstract DestinationRef toRef();

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TallyDestination other)) {
            return false;
        }
        return toRef().kind() == other.toRef().kind() && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(toRef().kind(), name);
    }
}
