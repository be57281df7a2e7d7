package org.tallymq.selector;

/**
 * A node of a parsed selector. Nodes are immutable and hold no per-message state, so one tree is
 * evaluated by any number of threads at once.
 *
 * <p>{@link #evaluate} returns the node's value for a message: a Boolean, a Number (Byte, Short,
 * Integer, Long, Float or Double) or a String, or null for SQL's NULL / UNKNOWN (section 3.8.1.2).
 * Conditions return exactly {@link Boolean#TRUE}, {@link Boolean#FALSE} or null. Evaluation never
 * throws, whatever the message holds, and allocates nothing except boxed arithmetic results.
 *
 * <p>{@link Object#toString()} renders the node fully parenthesised, in a form that parses back to
 * the same tree: {@code a OR b AND c} gives {@code (a OR (b AND c))}.
 */
sealed interface Expression
        permits Literal, Identifier, Arithmetic, Sign, Comparison, Between, In, Like, IsNull, And, Or, Not {

    Object evaluate(SelectorContext message);
}
