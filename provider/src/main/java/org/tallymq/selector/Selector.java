package org.tallymq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * A parsed Jakarta Messaging message selector (Jakarta Messaging 3.1, section 3.8.1): a condition
 * on a message's header fields and properties, in a subset of SQL-92.
 *
 * <p>{@link #parse} checks the whole text once and builds a tree of small immutable nodes;
 * {@link #matches} then evaluates that tree against a message with SQL's three-valued logic: a
 * message matches only when the selector is TRUE, never when it is FALSE or UNKNOWN.
 *
 * <p>Choices the specification leaves open, made here (each is documented where it is implemented
 * and pinned by tests):
 * <ul>
 *   <li>Names beginning with {@code JMS} other than the six selectable headers and the
 *       {@code JMSX}/{@code JMS_} property prefixes are rejected ({@link Identifiers}).</li>
 *   <li>Integer arithmetic is done in long; overflow and division by zero give UNKNOWN
 *       ({@link Numbers}).</li>
 *   <li>Comparing values of different types gives FALSE, as section 3.8.1.1 says; IN and LIKE on a
 *       value that is not a String give UNKNOWN ({@link In}, {@link Like}).</li>
 *   <li>An escape character in a LIKE pattern must be followed by {@code _}, {@code %} or itself
 *       ({@link LikePattern}).</li>
 *   <li>Type errors that hold for every message (such as {@code JMSPriority LIKE '4%'} or
 *       {@code TRUE = 0}) are reported when the selector is parsed ({@link Parser}).</li>
 * </ul>
 *
 * <p>Thread-safety: instances are immutable; {@link #matches} may be called by any number of
 * threads at once. {@link #parse} is thread-safe too (it shares nothing).
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector("", null);

    private final String text;
    /** The condition; null for a selector that matches every message. */
    private final Expression expression;

    private Selector(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses a selector.
     *
     * @param text the selector; null, "" or only whitespace (space, tab, form feed, CR, LF) gives a
     *     selector that matches every message (section 3.8.1.1: an empty selector is "treated as a
     *     null and indicates that there is no message selector")
     * @throws InvalidSelectorException when the text is not a valid selector; the message quotes
     *     the text, names the 1-based column (and line, for a text of several lines) and says what
     *     was expected there and what was found, e.g. {@code Invalid selector "a = = 1": at column
     *     5 expected a value but found '='}
     */
    public static Selector parse(String text) throws InvalidSelectorException {
        if (text == null || isBlank(text)) {
            return MATCH_ALL;
        }
        return new Selector(text, Parser.parse(text));
    }

    /**
     * Evaluates the selector against a message.
     *
     * @return true only when the selector is TRUE for the message; false when it is FALSE or
     *     UNKNOWN (for example because a property it needs is absent or has an unsuitable type).
     *     Never throws for any content of the message; exceptions thrown by {@code message}
     *     itself propagate.
     * @throws IllegalArgumentException when {@code message} is null
     */
    public boolean matches(SelectorContext message) {
        if (expression == null) {
            return true;
        }
        if (message == null) {
            throw new IllegalArgumentException("Cannot evaluate the selector \"" + text + "\" without a message: "
                    + "the SelectorContext is null");
        }
        return Boolean.TRUE.equals(expression.evaluate(message));
    }

    /**
     * The selector as given to {@link #parse}; the empty string for a selector that matches every
     * message because its text was null, empty or blank.
     */
    public String text() {
        return text;
    }

    /** True when the selector text was null, empty or blank: there is no selector (section 3.8.1.1). */
    public boolean matchesEverything() {
        return expression == null;
    }

    /**
     * The three-valued result: TRUE, FALSE, or null for UNKNOWN (for tests and diagnostics).
     * A selector that matches everything gives TRUE.
     */
    Boolean evaluate(SelectorContext message) {
        return expression == null ? Boolean.TRUE : Logic.truth(expression.evaluate(message));
    }

    /** The parsed tree, fully parenthesised; "" for a selector that matches everything. */
    String tree() {
        return expression == null ? "" : expression.toString();
    }

    Expression expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression == null ? "Selector[matches everything]" : "Selector[" + text + "]";
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Lexer.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
