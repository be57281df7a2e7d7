package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertResult;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
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

/** Section 3.8.1.2 "Null values": SQL NULL semantics, IS [NOT] NULL, and Tables 3-4, 3-5, 3-6. */
class ThreeValuedLogicTest {

    /** A message where {@code a} and {@code b} are TRUE, FALSE or absent (UNKNOWN). */
    private static TestMessage operands(String a, String b) {
        TestMessage m = message();
        if (!a.equals("U")) {
            m.with("a", a.equals("T"));
        }
        if (!b.equals("U")) {
            m.with("b", b.equals("T"));
        }
        return m;
    }

    private static Boolean truth(String t) {
        return t.equals("U") ? null : Boolean.valueOf(t.equals("T"));
    }

    @ParameterizedTest(name = "Table 3-4: {0} AND {1} = {2}")
    @CsvSource({"T,T,T", "T,F,F", "T,U,U", "F,T,F", "F,F,F", "F,U,F", "U,T,U", "U,F,F", "U,U,U"})
    void andTable(String a, String b, String result) {
        assertResult(truth(result), "a AND b", operands(a, b));
        // the same with comparisons producing the operands, and with literals where possible
        assertResult(truth(result), "(a = TRUE) AND (b = TRUE)", operands(a, b));
        assertResult(truth(result), "a AND b AND TRUE", operands(a, b));
    }

    @ParameterizedTest(name = "Table 3-5: {0} OR {1} = {2}")
    @CsvSource({"T,T,T", "T,F,T", "T,U,T", "F,T,T", "F,F,F", "F,U,U", "U,T,T", "U,F,U", "U,U,U"})
    void orTable(String a, String b, String result) {
        assertResult(truth(result), "a OR b", operands(a, b));
        assertResult(truth(result), "(a = TRUE) OR (b = TRUE)", operands(a, b));
        assertResult(truth(result), "a OR b OR FALSE", operands(a, b));
    }

    @ParameterizedTest(name = "Table 3-6: NOT {0} = {1}")
    @CsvSource({"T,F", "F,T", "U,U"})
    void notTable(String a, String result) {
        assertResult(truth(result), "NOT a", operands(a, "U"));
        assertResult(truth(result), "NOT (a = TRUE)", operands(a, "U"));
        assertResult(truth(a), "NOT NOT a", operands(a, "U"));
    }

    @ParameterizedTest(name = "Logic.and/or/not directly: {0} {1}")
    @CsvSource({"T,T", "T,F", "T,U", "F,T", "F,F", "F,U", "U,T", "U,F", "U,U"})
    void logicHelpersAreCommutative(String a, String b) {
        assertEquals(Logic.and(truth(a), truth(b)), Logic.and(truth(b), truth(a)));
        assertEquals(Logic.or(truth(a), truth(b)), Logic.or(truth(b), truth(a)));
        // De Morgan holds in three-valued logic
        assertEquals(Logic.not(Logic.and(truth(a), truth(b))), Logic.or(Logic.not(truth(a)), Logic.not(truth(b))));
    }

    @Test
    @DisplayName("TCK nullTest04..07: the AND and OR tables over TRUE, FALSE and NULL properties")
    void tckNullTests() {
        TestMessage m = message("myTrueProp", true).with("myFalseProp", false);
        assertTrueFor("myTrueProp AND myTrueProp", m);
        // TRUE AND NULL is UNKNOWN, so the whole OR is UNKNOWN: not received
        assertUnknownFor("(myTrueProp AND myFalseProp) OR (myTrueProp AND myNullProp) OR (myFalseProp AND myTrueProp) "
                + "OR (myFalseProp AND myFalseProp) OR (myFalseProp AND myNullProp) OR (MyNullProp AND myTrueProp) "
                + "OR (MyNullProp AND myFalseProp) OR (MyNullProp AND myNullProp)", m);
        assertTrueFor("(myTrueProp OR myTrueProp) AND (myTrueProp OR myFalseProp) AND (myTrueProp OR myNullProp) "
                + "AND (myFalseProp OR myTrueProp) AND (myNullProp OR myTrueProp)", m);
        assertUnknownFor("(myFalseProp OR myFalseProp) OR (myFalseProp OR myNullProp) OR (myNullProp OR myFalseProp) "
                + "OR (myNullProp OR myNullProp)", m);
    }

    @Test
    @DisplayName("TCK expressionTest1..3: an identifier as the whole selector")
    void identifierAsSelector() {
        assertTrueFor("myProp", message("myProp", true));
        assertFalseFor("myProp", message("myProp", false));
        assertUnknownFor("myNullProp", message());
    }

    @ParameterizedTest(name = "an identifier with a non-boolean value is UNKNOWN as a condition: {0}")
    @MethodSource("nonBooleans")
    void nonBooleanIdentifierIsUnknown(Object value) {
        assertUnknownFor("p", message("p", value));
        assertUnknownFor("NOT p", message("p", value));
        assertUnknownFor("p AND TRUE", message("p", value));
        assertFalseFor("p AND FALSE", message("p", value));
        assertTrueFor("p OR TRUE", message("p", value));
        assertUnknownFor("p OR FALSE", message("p", value));
    }

    static Stream<Object> nonBooleans() {
        return Stream.of("true", "TRUE", 1, 0L, 1.0, 'T');
    }

    @Test
    @DisplayName("3.8.1.1 a selector that is UNKNOWN does not match, and neither does its negation")
    void unknownNeverMatches() {
        Selector selector = parse("x > 5");
        Selector negated = parse("NOT (x > 5)");
        TestMessage absent = message();
        assertFalse(selector.matches(absent));
        assertFalse(negated.matches(absent));
        assertFalse(parse("x = 1 OR x <> 1").matches(absent)); // not a tautology under NULL
    }

    @Test
    @DisplayName("a non-canonical Boolean instance from the message still counts as TRUE")
    @SuppressWarnings({"deprecation", "removal"})
    void nonCanonicalBoolean() {
        assertTrueFor("p", message("p", new Boolean(true)));
        assertTrueFor("p AND NOT q", message("p", new Boolean(true)).with("q", new Boolean(false)));
        assertTrueFor("p = TRUE", message("p", new Boolean(true)));
    }

    @ParameterizedTest(name = "3.8.1.1 IS NULL / IS NOT NULL with value {0}")
    @MethodSource("presentValues")
    void isNullOnPresentValues(Object value) {
        assertFalseFor("p IS NULL", message("p", value));
        assertTrueFor("p IS NOT NULL", message("p", value));
        assertTrueFor("NOT p IS NULL", message("p", value));
    }

    static Stream<Object> presentValues() {
        return Stream.of("", "x", 0, 0L, (short) 0, (byte) 0, 0f, 0.0, false, true, Double.NaN);
    }

    @Test
    @DisplayName("3.8.1.2 IS NULL turns a missing value into TRUE, never UNKNOWN (TCK isNullTest1..4)")
    void isNullOnMissingValues() {
        assertTrueFor("myNullProp IS NULL", message());
        assertFalseFor("myNullProp IS NOT NULL", message());
        assertFalseFor("myProp IS NULL", message("myProp", "foo"));
        assertTrueFor("myProp IS NOT NULL", message("myProp", 10f));
        assertTrueFor("x IS NULL OR x > 5", message());
        assertTrueFor("x IS NOT NULL AND x > 5 OR x IS NULL", message());
        assertFalseFor("x IS NOT NULL AND x > 5", message());
    }

    @ParameterizedTest(name = "3.8.1.2 comparison or arithmetic with NULL is UNKNOWN: {0}")
    @ValueSource(strings = {"n = 1", "n + 1 = 1", "1 + n > 0", "-n < 0", "n * 0 = 0", "n / 1 = 0", "n = n",
            "n <> n", "n BETWEEN 0 AND 1", "n IN ('a')", "n LIKE '%'", "n = 'a'", "n = TRUE", "(n = 1) = TRUE",
            "(n = 1) <> FALSE"})
    void nullPropagates(String selector) {
        assertUnknownFor(selector, message());
        assertUnknownFor("NOT (" + selector + ")", message());
        assertFalseFor("(" + selector + ") AND FALSE", message());
        assertTrueFor("(" + selector + ") OR TRUE", message());
    }

    @Test
    @DisplayName("a long OR chain is one node: 10,000 terms evaluate without stack overflow")
    void longOrChain() {
        StringBuilder s = new StringBuilder("x = 0");
        for (int i = 1; i < 10_000; i++) {
            s.append(" OR x = ").append(i);
        }
        assertTrueFor(s.toString(), message("x", 9_999));
        assertFalseFor(s.toString(), message("x", 10_000));
        assertUnknownFor(s.toString(), message());
        assertUnknownFor(s.toString().replace(" OR ", " AND "), message());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("x IS 5", 6, "expected NULL after the IS at column 3 but found number 5"),
                Arguments.of("x IS NOT 5", 10, "expected NULL after the IS NOT at column 3"),
                Arguments.of("x IS", 5, "expected NULL after the IS"),
                Arguments.of("x NOT NULL", 7, "expected BETWEEN, IN or LIKE after the NOT at column 3 but found "
                        + "reserved word NULL"),
                Arguments.of("x = NULL", 5, "NULL may only be used in 'identifier IS NULL'"),
                Arguments.of("NULL IS NULL", 1, "expected a value but found NULL"),
                Arguments.of("1 IS NULL", 1, "IS NULL tests an identifier"),
                Arguments.of("'a' IS NOT NULL", 1, "IS NOT NULL tests an identifier"),
                Arguments.of("(a + 1) IS NULL", 1, "IS NULL tests an identifier (identifier IS NULL, section 3.8.1.1) "
                        + "but is applied to an arithmetic expression"),
                Arguments.of("x IS NULL IS NULL", 11, "expected AND, OR or the end of the selector but found "
                        + "reserved word IS"),
                Arguments.of("'abc' AND a", 1, "AND combines conditions but found string 'abc'"),
                Arguments.of("a AND 1", 7, "AND combines conditions but found number 1"),
                Arguments.of("a OR x + 1", 6, "OR combines conditions but found an arithmetic expression"),
                Arguments.of("NOT 5", 5, "NOT combines conditions but found number 5"),
                Arguments.of("NOT JMSType", 5, "NOT combines conditions but found JMSType (a string)"),
                Arguments.of("JMSPriority AND a", 1, "AND combines conditions but found JMSPriority (a number)"));
    }

    @ParameterizedTest(name = "invalid: {0}")
    @MethodSource("invalid")
    void invalidNullAndLogic(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }
}
