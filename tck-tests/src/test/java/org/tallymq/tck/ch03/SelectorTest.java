package org.tallymq.tck.ch03;

import static org.tallymq.tck.ch03.SelectorCase.Sample.props;
import static org.tallymq.tck.ch03.SelectorCase.Sample.with;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 3.8, message selectors end to end on a queue: each case sends labelled messages, a consumer
 * with the selector must get exactly the matching ones and the rest must stay on the queue (4.1.2).
 * Header selectors that need values only known after a send (JMSMessageID, JMSTimestamp), browsers,
 * topics and invalid selectors are in {@link SelectorScopeTest}.
 */
@Timeout(60)
class SelectorTest {

    private static final Set<String> NONE = Set.of();

    static Stream<SelectorCase> literalsAndTypes() {
        return Stream.of(
                SelectorCase.of("s = 'x'", Set.of("x"), props("x", "s", "x"), props("y", "s", "y"), props("absent")),
                SelectorCase.of("s = 'it''s'", Set.of("quote"), props("quote", "s", "it's"), props("plain", "s", "its")),
                SelectorCase.of("s = 'caf\u00e9 \u2603'", Set.of("unicode"), props("unicode", "s", "caf\u00e9 \u2603"),
                        props("ascii", "s", "cafe")),
                SelectorCase.of("b = TRUE", Set.of("true"), props("true", "b", true), props("false", "b", false),
                        props("absent")),
                SelectorCase.of("b = FALSE", Set.of("false"), props("true", "b", true), props("false", "b", false)),
                SelectorCase.of("b", Set.of("true"), props("true", "b", true), props("false", "b", false), props("absent")),
                SelectorCase.of("by = 12", Set.of("12"), props("12", "by", (byte) 12), props("13", "by", (byte) 13)),
                SelectorCase.of("sh = -1234", Set.of("-1234"), props("-1234", "sh", (short) -1234),
                        props("1234", "sh", (short) 1234)),
                SelectorCase.of("i = 123456", Set.of("hit"), props("hit", "i", 123456), props("miss", "i", 123457)),
                SelectorCase.of("l = 1234567890123", Set.of("hit"), props("hit", "l", 1234567890123L),
                        props("miss", "l", 1234567890124L)),
                SelectorCase.of("l > 2147483647", Set.of("beyond int"), props("beyond int", "l", 2147483648L),
                        props("int max", "l", 2147483647L)),
                SelectorCase.of("f > 1.4 AND f < 1.6", Set.of("1.5"), props("1.5", "f", 1.5f), props("2.5", "f", 2.5f)),
                SelectorCase.of("d = 2.25", Set.of("2.25"), props("2.25", "d", 2.25d), props("2.5", "d", 2.5d)),
                SelectorCase.of("i = 3.0", Set.of("3"), props("3", "i", 3), props("4", "i", 4)),
                SelectorCase.of("x = 7E3", Set.of("7000"), props("7000", "x", 7000.0d), props("700", "x", 700.0d)),
                SelectorCase.of("x = -57.9E2", Set.of("-5790"), props("-5790", "x", -5790.0d), props("5790", "x", 5790.0d)),
                SelectorCase.of("x = 7.", Set.of("7"), props("7", "x", 7), props("7.5", "x", 7.5d)),
                SelectorCase.of("x = +62", Set.of("62"), props("62", "x", 62L), props("-62", "x", -62L)),
                SelectorCase.of("x = 0x1F", Set.of("31"), props("31", "x", 31), props("1", "x", 1)),
                // the spec's own example: a String property is not a number in a selector
                SelectorCase.of("NumberOfOrders > 1", NONE, props("string 2", "NumberOfOrders", "2")),
                SelectorCase.of("NumberOfOrders > 1", Set.of("int 2"), props("int 2", "NumberOfOrders", 2),
                        props("int 1", "NumberOfOrders", 1)),
                SelectorCase.of("s = 2", NONE, props("string 2", "s", "2")),
                SelectorCase.of("b = 1", NONE, props("boolean true", "b", true)));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @MethodSource("literalsAndTypes")
    @DisplayName("3.8.1.1 literals (string, exact, approximate, boolean) against properties of every type")
    void literalsAndTypes(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    static Stream<SelectorCase> identifiersAndWhitespace() {
        return Stream.of(
                SelectorCase.of("Age = 1", Set.of("Age"), props("Age", "Age", 1), props("age", "age", 1)),
                SelectorCase.of("age = 1", Set.of("age"), props("Age", "Age", 1), props("age", "age", 1)),
                SelectorCase.of("_under$core9 = 1", Set.of("hit"), props("hit", "_under$core9", 1), props("miss")),
                SelectorCase.of("a\t=\n1\r\fAND\u0020b = 2", Set.of("hit"), props("hit", "a", 1, "b", 2),
                        props("miss", "a", 1, "b", 3)),
                SelectorCase.of("age between 15 and 19 or s like 'z%' or t is null", Set.of("age 16", "z"),
                        props("age 16", "age", 16, "t", "set"), props("z", "s", "zed", "t", "set"),
                        props("age 20", "age", 20, "t", "set")),
                SelectorCase.of("NoT (b = tRuE)", Set.of("false"), props("true", "b", true), props("false", "b", false)),
                SelectorCase.of("s In ('a', 'b')", Set.of("a"), props("a", "s", "a"), props("c", "s", "c")));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @MethodSource("identifiersAndWhitespace")
    @DisplayName("3.8.1.1 identifiers are case-sensitive, keywords are not; Java whitespace separates tokens")
    void identifiersAndWhitespace(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    static Stream<SelectorCase> comparisonAndArithmetic() {
        return Stream.of(
                SelectorCase.of("a > 2", Set.of("3"), props("1", "a", 1), props("2", "a", 2), props("3", "a", 3)),
                SelectorCase.of("a >= 2", Set.of("2", "3"), props("1", "a", 1), props("2", "a", 2), props("3", "a", 3)),
                SelectorCase.of("a < 2", Set.of("1"), props("1", "a", 1), props("2", "a", 2), props("3", "a", 3)),
                SelectorCase.of("a <= 2", Set.of("1", "2"), props("1", "a", 1), props("2", "a", 2), props("3", "a", 3)),
                SelectorCase.of("a <> 2", Set.of("1", "3"), props("1", "a", 1), props("2", "a", 2), props("3", "a", 3),
                        props("absent")),
                SelectorCase.of("s <> 'x'", Set.of("y"), props("x", "s", "x"), props("y", "s", "y"), props("absent")),
                SelectorCase.of("a * 2 + 1 = 7", Set.of("3"), props("3", "a", 3), props("4", "a", 4)),
                SelectorCase.of("a + b * 2 = 7", Set.of("1,3"), props("1,3", "a", 1, "b", 3), props("2,2", "a", 2, "b", 2)),
                SelectorCase.of("(a + b) * 2 = 8", Set.of("1,3"), props("1,3", "a", 1, "b", 3), props("2,3", "a", 2, "b", 3)),
                SelectorCase.of("a - b - c = 1", Set.of("6,3,2"), props("6,3,2", "a", 6, "b", 3, "c", 2),
                        props("6,1,0", "a", 6, "b", 1, "c", 0)),
                SelectorCase.of("-a = -3", Set.of("3"), props("3", "a", 3), props("-3", "a", -3)),
                SelectorCase.of("- -a = 3", Set.of("3"), props("3", "a", 3), props("-3", "a", -3)),
                SelectorCase.of("a / 2 = 1", Set.of("2", "3"), props("2", "a", 2), props("3", "a", 3), props("4", "a", 4)),
                SelectorCase.of("a / 2.0 = 1.5", Set.of("3"), props("2", "a", 2), props("3", "a", 3)),
                SelectorCase.of("f * 2 = 3", Set.of("1.5f"), props("1.5f", "f", 1.5f), props("2f", "f", 2f)),
                SelectorCase.of("l + i = 5000000000", Set.of("hit"), props("hit", "l", 4999999999L, "i", 1),
                        props("miss", "l", 4999999999L, "i", 2)),
                SelectorCase.of("a + 1 > 0", NONE, props("absent")),
                SelectorCase.of("by + sh = 3", Set.of("hit"), props("hit", "by", (byte) 1, "sh", (short) 2)));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @MethodSource("comparisonAndArithmetic")
    @DisplayName("3.8.1.1 comparison operators and arithmetic with Java numeric promotion and precedence")
    void comparisonAndArithmetic(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    static Stream<SelectorCase> betweenInLikeIsNull() {
        return Stream.of(
                SelectorCase.of("age BETWEEN 15 AND 19", Set.of("15", "17", "19"), props("14", "age", 14),
                        props("15", "age", 15), props("17", "age", 17), props("19", "age", 19), props("20", "age", 20),
                        props("absent")),
                SelectorCase.of("age NOT BETWEEN 15 AND 19", Set.of("14", "20"), props("14", "age", 14),
                        props("15", "age", 15), props("20", "age", 20), props("absent")),
                SelectorCase.of("age BETWEEN 15.5 AND 16", Set.of("16"), props("15", "age", 15), props("16", "age", 16)),
                SelectorCase.of("age BETWEEN lo AND hi", Set.of("in"), props("in", "age", 5, "lo", 1, "hi", 9),
                        props("out", "age", 10, "lo", 1, "hi", 9)),
                SelectorCase.of("Country IN ('UK', 'US', 'France')", Set.of("UK", "France"), props("UK", "Country", "UK"),
                        props("France", "Country", "France"), props("Peru", "Country", "Peru"), props("uk", "Country", "uk"),
                        props("absent")),
                SelectorCase.of("Country NOT IN ('UK', 'US', 'France')", Set.of("Peru"), props("UK", "Country", "UK"),
                        props("Peru", "Country", "Peru"), props("absent")),
                SelectorCase.of("Country IN ('UK')", Set.of("UK"), props("UK", "Country", "UK"), props("U", "Country", "U")),
                SelectorCase.of("phone LIKE '12%3'", Set.of("123", "12993"), props("123", "phone", "123"),
                        props("12993", "phone", "12993"), props("1234", "phone", "1234"), props("absent")),
                SelectorCase.of("word LIKE 'l_se'", Set.of("lose"), props("lose", "word", "lose"),
                        props("loose", "word", "loose")),
                SelectorCase.of("underscored LIKE '\\_%' ESCAPE '\\'", Set.of("_foo"), props("_foo", "underscored", "_foo"),
                        props("bar", "underscored", "bar"), props("xfoo", "underscored", "xfoo")),
                SelectorCase.of("phone NOT LIKE '12%3'", Set.of("1234"), props("123", "phone", "123"),
                        props("12993", "phone", "12993"), props("1234", "phone", "1234"), props("absent")),
                SelectorCase.of("p LIKE '100!%' ESCAPE '!'", Set.of("100%"), props("100%", "p", "100%"),
                        props("1000", "p", "1000")),
                SelectorCase.of("s LIKE '%'", Set.of("empty", "text"), props("empty", "s", ""), props("text", "s", "text"),
                        props("absent")),
                SelectorCase.of("s LIKE 'a.c'", Set.of("a.c"), props("a.c", "s", "a.c"), props("abc", "s", "abc")),
                SelectorCase.of("s LIKE '(x)*[y]$^'", Set.of("literal"), props("literal", "s", "(x)*[y]$^"),
                        props("regex", "s", "xxx[y]")),
                SelectorCase.of("s LIKE 'a%z'", Set.of("az", "a\nz"), props("az", "s", "az"), props("a\nz", "s", "a\nz"),
                        props("za", "s", "za")),
                SelectorCase.of("x IS NULL", Set.of("absent"), props("absent"), props("set", "x", 1)),
                SelectorCase.of("x IS NOT NULL", Set.of("set", "empty string"), props("absent"), props("set", "x", 1),
                        props("empty string", "x", "")));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @MethodSource("betweenInLikeIsNull")
    @DisplayName("3.8.1.1 BETWEEN, IN, LIKE (with ESCAPE) and IS [NOT] NULL, including the spec's own examples")
    void betweenInLikeIsNull(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    static Stream<SelectorCase> threeValuedLogic() {
        return Stream.of(
                SelectorCase.of("a > 1", Set.of("a=2"), props("absent"), props("a=0", "a", 0), props("a=2", "a", 2)),
                SelectorCase.of("NOT (a > 1)", Set.of("a=0"), props("absent"), props("a=0", "a", 0), props("a=2", "a", 2)),
                SelectorCase.of("a > 1 OR b = 2", Set.of("U or T", "T or F"), props("U or T", "b", 2),
                        props("U or F", "b", 1), props("T or F", "a", 2, "b", 1)),
                SelectorCase.of("a > 1 AND b = 2", Set.of("T and T"), props("U and T", "b", 2),
                        props("T and T", "a", 2, "b", 2)),
                SelectorCase.of("NOT (a > 1 AND b = 1)", Set.of("not(U and F)"), props("not(U and F)", "b", 2),
                        props("not(U and T)", "b", 1), props("not(T and T)", "a", 2, "b", 1)),
                SelectorCase.of("NOT (a > 1 OR b = 1)", Set.of("not(F or F)"), props("not(U or T)", "b", 1),
                        props("not(U or F)", "b", 2), props("not(F or F)", "a", 0, "b", 2)),
                SelectorCase.of("a = 1 OR TRUE", Set.of("absent", "a=2"), props("absent"), props("a=2", "a", 2)),
                SelectorCase.of("a = 1 AND FALSE", NONE, props("absent"), props("a=1", "a", 1)),
                SelectorCase.of("s LIKE 'x%' OR s IS NULL", Set.of("absent", "xy"), props("absent"), props("xy", "s", "xy"),
                        props("yx", "s", "yx")),
                SelectorCase.of("NOT (s IN ('a'))", Set.of("b"), props("absent"), props("a", "s", "a"), props("b", "s", "b")),
                SelectorCase.of("a = 1 OR a = 2 AND b = 3", Set.of("1,0", "2,3"), props("1,0", "a", 1, "b", 0),
                        props("2,0", "a", 2, "b", 0), props("2,3", "a", 2, "b", 3)),
                SelectorCase.of("NOT (a = 1) AND b = 1", Set.of("2,1"), props("2,1", "a", 2, "b", 1),
                        props("1,1", "a", 1, "b", 1), props("2,2", "a", 2, "b", 2)),
                SelectorCase.of("(a = 1 OR a = 2) AND b = 3", Set.of("2,3"), props("1,0", "a", 1, "b", 0),
                        props("2,3", "a", 2, "b", 3)));
    }

    @ParameterizedTest(name = "3.8.1.2 {0}")
    @MethodSource("threeValuedLogic")
    @DisplayName("3.8.1.2 NULL values and three-valued logic (Tables 3-4, 3-5, 3-6); precedence NOT, AND, OR")
    void threeValuedLogic(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    static Stream<SelectorCase> headerFields() {
        return Stream.of(
                SelectorCase.of("JMSPriority > 4", Set.of("7"), props("7").sentWith(DeliveryMode.PERSISTENT, 7),
                        props("2").sentWith(DeliveryMode.PERSISTENT, 2), props("default 4")),
                SelectorCase.of("JMSPriority = 4", Set.of("default 4"), props("default 4"),
                        props("9").sentWith(DeliveryMode.PERSISTENT, 9)),
                SelectorCase.of("JMSDeliveryMode = 'PERSISTENT'", Set.of("persistent"), props("persistent"),
                        props("non-persistent").sentWith(DeliveryMode.NON_PERSISTENT, 4)),
                SelectorCase.of("JMSDeliveryMode = 'NON_PERSISTENT'", Set.of("non-persistent"), props("persistent"),
                        props("non-persistent").sentWith(DeliveryMode.NON_PERSISTENT, 4)),
                SelectorCase.of("JMSType = 'car' AND color = 'blue' AND weight > 2500", Set.of("heavy blue car"),
                        with("heavy blue car", m -> typed(m, "car", "blue", 3000)),
                        with("light blue car", m -> typed(m, "car", "blue", 2000)),
                        with("heavy blue truck", m -> typed(m, "truck", "blue", 3000))),
                SelectorCase.of("JMSType IS NULL", Set.of("untyped"), props("untyped"), with("typed", m -> m.setJMSType("t"))),
                SelectorCase.of("JMSCorrelationID = 'abc'", Set.of("abc"), with("abc", m -> m.setJMSCorrelationID("abc")),
                        with("abd", m -> m.setJMSCorrelationID("abd")), props("none")),
                SelectorCase.of("JMSCorrelationID IS NULL", Set.of("none"), with("abc", m -> m.setJMSCorrelationID("abc")),
                        props("none")),
                SelectorCase.of("JMSCorrelationID LIKE 'order-%'", Set.of("order-1"),
                        with("order-1", m -> m.setJMSCorrelationID("order-1")),
                        with("invoice-1", m -> m.setJMSCorrelationID("invoice-1"))),
                SelectorCase.of("JMSMessageID LIKE 'ID:%'", Set.of("one", "two"), props("one"), props("two")),
                SelectorCase.of("JMSTimestamp > 0", Set.of("one"), props("one")),
                SelectorCase.of("JMSXGroupID = 'g1'", Set.of("g1"), props("g1", "JMSXGroupID", "g1"),
                        props("g2", "JMSXGroupID", "g2"), props("none")),
                SelectorCase.of("JMSXGroupSeq >= 2", Set.of("2"), props("1", "JMSXGroupID", "g", "JMSXGroupSeq", 1),
                        props("2", "JMSXGroupID", "g", "JMSXGroupSeq", 2)),
                SelectorCase.of("JMSXUnknownProperty IS NULL", Set.of("one"), props("one")));
    }

    @ParameterizedTest(name = "3.8.1.1 {0}")
    @MethodSource("headerFields")
    @DisplayName("3.8.1.1 / 3.8.1.3 header field references (JMSPriority, JMSDeliveryMode, JMSType, JMSCorrelationID, ...) and JMSX properties")
    void headerFields(SelectorCase selectorCase) throws Exception {
        selectorCase.run();
    }

    private static void typed(Message message, String type, String color, int weight) throws JMSException {
        message.setJMSType(type);
        message.setStringProperty("color", color);
        message.setIntProperty("weight", weight);
    }
}
