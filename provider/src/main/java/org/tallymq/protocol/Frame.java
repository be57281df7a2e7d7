package org.tallymq.protocol;

import java.util.Objects;

/**
 * One command on the wire with its correlation id. Requests carry an id chosen by the client
 * (unique among its outstanding requests), replies carry the id of the request they answer,
 * commands pushed by the broker ({@link Command.Deliver}, {@link Command.ConnectionClosedByBroker})
 * and one-way requests without a reply ({@link Command.Credit}) carry what their sender chose, by
 * convention 0 for pushed commands. Immutable; encode with {@link Codec#encode(Frame)}.
 */
public record Frame(long correlationId, Command command) {

    public Frame {
        Objects.requireNonNull(command, "command");
    }
}
