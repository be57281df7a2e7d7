package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertResult;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.tree;
import static org.tallymq.selector.TestMessage.message;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Section 3.8.1.1: {@code age BETWEEN 15 AND 19} is {@code age >= 15 AND age <= 19};
 * {@code age NOT BETWEEN 15 AND 19} is {@code age < 15 OR age > 19}.
 */
class BetweenTest {

    @ParameterizedTest(name = "3.8.1.1 age = {0}: BETWEEN 15 AND 19 is {1}, NOT BETWEEN is {2}")
    @CsvSource({"14, false, true", "15, true, false", "17, true, false", "19, true, false", "20, false, true",
            "-15, false, true", "15.0, true, false", "14.999, false, true", "19.0001, false, true"})
    void specExample(String age, boolean between, boolean notBetween) {
        Object value = age.contains(".") ? (Object) Double.valueOf(age) : (Object) Integer.valueOf(age);
        assertResult(between, "age BETWEEN 15 AND 19", message("age", value));
        assertResult(notBetween, "age NOT BETWEEN 15 AND 19", message("age", value));
        // the equivalences of the specification, evaluated independently
        assertResult(between, "age >= 15 AND age <= 19", message("age", value));
        assertResult(notBetween, "age < 15 OR age > 19", message("age", value));
    }

    @Test
    @DisplayName("TCK betweenTest1..4")
    void tck() {
        TestMessage m = message("myProp0", 7).with("myProp1", -1).with("myProp2", 2);
        assertTrueFor("myProp0 BETWEEN 5 and 10 AND myProp1 BETWEEN -1 and 1 AND myProp2 BETWEEN 0 and 2", m);
        assertFalseFor("myProp0 NOT BETWEEN 5 and 10 OR myProp1 NOT BETWEEN -1 and 1 OR myProp2 NOT BETWEEN 0 and 2",
                m);
        TestMessage n = message("myProp0", -5).with("myProp1", 5);
        assertFalseFor("myProp0 BETWEEN  -4 and 5 OR myProp1 BETWEEN -5 and 4", n);
        assertTrueFor("myProp0 NOT BETWEEN  -4 and 5 AND myProp1 NOT BETWEEN -5 and 4", n);
    }

    @Test
    @DisplayName("TCK betweenTest5/6: a string property is not BETWEEN numbers ('7', 'seven')")
    void stringValueIsNeitherBetweenNorNotBetween() {
        for (String s : new String[] {"7", "seven"}) {
            assertFalseFor("myProp BETWEEN 5 and 10", message("myProp", s));
            assertFalseFor("myProp NOT BETWEEN 5 and 10", message("myProp", s)); // x < 5 OR x > 10: FALSE OR FALSE
            assertTrueFor("NOT (myProp BETWEEN 5 and 10)", message("myProp", s));
        }
        assertFalseFor("b BETWEEN 0 AND 1", message("b", true));
    }

    @Test
    @DisplayName("3.8.1.2 a NULL value gives UNKNOWN for BETWEEN and NOT BETWEEN")
    void nullValue() {
        assertUnknownFor("x BETWEEN 1 AND 2", message());
        assertUnknownFor("x NOT BETWEEN 1 AND 2", message());
        assertUnknownFor("NOT (x BETWEEN 1 AND 2)", message());
    }

    static Stream<Arguments> nullBounds() {
        return Stream.of(
                // x, selector, expected: three-valued AND / OR of the two comparisons
                Arguments.of(5, "x BETWEEN lo AND 10", null),        // U AND T
                Arguments.of(50, "x BETWEEN lo AND 10", false),      // U AND F
                Arguments.of(5, "x BETWEEN 1 AND hi", null),         // T AND U
                Arguments.of(0, "x BETWEEN 1 AND hi", false),        // F AND U
                Arguments.of(5, "x BETWEEN lo AND hi", null),        // U AND U
                Arguments.of(5, "x NOT BETWEEN lo AND 10", null),    // U OR F
                Arguments.of(50, "x NOT BETWEEN lo AND 10", true),   // U OR T
                Arguments.of(0, "x NOT BETWEEN 1 AND hi", true),     // T OR U
                Arguments.of(5, "x NOT BETWEEN 1 AND hi", null),     // F OR U
                Arguments.of(5, "x NOT BETWEEN lo AND hi", null));   // U OR U
    }

    @ParameterizedTest(name = "3.8.1.2 x = {0}: {1} is {2}")
    @MethodSource("nullBounds")
    void nullBoundsFollowThreeValuedLogic(int x, String selector, Boolean expected) {
        assertResult(expected, selector, message("x", x));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "x BETWEEN 10 AND 1|false", "x NOT BETWEEN 10 AND 1|true", "x BETWEEN 5 AND 5|true",
            "x BETWEEN y - 1 AND y + 1|true", "x BETWEEN -y AND y - 1|false", "x BETWEEN -y AND y|true", "x * 2 BETWEEN 9 AND 11|true",
            "x BETWEEN 4.5 AND 5.5|true", "x BETWEEN 5.0001 AND 6|false", "x + 1 NOT BETWEEN 1 AND 5|true",
            "-x BETWEEN -5 AND 0|true", "x BETWEEN 1 AND 10 AND y = 5|true", "x BETWEEN 1 AND 4 OR y = 5|true",
            "NOT x BETWEEN 1 AND 4|true"})
    void expressionsAndBounds(String selector, boolean expected) {
        assertResult(expected, selector, message("x", 5).with("y", 5));
    }

    @Test
    @DisplayName("BETWEEN takes the first AND; the next AND combines conditions")
    void betweenAndPrecedence() {
        assertEquals("((x BETWEEN 1 AND 2) AND y)", tree("x BETWEEN 1 AND 2 AND y"));
        assertEquals("((x NOT BETWEEN (a + 1) AND (b * 2)) OR z)", tree("x NOT BETWEEN a + 1 AND b * 2 OR z"));
        assertEquals("(NOT (x BETWEEN 1 AND 2))", tree("NOT x BETWEEN 1 AND 2"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // TCK betweenTest7
                Arguments.of("myProp BETWEEN 'foo' and 'test'", 16, "BETWEEN needs a number but found string 'foo'"),
                Arguments.of("x BETWEEN 1 AND 'b'", 17, "BETWEEN needs a number but found string 'b'"),
                Arguments.of("'a' BETWEEN 1 AND 2", 1, "BETWEEN needs a number but found string 'a'"),
                Arguments.of("x NOT BETWEEN 1 AND TRUE", 21, "NOT BETWEEN needs a number but found TRUE"),
                Arguments.of("JMSType BETWEEN 1 AND 2", 1, "found JMSType (a string)"),
                Arguments.of("x BETWEEN 1 OR 2", 13, "expected AND between the bounds of BETWEEN but found reserved "
                        + "word OR"),
                Arguments.of("x BETWEEN 1", 12, "expected AND between the bounds of BETWEEN but found the end"),
                Arguments.of("x BETWEEN AND 2", 11, "expected a value but found reserved word AND"),
                Arguments.of("x BETWEEN 1 AND", 16, "expected a value but found the end of the selector"),
                Arguments.of("x NOT 5", 7, "expected BETWEEN, IN or LIKE after the NOT at column 3 but found number 5"),
                Arguments.of("x BETWEEN 1 AND 2 AND 3", 23, "AND combines conditions but found number 3"),
                Arguments.of("x BETWEEN (a = 1) AND 2", 11, "BETWEEN needs a number but found a comparison"));
    }

    @ParameterizedTest(name = "invalid: {0}")
    @MethodSource("invalid")
    void invalidBetween(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }
}
