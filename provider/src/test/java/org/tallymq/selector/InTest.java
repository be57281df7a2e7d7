package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 3.8.1.1: {@code identifier [NOT] IN (string-literal1, string-literal2, ...)}. */
class InTest {

    @ParameterizedTest(name = "3.8.1.1 Country IN ('UK', 'US', 'France') for {0}")
    @ValueSource(strings = {"UK", "US", "France"})
    void specExampleMembers(String country) {
        assertTrueFor("Country IN ('UK', 'US', 'France')", message("Country", country));
        assertFalseFor("Country NOT IN ('UK', 'US', 'France')", message("Country", country));
        assertTrueFor("(Country = 'UK') OR (Country = 'US') OR (Country = 'France')", message("Country", country));
    }

    @ParameterizedTest(name = "3.8.1.1 Country IN ('UK', 'US', 'France') is false for {0}")
    @ValueSource(strings = {"Peru", "uk", "UK ", "", "Fran", "'UK'"})
    void specExampleNonMembers(String country) {
        assertFalseFor("Country IN ('UK', 'US', 'France')", message("Country", country));
        assertTrueFor("Country NOT IN ('UK', 'US', 'France')", message("Country", country));
        assertTrueFor("NOT ((Country = 'UK') OR (Country = 'US') OR (Country = 'France'))",
                message("Country", country));
    }

    @Test
    @DisplayName("TCK inTest1..4: JMSType IN / NOT IN, case-sensitive")
    void tck() {
        assertTrueFor("JMSType IN ('foo','jms','test')", message("JMSType", "jms"));
        assertFalseFor("JMSType IN ('foo','jms','test')", message("JMSType", "JMS"));
        assertTrueFor("JMSType NOT IN ('foo','jms','test')", message("JMSType", "FOO"));
        assertFalseFor("JMSType NOT IN ('foo','jms','test')", message("JMSType", "foo"));
    }

    @Test
    @DisplayName("3.8.1.1 / TCK inTest5,6: a NULL identifier gives UNKNOWN for IN and NOT IN")
    void nullIsUnknown() {
        assertUnknownFor("myNullProp IN ('foo','jms','test')", message());
        assertUnknownFor("myNullProp NOT IN ('foo','jms','test')", message());
        assertUnknownFor("NOT (myNullProp IN ('foo'))", message());
        assertUnknownFor("JMSCorrelationID IN ('c1')", message());
    }

    @ParameterizedTest(name = "TCK inTest7: a non-string value ({0}) gives UNKNOWN for IN and NOT IN")
    @MethodSource("nonStrings")
    void nonStringIsUnknown(Object value) {
        assertUnknownFor("myProp NOT IN ('foo','jms','test')", message("myProp", value));
        assertUnknownFor("myProp IN ('foo','jms','test', '0', 'true')", message("myProp", value));
    }

    static Stream<Object> nonStrings() {
        return Stream.of(0, 0L, (short) 0, (byte) 0, 0f, 0.0, true, false, 'f');
    }

    @Test
    @DisplayName("quotes, duplicates, unicode, a single element and a long list")
    void variousLists() {
        assertTrueFor("x IN ('it''s')", message("x", "it's"));
        assertTrueFor("x IN ('a', 'a', 'b')", message("x", "a"));
        assertTrueFor("x IN ('\u00e9t\u00e9', '\ud83d\ude00')", message("x", "\ud83d\ude00"));
        assertTrueFor("x IN ('')", message("x", ""));
        assertFalseFor("x IN ('')", message("x", " "));
        assertTrueFor("x in('a')", message("x", "a"));
        StringBuilder list = new StringBuilder("x IN (");
        for (int i = 0; i < 5000; i++) {
            list.append(i == 0 ? "" : ", ").append("'v").append(i).append('\'');
        }
        list.append(')');
        assertTrueFor(list.toString(), message("x", "v4999"));
        assertFalseFor(list.toString(), message("x", "v5000"));
    }

    @Test
    @DisplayName("IN binds tighter than NOT, AND and OR")
    void precedence() {
        assertEquals("(NOT (x IN ('a', 'b')))", tree("NOT x IN ('a', 'b')"));
        assertEquals("((x NOT IN ('a')) AND (y IN ('b')))", tree("x NOT IN ('a') AND y IN ('b')"));
        assertTrueFor("NOT x IN ('a', 'b')", message("x", "c"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // TCK inTest8
                Arguments.of("myProp NOT IN (1,2,3)", 16, "expected a string literal in the NOT IN list but found "
                        + "number 1"),
                Arguments.of("x IN ('a', 2)", 12, "expected a string literal in the IN list but found number 2"),
                Arguments.of("x IN ('a', y)", 12, "found identifier 'y'"),
                Arguments.of("x IN ('a', TRUE)", 12, "found reserved word TRUE"),
                Arguments.of("x IN ()", 7, "the IN list is empty"),
                Arguments.of("x NOT IN ()", 11, "the NOT IN list is empty"),
                Arguments.of("x IN ('a',)", 11, "expected a string literal in the IN list but found ')'"),
                Arguments.of("x IN ('a' 'b')", 11, "expected ',' or ')' in the IN list but found string 'b'"),
                Arguments.of("x IN ('a'", 10, "expected ',' or ')' in the IN list but found the end of the selector"),
                Arguments.of("x IN 'a'", 6, "expected '(' and a list of string literals after IN but found string"),
                Arguments.of("x IN", 5, "expected '(' and a list of string literals after IN"),
                Arguments.of("'a' IN ('a')", 1, "IN tests an identifier"),
                Arguments.of("x + 1 IN ('a')", 1, "IN tests an identifier (identifier IN ..., section 3.8.1.1) but is "
                        + "applied to an arithmetic expression"),
                Arguments.of("JMSPriority IN ('1')", 1, "IN needs an identifier with a string value, but JMSPriority "
                        + "is a number"),
                Arguments.of("JMSTimestamp NOT IN ('1')", 1, "NOT IN needs an identifier with a string value"),
                Arguments.of("x IN ('a') = TRUE", 12, "expected AND, OR or the end of the selector but found '='"));
    }

    @ParameterizedTest(name = "invalid: {0}")
    @MethodSource("invalid")
    void invalidIn(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }
}
