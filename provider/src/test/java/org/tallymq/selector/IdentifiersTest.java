package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.parse;
import static org.tallymq.selector.TestMessage.message;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 3.8.1.1, "Identifiers", reserved words and whitespace. */
class IdentifiersTest {

    @ParameterizedTest(name = "3.8.1.1 Java identifier {0}")
    @ValueSource(strings = {"a", "$myProp", "_myProp", "a1", "a$b_c", "$", "_", "\u00fcber", "gr\u00f6\u00dfe",
            "\u65e5\u672c", "\u03b1\u03b2\u03b3", "x\u0301", "\ud835\udc9c", "ANDROID", "ORDER", "inX", "ISO",
            "NULLABLE", "LIKELY", "TRUEISH", "escaped", "\u0131s", "\u0131n", "jmsType", "jmsDestination"})
    void javaIdentifier(String name) {
        assertTrueFor(name + " = 1", message(name, 1));
        assertFalseFor(name + " = 1", message(name, 2));
        assertUnknownFor(name + " = 1", message());
        assertEquals("(" + name + " = 1)", parse(name + " = 1").tree());
    }

    @Test
    @DisplayName("TCK identifierTest01: $myProp=TRUE AND _myProp=FALSE")
    void dollarAndUnderscore() {
        assertTrueFor("$myProp=TRUE AND _myProp=FALSE", message("$myProp", true).with("_myProp", false));
    }

    @Test
    @DisplayName("3.8.1.1 identifiers are case-sensitive (TCK identifierTest12)")
    void identifiersAreCaseSensitive() {
        assertTrueFor("myProp=TRUE AND MYpROP=FALSE", message("myProp", true).with("MYpROP", false));
        assertUnknownFor("MYPROP = TRUE", message("myProp", true));
        assertFalseFor("myProp = 'a'", message("myProp", "A"));
    }

    static Stream<Arguments> reservedWordSelectors() {
        List<Arguments> selectors = new ArrayList<>();
        for (String word : new String[] {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS",
                "ESCAPE"}) {
            for (String spelling : new String[] {word, word.toLowerCase(),
                    word.charAt(0) + word.substring(1).toLowerCase()}) {
                String selector = spelling + " = 0";
                if (word.equals("TRUE") || word.equals("FALSE")) {
                    // a boolean literal, not an identifier: compared with a number
                    selectors.add(Arguments.of(selector, word.length() + 4, "cannot compare " + word + " with number 0"));
                } else if (word.equals("NOT")) {
                    // NOT is the operator: the '=' is where a value should be
                    selectors.add(Arguments.of(selector, 5, "expected a value but found '='"));
                } else if (word.equals("NULL")) {
                    selectors.add(Arguments.of(selector, 1, "NULL may only be used in 'identifier IS NULL'"));
                } else {
                    selectors.add(Arguments.of(selector, 1, "reserved word " + word
                            + " (reserved words cannot be used as identifiers"));
                }
            }
        }
        return selectors.stream();
    }

    @ParameterizedTest(name = "3.8.1.1 reserved word is not an identifier (TCK identifierTest02..14): {0}")
    @MethodSource("reservedWordSelectors")
    void reservedWordIsNotAnIdentifier(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @ParameterizedTest(name = "reserved word used as a value: {0}")
    @ValueSource(strings = {"x = AND", "x = or", "x = Between", "x = like", "x = In", "x = is", "x = escape",
            "x = not"})
    void reservedWordAsValue(String selector) {
        invalidAt(selector, 5, "reserved word");
    }

    @Test
    @DisplayName("reserved words are recognised in ASCII case only: dotless i makes an identifier")
    void reservedWordsAreAsciiCaseInsensitiveOnly() {
        assertTrueFor("\u0131s = 1", message("\u0131s", 1));
        invalidAt("iS = 1", 1, "reserved word IS");
    }

    @ParameterizedTest(name = "3.8.1.1 reserved words are case-insensitive: {0}")
    @ValueSource(strings = {"a is null", "c Is NoT nUlL", "b between 1 and 3", "b NOT between 5 AND 9",
            "c like 'x%' escape '!'", "c not LIKE 'y%'", "c in ('x1', 'x2')", "c Not In ('z')", "not d", "d or e",
            "e AND true", "TrUe aNd NoT fAlSe"})
    void reservedWordsInAnyCase(String selector) {
        TestMessage m = message("b", 2).with("c", "x1").with("d", false).with("e", true);
        assertTrueFor(selector, m);
    }

    @Test
    @DisplayName("TCK caseTest1: lower-case operators")
    void tckCaseTest() {
        assertTrueFor("myProp0 is null and myProp1 like 'fooG_%' escape 'G' and myProp2 in ('a', 'b') and "
                        + "myProp3 not between 0 and 10 and (myProp4 or false)",
                message("myProp1", "foo_test").with("myProp2", "a").with("myProp3", 20).with("myProp4", true));
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("JMSDeliveryMode = 'PERSISTENT'", "JMSDeliveryMode", "PERSISTENT"),
                Arguments.of("JMSDeliveryMode = 'NON_PERSISTENT'", "JMSDeliveryMode", "NON_PERSISTENT"),
                Arguments.of("JMSDeliveryMode <> 'PERSISTENT'", "JMSDeliveryMode", "NON_PERSISTENT"),
                Arguments.of("JMSPriority > 4", "JMSPriority", 7),
                Arguments.of("JMSPriority BETWEEN 0 AND 9", "JMSPriority", 4),
                Arguments.of("JMSMessageID = 'ID:1'", "JMSMessageID", "ID:1"),
                Arguments.of("JMSMessageID LIKE 'ID:%'", "JMSMessageID", "ID:abc"),
                Arguments.of("JMSTimestamp >= 1700000000000", "JMSTimestamp", 1700000000001L),
                Arguments.of("JMSCorrelationID IN ('c1', 'c2')", "JMSCorrelationID", "c2"),
                Arguments.of("JMSType = 'car'", "JMSType", "car"));
    }

    @ParameterizedTest(name = "3.8.1.1 header reference: {0}")
    @MethodSource("headers")
    void headerReference(String selector, String header, Object value) {
        assertTrueFor(selector, message(header, value));
        assertUnknownFor(selector, message()); // a null header value is NULL
    }

    @ParameterizedTest(name = "3.8.1.1 a null {0} is a NULL value")
    @ValueSource(strings = {"JMSMessageID", "JMSCorrelationID", "JMSType"})
    void nullableHeaders(String header) {
        assertTrueFor(header + " IS NULL", message());
        assertFalseFor(header + " IS NOT NULL", message());
        assertTrueFor(header + " IS NOT NULL", message(header, "x"));
    }

    @Test
    @DisplayName("3.8.1.1 spec example: JMSType = 'car' AND color = 'blue' AND weight > 2500")
    void specExample() {
        String selector = "JMSType = 'car' AND color = 'blue' AND weight > 2500";
        assertTrueFor(selector, message("JMSType", "car").with("color", "blue").with("weight", 2600));
        assertFalseFor(selector, message("JMSType", "car").with("color", "blue").with("weight", 2500));
        assertFalseFor(selector, message("JMSType", "bike").with("color", "blue").with("weight", 2600));
        assertUnknownFor(selector, message("JMSType", "car").with("color", "blue"));
    }

    @ParameterizedTest(name = "3.8.1.1 header references are restricted: {0} is rejected")
    @ValueSource(strings = {"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered", "JMSDeliveryTime",
            "JMSpriority", "JMSTYPE", "JMS", "JMSFoo", "JMSx"})
    void otherJmsNamesAreRejected(String name) {
        invalidAt(name + " IS NULL", 1, "restricted to JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, "
                + "JMSCorrelationID and JMSType");
        invalidAt("a = 1 AND " + name + " IS NULL", 11, "cannot be used in a selector");
    }

    @ParameterizedTest(name = "3.8.1.1 JMSX and JMS_ names are properties: {0}")
    @ValueSource(strings = {"JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq", "JMSXUserID", "JMSXAppID",
            "JMSXRcvTimestamp", "JMSXState", "JMSXAnythingNew", "JMSX", "JMS_TallyRoute", "JMS_"})
    void jmsxAndProviderPropertiesAreAllowed(String name) {
        assertTrueFor(name + " = 2", message(name, 2));
        assertTrueFor(name + " = 'two'", message(name, "two"));
        assertTrueFor(name + " IS NULL", message()); // absent like any other property (3.5.9)
    }

    @Test
    @DisplayName("3.5.9 JMSXDeliveryCount may be used in a selector")
    void deliveryCount() {
        assertTrueFor("JMSXDeliveryCount > 1", message("JMSXDeliveryCount", 2));
        assertFalseFor("JMSXDeliveryCount > 1", message("JMSXDeliveryCount", 1));
    }

    @Test
    @DisplayName("3.8.1.1 the conversions of the property get methods do not apply: '2' is not a number")
    void noPropertyConversions() {
        assertFalseFor("NumberOfOrders > 1", message("NumberOfOrders", "2"));
        assertFalseFor("flag = TRUE", message("flag", "true"));
        assertFalseFor("count = '2'", message("count", 2));
    }

    @ParameterizedTest(name = "3.8.1.1 Java whitespace separates tokens: {0}")
    @ValueSource(strings = {"JMSType   =   'foo'", "JMSType\t=\t'foo'", "JMSType\f=\f'foo'", "JMSType\n= \n'foo'",
            "JMSType\r\n=\r'foo'", "  JMSType='foo'  ", "\tJMSType='foo'\n"})
    void whitespace(String selector) {
        assertTrueFor(selector, message("JMSType", "foo"));
    }

    @ParameterizedTest(name = "other whitespace is an error: U+{0}")
    @ValueSource(ints = {0x00A0, 0x2003, 0x3000, 0x000B, 0x001C})
    void otherWhitespaceIsRejected(int codePoint) {
        String space = new String(Character.toChars(codePoint));
        invalidAt("a" + space + "= 1", 2, String.format("U+%04X", codePoint));
        invalidAt(space, 1, String.format("U+%04X", codePoint)); // not blank: not "no selector"
    }

    @ParameterizedTest(name = "not an identifier character: {0}")
    @ValueSource(strings = {"a#b = 1", "a.b = 1", "a@b = 1", "a:b = 1", "a?b = 1", "a;b = 1"})
    void badCharacterInIdentifier(String selector) {
        invalidAt(selector, 2, "cannot start a token");
    }

    @Test
    @DisplayName("an identifier may start with a supplementary letter")
    void supplementaryIdentifier() {
        String name = "\ud835\udc9cvalue"; // MATHEMATICAL SCRIPT CAPITAL A
        assertTrue(Character.isJavaIdentifierStart(name.codePointAt(0)));
        assertTrueFor(name + " = 'x'", message(name, "x"));
    }
}
