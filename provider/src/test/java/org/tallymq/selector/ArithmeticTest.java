package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.parse;
import static org.tallymq.selector.SelectorTestSupport.tree;
import static org.tallymq.selector.TestMessage.message;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section 3.8.1.1, arithmetic operators: unary {@code + -}, then {@code * /}, then {@code + -},
 * with Java numeric promotion; and the choices documented in {@link Numbers} for overflow and
 * division by zero.
 */
class ArithmeticTest {

    @Test
    @DisplayName("TCK operatorTest1..3: unary +/-, * and /, binary + and -")
    void tckOperators() {
        assertTrueFor("-myProp0 < 0 AND +myProp1 < 0", message("myProp0", 5).with("myProp1", -5));
        assertTrueFor("myProp0*2 = 10 AND myProp1/2 = -5", message("myProp0", 5).with("myProp1", -10));
        assertTrueFor("myProp0+5 = 0 AND myProp1-5 = 5", message("myProp0", -5).with("myProp1", 10));
    }

    @Test
    @DisplayName("TCK precedenceTest4/5: - myProp0 + myProp1 = 0; a+b*c-d/e = 6 with floats")
    void tckPrecedence() {
        assertTrueFor("- myProp0 + myProp1 = 0", message("myProp0", 5).with("myProp1", 5));
        assertTrueFor("myProp0+myProp1*myProp2-myProp3/myProp4 = 6", message("myProp0", 1f).with("myProp1", 2f)
                .with("myProp2", 3f).with("myProp3", 4f).with("myProp4", 4f));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @ValueSource(strings = {
            "2 + 3 * 4 = 14", "(2 + 3) * 4 = 20", "10 - 4 - 3 = 3", "10 - (4 - 3) = 9", "100 / 10 / 5 = 2",
            "100 / (10 / 5) = 50", "-2 * 3 = -6", "- 2 * - 3 = 6", "2 * -3 + 1 = -5", "1 - -1 = 2", "1 + +1 = 2",
            "-(2 + 3) = -5", "- - 2 = 2", "8 / 2 * 4 = 16", "2 + 6 / 2 = 5", "7 / 2 = 3", "-7 / 2 = -3",
            "7 / -2 = -3", "7.0 / 2 = 3.5", "7 / 2.0 = 3.5", "7 / 2f = 3.5", "1.5 + 1.5 = 3", "0.1 + 0.2 <> 0.3",
            "0.5 * 4 = 2", "9223372036854775807 - 1 = 9223372036854775806", "2147483647 + 1 = 2147483648",
            "100000 * 100000 = 10000000000", "x + y * z = 7", "x * y + z = 5", "(x + y) * z = 9", "-x = -1",
            "x - y - z = -4", "z / y = 1", "z / y * 2 = 2", "x / z = 0"})
    void arithmetic(String selector) {
        assertTrueFor(selector, message("x", 1).with("y", 2).with("z", 3));
    }

    static Stream<Arguments> resultTypes() {
        return Stream.of(
                Arguments.of((byte) 2, (short) 3, Long.class, 5L),
                Arguments.of(2, 3, Long.class, 5L),
                Arguments.of(2, 3L, Long.class, 5L),
                Arguments.of(2, 0.5f, Float.class, 2.5f),
                Arguments.of(2L, 0.5f, Float.class, 2.5f),
                Arguments.of(0.5f, 0.25f, Float.class, 0.75f),
                Arguments.of(0.5f, 0.25, Double.class, 0.75),
                Arguments.of(2, 0.5, Double.class, 2.5),
                Arguments.of(2L, 0.5, Double.class, 2.5));
    }

    @ParameterizedTest(name = "Java binary numeric promotion: {0} + {1} is a {2}")
    @MethodSource("resultTypes")
    void resultTypeFollowsJavaPromotion(Object x, Object y, Class<?> type, Object sum) {
        Comparison comparison = (Comparison) parse("x + y = 0").expression();
        Object value = comparison.left().evaluate(message("x", x).with("y", y));
        assertInstanceOf(type, value);
        assertEquals(sum, value);
    }

    @Test
    @DisplayName("float arithmetic is done in float, as in Java")
    void floatArithmeticRoundsInFloat() {
        TestMessage m = message("a", 0.1f).with("b", 0.2f);
        assertTrueFor("a + b = " + (0.1f + 0.2f) + "f", m);
        assertFalseFor("a + b = " + (0.1 + 0.2), m);
    }

    @ParameterizedTest(name = "division by zero is UNKNOWN: {0}")
    @ValueSource(strings = {"x / 0 = 1", "x / 0 <> 1", "x / 0.0 > 0", "x / -0.0 < 0", "x / z = 1", "x / f = 1",
            "d / 0 = 1", "f / 0 = 1", "0 / z = 0", "x / (z * 5) = 1"})
    void divisionByZeroIsUnknown(String selector) {
        TestMessage m = message("x", 7).with("z", 0L).with("f", 0f).with("d", 2.5);
        assertUnknownFor(selector, m);
        assertUnknownFor("NOT (" + selector + ")", m);
    }

    @ParameterizedTest(name = "integer overflow is UNKNOWN, not a wrapped number: {0}")
    @ValueSource(strings = {"max + 1 > 0", "max + 1 < 0", "min - 1 < 0", "min - 1 > 0", "max * 2 <> 0",
            "min * -1 > 0", "min / -1 > 0", "-min > 0", "max + max = -2", "-(min) <> 0", "min * min > 0",
            "max - min > 0", "min - max < 0", "1 - min > 0"})
    void integerOverflowIsUnknown(String selector) {
        TestMessage m = message("max", Long.MAX_VALUE).with("min", Long.MIN_VALUE);
        assertUnknownFor(selector, m);
        assertUnknownFor("NOT (" + selector + ")", m);
    }

    @ParameterizedTest(name = "no overflow at the edges of long: {0}")
    @ValueSource(strings = {"max - 1 = 9223372036854775806", "min + 1 = -9223372036854775807", "max * 1 = max",
            "min * 1 = min", "max / -1 = -max", "min / 1 = min", "max + min = -1", "-max = min + 1", "min / 2 < 0",
            "i * i = 4611686014132420609", "i + i = 4294967294", "-j = 2147483648"})
    void noOverflowAtTheEdges(String selector) {
        assertTrueFor(selector, message("max", Long.MAX_VALUE).with("min", Long.MIN_VALUE)
                .with("i", Integer.MAX_VALUE).with("j", Integer.MIN_VALUE));
    }

    @Test
    @DisplayName("floating-point overflow gives an infinity, as in Java")
    void floatingOverflow() {
        assertTrueFor("d * 10 > 1.7976931348623157E308", message("d", 1e308));
        assertTrueFor("f * 10 > 3.4E38", message("f", 3e38f));
        assertTrueFor("-d * 10 < -1E308", message("d", 1e308));
    }

    @ParameterizedTest(name = "3.8.1.1 arithmetic on a non-number is UNKNOWN: {0}")
    @ValueSource(strings = {"s + 1 = 2", "1 + s = 2", "s * 1 = 2", "s / 1 = 2", "s - 1 = 1", "-s = -2", "+s = 2",
            "b + 1 = 2", "-b = 1", "s + n = 3", "n + nothing = 1", "nothing * 2 = 0", "-nothing = 0", "+nothing = 0",
            "n + s + n = 3", "n * (s + 1) = 3"})
    void arithmeticOnNonNumbersIsUnknown(String selector) {
        TestMessage m = message("s", "2").with("b", true).with("n", 1);
        assertUnknownFor(selector, m);
        assertUnknownFor("NOT (" + selector + ")", m);
    }

    @ParameterizedTest(name = "unary plus keeps {0}")
    @ValueSource(strings = {"+x = 5", "+x > 4", "+ + x = 5", "-+x = -5", "+-x = -5"})
    void unaryPlus(String selector) {
        for (Object five : new Object[] {(byte) 5, (short) 5, 5, 5L, 5f, 5.0}) {
            assertTrueFor(selector, message("x", five));
        }
    }

    @ParameterizedTest(name = "tree of {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "x = -5|(x = -5)",
            "x = - 5|(x = -5)",
            "x = - - 5|(x = 5)",
            "x = +5|(x = 5)",
            "x = -5.5|(x = -5.5)",
            "x = -y|(x = (-y))",
            "x = +y|(x = (+y))",
            "x = - - y|(x = (-(-y)))",
            "x = -(5)|(x = -5)",
            "x = -(y + 1)|(x = (-(y + 1)))",
            "x + y - z = 0|((x + y - z) = 0)",
            "x * y / z = 0|((x * y / z) = 0)",
            "x + y * z = 0|((x + (y * z)) = 0)",
            "x * y + z = 0|(((x * y) + z) = 0)",
            "-x * y = 0|(((-x) * y) = 0)",
            "x - -1 = 0|((x - -1) = 0)"})
    void treeShape(String selector, String expected) {
        assertEquals(expected, tree(selector));
    }

    static Stream<Arguments> typeErrors() {
        return Stream.of(
                Arguments.of("'x' + 1 = 2", 1, "'+' needs a number but found string 'x'"),
                Arguments.of("x + 'a' = 1", 5, "'+' needs a number but found string 'a'"),
                Arguments.of("x * 'a' = 1", 5, "'*' needs a number"),
                Arguments.of("x / TRUE = 1", 5, "'/' needs a number but found TRUE"),
                Arguments.of("TRUE + 1 = 2", 1, "'+' needs a number but found TRUE"),
                Arguments.of("1 - FALSE = 1", 5, "'-' needs a number but found FALSE"),
                Arguments.of("-'a' = 1", 2, "unary '-' needs a number but found string 'a'"),
                Arguments.of("+'a' = 1", 2, "unary '+' needs a number"),
                Arguments.of("-TRUE = 1", 2, "unary '-' needs a number but found TRUE"),
                Arguments.of("x * (a = b) = 1", 5, "'*' needs a number but found a comparison"),
                Arguments.of("-(a = b) = 1", 2, "unary '-' needs a number but found a comparison"),
                Arguments.of("JMSType + 1 = 2", 1, "'+' needs a number but found JMSType (a string)"),
                Arguments.of("1 + JMSDeliveryMode = 2", 5, "'PERSISTENT' and 'NON_PERSISTENT'"),
                Arguments.of("x + = 2", 5, "expected a value but found '='"),
                Arguments.of("x * = 2", 5, "expected a value but found '='"),
                Arguments.of("x = 2 *", 8, "expected a value but found the end of the selector"),
                Arguments.of("x = 2 +", 8, "expected a value but found the end of the selector"),
                Arguments.of("x = * 2", 5, "expected a value but found '*'"),
                Arguments.of("x % 2 = 0", 3, "cannot start a token"));
    }

    @ParameterizedTest(name = "invalid arithmetic: {0}")
    @MethodSource("typeErrors")
    void typeErrorsAreInvalidSelectors(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @Test
    @DisplayName("a long arithmetic chain is one node: 10,000 terms evaluate without stack overflow")
    void longChain() {
        StringBuilder s = new StringBuilder("x");
        for (int i = 0; i < 10_000; i++) {
            s.append(i % 2 == 0 ? " + 1" : " - 1");
        }
        assertTrueFor(s + " = 7", message("x", 7));
        assertUnknownFor(s + " = 7", message());
    }
}
