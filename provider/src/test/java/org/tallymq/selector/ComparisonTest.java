package org.tallymq.selector;

import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertResult;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.TestMessage.message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 3.8.1.1, comparison operators {@code = > >= < <= <>} and "only like type values can be compared". */
class ComparisonTest {

    /** The number 5 as every property type a message may hold. */
    static Stream<Object> fives() {
        return Stream.of((byte) 5, (short) 5, 5, 5L, 5f, 5.0);
    }

    static Stream<Arguments> numericComparisons() {
        String[][] cases = {
                // selector, expected for x = 5
                {"x = 5", "true"}, {"x = 5.0", "true"}, {"x = 5.0f", "true"}, {"x = 6", "false"},
                {"x <> 5", "false"}, {"x <> 4", "true"}, {"x <> 5.5", "true"},
                {"x < 6", "true"}, {"x < 5", "false"}, {"x < 5.000001", "true"},
                {"x <= 5", "true"}, {"x <= 4.99", "false"},
                {"x > 4", "true"}, {"x > 5", "false"}, {"x > 4.999", "true"},
                {"x >= 5", "true"}, {"x >= 6", "false"},
                {"5 = x", "true"}, {"6 > x", "true"}, {"4 >= x", "false"}, {"x = x", "true"}, {"x < x", "false"},
                {"-x = -5", "true"}, {"x * 1 = 5", "true"}};
        List<Arguments> arguments = new ArrayList<>();
        fives().forEach(five -> {
            for (String[] c : cases) {
                arguments.add(Arguments.of(five.getClass().getSimpleName(), five, c[0], Boolean.valueOf(c[1])));
            }
        });
        return arguments.stream();
    }

    @ParameterizedTest(name = "3.8.1.1 {0} 5: {2} is {3}")
    @MethodSource("numericComparisons")
    void numbersCompareAcrossTypes(String type, Object five, String selector, boolean expected) {
        assertResult(expected, selector, message("x", five));
    }

    @Test
    @DisplayName("TCK comparisonTest01/02: every operator with int, float and double properties")
    void tckComparisons() {
        TestMessage m = message("myProp0", "foo").with("myProp1", 1).with("myProp2", 2.0f).with("myProp3", 3)
                .with("myProp4", 4.0).with("myProp5", 5).with("myProp6", 6).with("myProp7", 0f);
        assertTrueFor("myProp0 = 'foo' AND myProp1 > 0 AND myProp2 >= 2 AND myProp3 >= 2 AND myProp4 < 5 AND "
                + "myProp5 <= 6 AND myProp6 <= 6 AND myProp7 <> 7", m);
        TestMessage n = message("myProp0", "not_foo").with("myProp1", 0).with("myProp2", 1.5f).with("myProp3", 5.0)
                .with("myProp4", 7).with("myProp5", 7f);
        assertFalseFor("myProp0 = 'foo' OR myProp1 > 0 OR myProp2 >= 2 OR myProp3 < 5 OR myProp4 <= 6 OR "
                + "myProp5 <> 7", n);
    }

    @Test
    @DisplayName("TCK comparisonTest03: exact and approximate numbers compare (int 0 < double 1.5)")
    void exactWithApproximate() {
        assertTrueFor("myProp0 < myProp1", message("myProp0", 0).with("myProp1", 1.5));
    }

    @Test
    @DisplayName("3.8.1.1 Java numeric promotion: long with float compares in float, long with double in double")
    void javaNumericPromotion() {
        // Java: 16777217L == 16777216f is true, because the long is converted to float
        assertTrueFor("l = f", message("l", 16_777_217L).with("f", 16_777_216f));
        assertFalseFor("l = d", message("l", 16_777_217L).with("d", 16_777_216.0));
        // Java: Long.MAX_VALUE == 9.223372036854775807E18 is true (the long rounds to that double)
        assertTrueFor("l = 9.223372036854775807E18", message("l", Long.MAX_VALUE));
        // between longs there is no rounding
        assertFalseFor("l = m", message("l", Long.MAX_VALUE).with("m", Long.MAX_VALUE - 1));
        assertTrueFor("l > m", message("l", Long.MAX_VALUE).with("m", Long.MAX_VALUE - 1));
        assertTrueFor("l < 0", message("l", Long.MIN_VALUE));
        // float with double: the float widens exactly
        assertFalseFor("f = d", message("f", 0.1f).with("d", 0.1));
        assertTrueFor("f = d", message("f", 0.5f).with("d", 0.5));
        assertTrueFor("b = s AND s = i AND i = l", message("b", (byte) -3).with("s", (short) -3).with("i", -3)
                .with("l", -3L));
    }

    @Test
    @DisplayName("NaN and infinities behave as in Java: NaN equals nothing, <> everything")
    void nanAndInfinity() {
        TestMessage nan = message("x", Double.NaN).with("f", Float.NaN);
        assertFalseFor("x = x", nan);
        assertTrueFor("x <> x", nan);
        assertFalseFor("x < 1", nan);
        assertFalseFor("x >= 1", nan);
        assertFalseFor("x BETWEEN 0 AND 1", nan);
        assertFalseFor("f = f", nan);
        assertTrueFor("f <> 1", nan);
        assertTrueFor("x > 1E308", message("x", Double.POSITIVE_INFINITY));
        assertTrueFor("x < -1E308", message("x", Float.NEGATIVE_INFINITY));
    }

    @ParameterizedTest(name = "3.8.1.1 string comparison: {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "s = 'foo'|true", "s = 'Foo'|false", "s = 'foo '|false", "s <> 'foo'|false", "s <> 'bar'|true",
            "'foo' = s|true", "s = t|true", "s <> t|false", "s = u|false", "s <> u|true"})
    void strings(String selector, boolean expected) {
        assertResult(expected, selector, message("s", "foo").with("t", "foo").with("u", "FOO"));
    }

    @Test
    @DisplayName("3.8.1.1 two strings are equal iff they contain the same sequence of characters")
    void stringsCompareCharacterByCharacter() {
        // precomposed e-acute vs e + combining acute: different char sequences, so not equal
        assertFalseFor("s = 'e\u0301'", message("s", "\u00e9"));
        assertTrueFor("s = '\u00e9'", message("s", "\u00e9"));
        assertTrueFor("s = ''", message("s", ""));
        assertTrueFor("JMSType = 'foo' AND myProp <> 'not_foo'", message("JMSType", "foo").with("myProp", "foo"));
    }

    @ParameterizedTest(name = "3.8.1.1 boolean comparison: {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "t = TRUE|true", "t = FALSE|false", "t <> FALSE|true", "f = FALSE|true", "f <> TRUE|true", "t = f|false",
            "t <> f|true", "t = t|true", "TRUE = t|true", "(t = f) = FALSE|true", "(t = t) <> f|true"})
    void booleans(String selector, boolean expected) {
        assertResult(expected, selector, message("t", true).with("f", false));
    }

    @Test
    @DisplayName("TCK comparisonTest13: myProp0 = TRUE AND myProp1 <> FALSE")
    void tckBooleanComparison() {
        assertTrueFor("myProp0 = TRUE AND myProp1 <> FALSE", message("myProp0", true).with("myProp1", true));
    }

    @ParameterizedTest(name = "3.8.1.1 non-like types compare FALSE: {0}")
    @ValueSource(strings = {"s = 1", "s <> 1", "1 = s", "s > 1", "s < 1", "s >= 1", "n = '1'", "n <> '1'",
            "b = 1", "b <> 0", "n = TRUE", "s = TRUE", "b = 'true'", "s = n", "n <> s", "b <> n",
            "s < t", "s <= t", "s > t", "s >= t", "b < c", "b >= c"})
    void nonLikeTypesAreFalse(String selector) {
        TestMessage m = message("s", "1").with("t", "2").with("n", 1).with("b", true).with("c", false);
        assertFalseFor(selector, m);
        assertTrueFor("NOT (" + selector + ")", m); // FALSE, not UNKNOWN
    }

    @ParameterizedTest(name = "3.8.1.2 NULL gives UNKNOWN: {0}")
    @ValueSource(strings = {"x = 1", "x <> 1", "x < 1", "x <= 1", "x > 1", "x >= 1", "1 = x", "x = 'a'", "x <> 'a'",
            "x = TRUE", "x = y", "x <> y", "a = x", "s <> x"})
    void nullComparisonsAreUnknown(String selector) {
        TestMessage m = message("a", 1).with("s", "s");
        assertUnknownFor(selector, m);
        assertUnknownFor("NOT (" + selector + ")", m);
    }

    @ParameterizedTest(name = "a value of an unexpected type never throws: {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "v = 1|FALSE", "v <> 1|FALSE", "v < 1|FALSE", "v = 'a'|FALSE", "v = TRUE|FALSE", "v = v|FALSE",
            "v + 1 = 2|UNKNOWN", "-v = 1|UNKNOWN", "+v = 1|UNKNOWN", "v BETWEEN 1 AND 2|FALSE",
            "v NOT BETWEEN 1 AND 2|FALSE", "v IN ('a')|UNKNOWN", "v NOT IN ('a')|UNKNOWN", "v LIKE 'a'|UNKNOWN",
            "v NOT LIKE 'a'|UNKNOWN", "v IS NULL|FALSE", "v IS NOT NULL|TRUE", "v|UNKNOWN", "NOT v|UNKNOWN",
            "v AND TRUE|UNKNOWN", "v OR FALSE|UNKNOWN"})
    void unexpectedValueTypes(String selector, String expected) {
        Boolean want = expected.equals("UNKNOWN") ? null : Boolean.valueOf(expected);
        for (Object odd : new Object[] {'a', new BigDecimal("1"), new Object(), new byte[] {1}, List.of()}) {
            assertResult(want, selector, message("v", odd));
        }
    }

    static Stream<Arguments> typeErrors() {
        return Stream.of(
                // TCK comparisonTest04..07: string with an ordering operator
                Arguments.of("myProp > 'foo'", 10, "'>' compares numbers only but found string 'foo'"),
                Arguments.of("myProp >= 'foo'", 11, "'>=' compares numbers only"),
                Arguments.of("myProp < 'foo'", 10, "'<' compares numbers only"),
                Arguments.of("myProp <= 'foo'", 11, "'<=' compares numbers only"),
                // TCK comparisonTest09..12: string and boolean with an ordering operator
                Arguments.of("'foo' > TRUE ", 1, "'>' compares numbers only but found string 'foo'"),
                Arguments.of("'foo' >= TRUE ", 1, "'>=' compares numbers only"),
                Arguments.of("'foo' < TRUE ", 1, "'<' compares numbers only"),
                Arguments.of("'foo' <= TRUE ", 1, "'<=' compares numbers only"),
                Arguments.of("x < TRUE", 5, "found TRUE"),
                Arguments.of("TRUE < FALSE", 1, "found TRUE"),
                Arguments.of("(a = b) > 1", 1, "found a comparison"),
                Arguments.of("JMSType > 'a'", 1, "found JMSType (a string)"),
                Arguments.of("JMSType < x", 1, "found JMSType (a string)"),
                // TCK identifierTest03/04: TRUE = 0, FALSE = 0
                Arguments.of("TRUE = 0", 8, "cannot compare TRUE with number 0"),
                Arguments.of("FALSE = 0", 9, "cannot compare FALSE with number 0"),
                Arguments.of("'a' = 1", 7, "cannot compare string 'a' with number 1"),
                Arguments.of("1 <> 'a'", 6, "cannot compare number 1 with string 'a'"),
                Arguments.of("TRUE <> 'x'", 9, "cannot compare TRUE with string 'x'"),
                Arguments.of("(a = 1) = 'x'", 11, "cannot compare a comparison with string 'x'"),
                Arguments.of("a + 1 = 'x'", 9, "cannot compare an arithmetic expression with string 'x'"),
                Arguments.of("JMSPriority = 'high'", 15, "cannot compare JMSPriority (a number) with string 'high'"),
                Arguments.of("JMSTimestamp = TRUE", 16, "cannot compare JMSTimestamp (a number) with TRUE"),
                Arguments.of("JMSType = 3", 11, "cannot compare JMSType (a string) with number 3"),
                Arguments.of("JMSDeliveryMode = 2", 19, "'PERSISTENT' and 'NON_PERSISTENT'"),
                Arguments.of("JMSCorrelationID = JMSPriority", 20, "cannot compare JMSCorrelationID (a string) with "
                        + "JMSPriority (a number)"),
                // comparisons do not chain
                Arguments.of("x = 1 = 2", 7, "expected AND, OR or the end of the selector but found '='"),
                Arguments.of("1 < x < 3", 7, "expected AND, OR or the end of the selector but found '<'"));
    }

    @ParameterizedTest(name = "3.8.1.1 type error found when presented: {0}")
    @MethodSource("typeErrors")
    void typeErrorsAreInvalidSelectors(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @ParameterizedTest(name = "valid: a property may hold any type, so {0} is accepted")
    @ValueSource(strings = {"x > y", "x = 'a'", "x = TRUE", "x = 1", "'a' = x", "(a = 1) = b", "(a = 1) <> FALSE",
            "JMSType = x", "JMSPriority = x", "JMSDeliveryMode = 'PERSISTENT'", "JMSPriority >= 4.5",
            "JMSTimestamp < 1.5E12", "JMSMessageID = JMSCorrelationID"})
    void acceptedComparisons(String selector) {
        SelectorTestSupport.parse(selector);
    }
}
