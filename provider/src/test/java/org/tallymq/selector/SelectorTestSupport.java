package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.jms.InvalidSelectorException;

/** Shared helpers: parse-or-fail, three-valued evaluation, and checks of error positions. */
final class SelectorTestSupport {

    /** Stands for UNKNOWN in expectations (a null Boolean). */
    static final Boolean UNKNOWN = null;

    private SelectorTestSupport() {
    }

    static Selector parse(String selector) {
        try {
            return Selector.parse(selector);
        } catch (InvalidSelectorException e) {
            return fail("expected a valid selector: " + selector + " but got: " + e.getMessage(), e);
        }
    }

    /** TRUE, FALSE or null (UNKNOWN). */
    static Boolean evaluate(String selector, SelectorContext message) {
        Selector parsed = parse(selector);
        Boolean result = parsed.evaluate(message);
        // matches() must agree with the three-valued result: only TRUE matches
        assertEquals(result == Boolean.TRUE, parsed.matches(message),
                () -> "matches() disagrees with evaluate() for " + selector + " on " + message);
        return result;
    }

    static void assertTrueFor(String selector, SelectorContext message) {
        assertEquals(Boolean.TRUE, evaluate(selector, message), () -> selector + " on " + message);
    }

    static void assertFalseFor(String selector, SelectorContext message) {
        assertEquals(Boolean.FALSE, evaluate(selector, message), () -> selector + " on " + message);
    }

    static void assertUnknownFor(String selector, SelectorContext message) {
        assertEquals(UNKNOWN, evaluate(selector, message), () -> selector + " on " + message);
    }

    static void assertResult(Boolean expected, String selector, SelectorContext message) {
        assertEquals(expected, evaluate(selector, message), () -> selector + " on " + message);
    }

    /** The value of the literal on the right of {@code x = <literal>}. */
    static Object literal(String literal) {
        Expression e = parse("x = " + literal).expression();
        assertTrue(e instanceof Comparison, () -> "not a comparison: " + e);
        Expression right = ((Comparison) e).right();
        assertTrue(right instanceof Literal, () -> literal + " did not parse to a literal but to " + right);
        return ((Literal) right).value();
    }

    static String tree(String selector) {
        return parse(selector).tree();
    }

    static InvalidSelectorException invalid(String selector) {
        return assertThrows(InvalidSelectorException.class, () -> Selector.parse(selector),
                () -> "expected InvalidSelectorException for: " + selector);
    }

    /** Asserts the selector is invalid, the error names the column and contains the fragment. */
    static InvalidSelectorException invalidAt(String selector, int column, String fragment) {
        InvalidSelectorException e = invalid(selector);
        String message = e.getMessage();
        String prefix = "Invalid selector \"" + selector + "\": at column " + column + " ";
        assertTrue(message.startsWith(prefix), () -> "expected the message to start with [" + prefix + "] but was ["
                + message + "]");
        assertTrue(message.contains(fragment), () -> "expected the message to contain [" + fragment + "] but was ["
                + message + "]");
        return e;
    }
}
