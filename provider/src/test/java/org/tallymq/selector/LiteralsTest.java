package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.literal;
import static org.tallymq.selector.SelectorTestSupport.parse;
import static org.tallymq.selector.TestMessage.message;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 3.8.1.1, "Literals": string, exact numeric, approximate numeric and boolean literals. */
class LiteralsTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("'literal'", "literal"),
                Arguments.of("'literal''s'", "literal's"),
                Arguments.of("''", ""),
                Arguments.of("''''", "'"),
                Arguments.of("'a''''b'", "a''b"),
                Arguments.of("'''quoted'''", "'quoted'"),
                Arguments.of("'  spaces  '", "  spaces  "),
                Arguments.of("'h\u00e9llo \u2603'", "h\u00e9llo \u2603"),
                Arguments.of("'\ud83d\ude00'", "\ud83d\ude00"),
                Arguments.of("'tab\there'", "tab\there"),
                Arguments.of("'line\nbreak'", "line\nbreak"),
                Arguments.of("'\"double\"'", "\"double\""),
                Arguments.of("'AND OR NOT NULL'", "AND OR NOT NULL"),
                Arguments.of("'%_\\'", "%_\\"));
    }

    @ParameterizedTest(name = "3.8.1.1 string literal {0}")
    @MethodSource("strings")
    void stringLiteralValue(String literal, String expected) {
        assertEquals(expected, literal(literal));
        assertTrueFor("x = " + literal, message("x", expected));
        assertFalseFor("x = " + literal, message("x", expected + "?"));
    }

    static Stream<Arguments> exactNumerics() {
        return Stream.of(
                Arguments.of("57", 57L),
                Arguments.of("-957", -957L),
                Arguments.of("+62", 62L),
                Arguments.of("0", 0L),
                Arguments.of("-0", 0L),
                Arguments.of("2147483647", 2147483647L),
                Arguments.of("2147483648", 2147483648L),
                Arguments.of("-2147483649", -2147483649L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("9223372036854775807L", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("-9223372036854775808L", Long.MIN_VALUE),
                Arguments.of("- 9223372036854775808", Long.MIN_VALUE),
                Arguments.of("-9223372036854775807", -Long.MAX_VALUE),
                Arguments.of("42l", 42L),
                Arguments.of("035", 29L),
                Arguments.of("00", 0L),
                Arguments.of("0_7", 7L),
                Arguments.of("017L", 15L),
                Arguments.of("0x1d", 29L),
                Arguments.of("0X1D", 29L),
                Arguments.of("0x1dL", 29L),
                Arguments.of("0b11101", 29L),
                Arguments.of("0B1L", 1L),
                Arguments.of("1_000_000", 1_000_000L),
                Arguments.of("0x7FFF_FFFF", 0x7FFF_FFFFL),
                Arguments.of("0xFFFFFFFF", -1L),
                Arguments.of("0x80000000", (long) Integer.MIN_VALUE),
                Arguments.of("0xFFFFFFFFL", 4294967295L),
                Arguments.of("0x100000000", 4294967296L),
                Arguments.of("0x7fffffffffffffff", Long.MAX_VALUE),
                Arguments.of("0xFFFFFFFFFFFFFFFFL", -1L),
                Arguments.of("0x8000000000000000L", Long.MIN_VALUE),
                Arguments.of("037777777777", -1L),
                Arguments.of("- -5", 5L),
                Arguments.of("-+5", -5L));
    }

    @ParameterizedTest(name = "3.8.1.1 exact numeric literal {0} = {1} (Java integer literal syntax)")
    @MethodSource("exactNumerics")
    void exactNumericLiteralValue(String literal, long expected) {
        Object value = literal(literal);
        assertInstanceOf(Long.class, value);
        assertEquals(expected, value);
        assertTrueFor("x = " + literal, message("x", expected));
        assertFalseFor("x <> " + literal, message("x", expected));
    }

    static Stream<Arguments> approximateNumerics() {
        return Stream.of(
                Arguments.of("7E3", 7000.0),
                Arguments.of("-57.9E2", -5790.0),
                Arguments.of("7.", 7.0),
                Arguments.of("-95.7", -95.7),
                Arguments.of("+6.2", 6.2),
                Arguments.of(".5", 0.5),
                Arguments.of("1.5E-3", 0.0015),
                Arguments.of("1.5e-3", 0.0015),
                Arguments.of(".7e4", 7000.0),
                Arguments.of("1E+2", 100.0),
                Arguments.of("7000.", 7000.0),
                Arguments.of("-57.9E3", -57900.0),
                Arguments.of("0.0", 0.0),
                Arguments.of("0e0", 0.0),
                Arguments.of("7d", 7.0),
                Arguments.of("7.5D", 7.5),
                Arguments.of("1_000.5", 1000.5),
                Arguments.of("08.5", 8.5),
                Arguments.of("09e1", 90.0),
                Arguments.of("0x1.8p1", 3.0),
                Arguments.of("0x.8P0", 0.5),
                Arguments.of("0x1p-2d", 0.25),
                Arguments.of("4.9e-324", Double.MIN_VALUE),
                Arguments.of("1.7976931348623157E308", Double.MAX_VALUE),
                Arguments.of("-1.7976931348623157E308", -Double.MAX_VALUE));
    }

    @ParameterizedTest(name = "3.8.1.1 approximate numeric literal {0} = {1} (Java floating-point syntax)")
    @MethodSource("approximateNumerics")
    void approximateNumericLiteralValue(String literal, double expected) {
        Object value = literal(literal);
        assertInstanceOf(Double.class, value);
        assertEquals(expected, (Double) value, 0.0);
        assertTrueFor("x = " + literal, message("x", expected));
    }

    @ParameterizedTest(name = "float literal {0} is a Float")
    @CsvSource({"1.5f, 1.5", "7F, 7", "0.1f, 0.1", "1e2f, 100", "-2.5F, -2.5"})
    void floatSuffixGivesFloat(String literal, float expected) {
        Object value = literal(literal);
        assertInstanceOf(Float.class, value);
        assertEquals(expected, (Float) value, 0.0f);
    }

    @Test
    @DisplayName("3.8.1.1 Java numeric promotion: float 0.1f equals 0.1f but not the double 0.1")
    void floatAndDoubleLiteralsPromoteAsInJava() {
        assertTrueFor("x = 0.1f", message("x", 0.1f));
        assertFalseFor("x = 0.1", message("x", 0.1f));
        assertTrueFor("x = 0.1", message("x", 0.1));
        assertTrueFor("x = 0.5", message("x", 0.5f)); // exactly representable
    }

    @Test
    @DisplayName("TCK selectorTest03: the ends of the long range with the L suffix")
    void longRangeEndsWithSuffix() {
        assertTrueFor("myProp0=" + Long.MIN_VALUE + "L AND myProp1=" + Long.MAX_VALUE + "L",
                message("myProp0", Long.MIN_VALUE).with("myProp1", Long.MAX_VALUE));
    }

    @Test
    @DisplayName("TCK selectorTest04..09: -957, +62, octal 035, hex 0x1d, 7E3, -57.9E3, 7000., .7e4")
    void tckNumericLiterals() {
        assertTrueFor("myProp0=-957 AND myProp1=+62", message("myProp0", -957L).with("myProp1", 62L));
        assertTrueFor("myProp=035", message("myProp", 29L));
        assertTrueFor("myProp=0x1d", message("myProp", 29L));
        assertTrueFor("myProp0=7E3 AND myProp1=-57.9E3", message("myProp0", 7000.0).with("myProp1", -57900.0));
        assertTrueFor("myProp=7000.", message("myProp", 7000.0));
        assertTrueFor("myProp0=.7e4", message("myProp0", 7000.0));
    }

    @ParameterizedTest(name = "3.8.1.1 boolean literal {0} is TRUE, in any case")
    @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
    void trueLiteral(String literal) {
        assertEquals(Boolean.TRUE, literal(literal));
        assertTrueFor(literal, message());
        assertTrueFor("x = " + literal, message("x", true));
        assertFalseFor("NOT " + literal, message());
    }

    @ParameterizedTest(name = "3.8.1.1 boolean literal {0} is FALSE, in any case")
    @ValueSource(strings = {"FALSE", "false", "False", "fAlSe"})
    void falseLiteral(String literal) {
        assertEquals(Boolean.FALSE, literal(literal));
        assertFalseFor(literal, message());
        assertTrueFor("x = " + literal, message("x", false));
        assertTrueFor("NOT " + literal, message());
    }

    @Test
    @DisplayName("TCK selectorTest11/12: myProp0=TRUE AND myProp1=FALSE, and lower case")
    void tckBooleanLiterals() {
        assertTrueFor("myProp0=TRUE AND myProp1=FALSE", message("myProp0", true).with("myProp1", false));
        assertTrueFor("myProp0=false AND myProp1=true", message("myProp0", false).with("myProp1", true));
    }

    @Test
    @DisplayName("a literal prints back as it parses (tree form)")
    void literalsPrintBack() {
        assertEquals("(x = 'it''s')", parse("x = 'it''s'").tree());
        assertEquals("(x = -957)", parse("x = -957").tree());
        assertEquals("(x = 1.5F)", parse("x = 1.5f").tree());
        assertEquals("(x = 7000.0)", parse("x = 7E3").tree());
        assertEquals("(x = TRUE)", parse("x = true").tree());
    }

    static Stream<Arguments> invalidLiterals() {
        return Stream.of(
                Arguments.of("x = 09", 5, "octal"),
                Arguments.of("x = 0x", 5, "no digits"),
                Arguments.of("x = 0xL", 5, "no digits"),
                Arguments.of("x = 0b", 5, "no digits"),
                Arguments.of("x = 0b102", 9, "only 0 and 1"),
                Arguments.of("x = 1e", 5, "exponent"),
                Arguments.of("x = 1e+", 5, "exponent"),
                Arguments.of("x = 1_", 6, "'_'"),
                Arguments.of("x = 1_.5", 6, "'_'"),
                Arguments.of("x = 1._5", 7, "'_'"),
                Arguments.of("x = 0x_1", 7, "'_'"),
                Arguments.of("x = 1e400", 5, "too large for a double"),
                Arguments.of("x = 3.5e38f", 5, "too large for a float"),
                Arguments.of("x = 1e-400", 5, "too small for a double"),
                Arguments.of("x = 1e-50f", 5, "too small for a float"),
                Arguments.of("x = 9223372036854775808", 5, "out of the range of long"),
                Arguments.of("x = 9223372036854775808L", 5, "out of the range of long"),
                Arguments.of("x = -9223372036854775809", 6, "out of the range of long"),
                Arguments.of("x = 99999999999999999999", 5, "out of the range of long"),
                Arguments.of("x = 0x10000000000000000", 5, "out of the range of long"),
                Arguments.of("x = -(9223372036854775808)", 7, "out of the range of long"),
                Arguments.of("x = 0x1.8", 5, "binary exponent"),
                Arguments.of("x = 12abc", 7, "right after the number 12"),
                Arguments.of("x = 1L5", 7, "right after the number 1L"),
                Arguments.of("x = 1.2.3", 8, "right after the number 1.2"),
                Arguments.of("x = 1e5L", 8, "right after the number 1e5"),
                Arguments.of("x = 'abc", 5, "not terminated"),
                Arguments.of("x = 'it''s", 5, "not terminated"),
                Arguments.of("x = \"abc\"", 5, "single quotes"));
    }

    @ParameterizedTest(name = "invalid literal: {0}")
    @MethodSource("invalidLiterals")
    void invalidLiteral(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @Test
    @DisplayName("Unicode digits are not numeric literal digits")
    void unicodeDigitsAreNotDigits() {
        // U+0663 ARABIC-INDIC DIGIT THREE is a Java identifier part, not an ASCII digit
        invalidAt("x = 1\u0663", 6, "right after the number 1");
    }
}
