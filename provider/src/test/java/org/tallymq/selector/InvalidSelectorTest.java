package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tallymq.selector.SelectorTestSupport.invalid;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;

import jakarta.jms.InvalidSelectorException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Section 3.8.1.1: "A method providing a syntactically incorrect selector must result in a
 * Jakarta Messaging InvalidSelectorException." The message says where (1-based column) and what
 * was expected.
 */
class InvalidSelectorTest {

    @Test
    @DisplayName("the exact message for a = = 1")
    void exactMessage() {
        InvalidSelectorException e = invalid("a = = 1");
        assertEquals("Invalid selector \"a = = 1\": at column 5 expected a value but found '='", e.getMessage());
        assertSame(InvalidSelectorException.class, e.getClass());
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("(a = 1", 7, "expected ')' to close the '(' at column 1 but found the end of the selector"),
                Arguments.of("((a = 1)", 9, "expected ')' to close the '(' at column 1"),
                Arguments.of("(a = (1 + 2)", 13, "expected ')' to close the '(' at column 1"),
                Arguments.of("a = (1 + 2", 11, "expected ')' to close the '(' at column 5"),
                Arguments.of("a = 1)", 6, "expected AND, OR or the end of the selector but found ')' (there is no '(' "
                        + "for this ')')"),
                Arguments.of("(a = 1))", 8, "there is no '(' for this ')'"),
                Arguments.of(")", 1, "expected a value but found ')'"),
                Arguments.of("()", 2, "expected a value but found ')'"),
                Arguments.of("a = 'abc", 5, "the string literal is not terminated"),
                Arguments.of("'", 1, "the string literal is not terminated"),
                Arguments.of("a = 'x''", 5, "the string literal is not terminated"),
                Arguments.of("a AND", 6, "expected a value but found the end of the selector"),
                Arguments.of("a OR", 5, "expected a value but found the end of the selector"),
                Arguments.of("NOT", 4, "expected a value but found the end of the selector"),
                Arguments.of("AND a", 1, "expected a value but found reserved word AND"),
                Arguments.of("a b", 3, "expected AND, OR or the end of the selector but found identifier 'b'"),
                Arguments.of("a = 1 b = 2", 7, "found identifier 'b'"),
                Arguments.of("a = 1 'x'", 7, "found string 'x'"),
                Arguments.of("a = 1 2", 7, "found number 2"),
                Arguments.of("a != 1", 3, "'!=', which is not a selector operator; write <> for \"not equal\""),
                Arguments.of("a == 1", 4, "expected a value but found '='"),
                Arguments.of("a =< 1", 4, "expected a value but found '<'"),
                Arguments.of("a => 1", 4, "expected a value but found '>'"),
                Arguments.of("a >< 1", 4, "expected a value but found '<'"),
                Arguments.of("a ! 1", 3, "the character '!'"),
                Arguments.of("a = 1 ; b = 2", 7, "the character ';'"),
                Arguments.of("a = 1 -- two words", 14, "found identifier 'words'"), // 1 - (-two): no SQL comments
                Arguments.of("a = 1 /* comment */", 8, "expected a value but found '*'"),
                Arguments.of("a = \"x\"", 5, "string literals are written in single quotes"),
                Arguments.of("a IN ('x'", 10, "expected ',' or ')' in the IN list"),
                Arguments.of("a LIKE 'x' ESCAPE 'ab'", 19, "the ESCAPE character must be a single character"),
                Arguments.of("a IN ()", 7, "the IN list is empty"),
                Arguments.of("'abc'", 1, "the selector must be a condition (a comparison, TRUE, FALSE or an identifier "
                        + "with a boolean value) but is string 'abc'"),
                Arguments.of("a + 1", 1, "the selector must be a condition"),
                Arguments.of("5", 1, "the selector must be a condition (a comparison, TRUE, FALSE or an identifier with "
                        + "a boolean value) but is number 5"),
                Arguments.of("-5.5", 1, "but is number -5.5"),
                Arguments.of("(a * 2)", 1, "but is an arithmetic expression"),
                Arguments.of("JMSType", 1, "but is JMSType (a string)"),
                Arguments.of("JMSPriority", 1, "but is JMSPriority (a number)"),
                Arguments.of("a = 1 AND", 10, "expected a value"),
                Arguments.of("a = 1 AND OR b", 11, "expected a value but found reserved word OR"),
                Arguments.of("a BETWEEN 1 AND 2 OR", 21, "expected a value"),
                Arguments.of("a IS NOT", 9, "expected NULL after the IS NOT at column 3"),
                Arguments.of("JMSDestination = 'q'", 1, "the identifier JMSDestination cannot be used in a selector"),
                Arguments.of("x = 1 AND JMSExpiration > 0", 11, "the identifier JMSExpiration cannot be used"),
                Arguments.of("JMSRedelivered", 1, "the identifier JMSRedelivered cannot be used"),
                Arguments.of("JMSDeliveryTime < 5", 1, "the identifier JMSDeliveryTime cannot be used"),
                Arguments.of("a = \u00a0", 5, "U+00A0"),
                Arguments.of("a = 1\u0000", 6, "U+0000"));
    }

    @ParameterizedTest(name = "invalid at its column: {0}")
    @MethodSource("syntaxErrors")
    void positionAndExpectation(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @ParameterizedTest(name = "several lines: {0}")
    @CsvSource(delimiter = '|', value = {
            "a = 1\\nAND = 2|line 2, column 5|expected a value but found '='",
            "a = 1 AND\\r\\nb = = 2|line 2, column 5|expected a value but found '='",
            "a = 1\\r\\nb = 2|line 2, column 1|expected AND, OR or the end of the selector but found identifier 'b'",
            "a = 1\\rOR\\n(b|line 3, column 3|expected ')' to close the '(' at line 3, column 1",
            "a = 1\\n\\n  AND b = 'x|line 3, column 11|not terminated"})
    void positionsOnSeveralLines(String escaped, String position, String fragment) {
        String selector = escaped.replace("\\n", "\n").replace("\\r", "\r");
        InvalidSelectorException e = invalid(selector);
        String expectedStart = "Invalid selector \"" + selector + "\": at " + position + " ";
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    @DisplayName("long tokens are shortened in the message, the selector is quoted whole")
    void longTokensAreShortened() {
        String longName = "x".repeat(100);
        InvalidSelectorException e = invalidAt("a = 1 " + longName, 7, "found identifier '" + "x".repeat(40) + "...'");
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(longName));
    }
}
