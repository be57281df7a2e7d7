package org.tallymq.protocol;

import java.util.Objects;

/**
 * A destination as the broker knows it: its kind and its physical name. Client-side
 * {@code jakarta.jms.Destination} objects are converted to and from this value at the API edge.
 */
public record DestinationRef(Kind kind, String name) {

    public enum Kind {
        QUEUE, TOPIC, TEMP_QUEUE, TEMP_TOPIC;

        public boolean isQueue() {
            return this == QUEUE || this == TEMP_QUEUE;
        }

        public boolean isTemporary() {
            return this == TEMP_QUEUE || this == TEMP_TOPIC;
        }
    }

    public DestinationRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationRef queue(String name) {
        return new DestinationRef(Kind.QUEUE, name);
    }

    public static DestinationRef topic(String name) {
        return new DestinationRef(Kind.TOPIC, name);
    }

    public boolean isQueue() {
        return kind.isQueue();
    }

    @Override
    public String toString() {
        return (isQueue() ? "queue " : "topic ") + name;
    }
}
