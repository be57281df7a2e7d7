package org.tallymq.protocol;

/**
 * A command with its correlation id: requests carry an id chosen by the client, replies carry the
 * id of their request, commands the broker pushes carry 0.
 */
public record Frame(long correlationId, Command command) {
}
