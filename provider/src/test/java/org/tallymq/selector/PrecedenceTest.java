package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertResult;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.parse;
import static org.tallymq.selector.SelectorTestSupport.tree;
import static org.tallymq.selector.TestMessage.message;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section 3.8.1.1: evaluation is left to right within a precedence level; parentheses change the
 * order; logical operators in precedence order NOT, AND, OR; arithmetic unary +/-, then * /, then
 * + -; comparisons bind tighter than NOT.
 */
class PrecedenceTest {

    @ParameterizedTest(name = "{0}  parses as  {1}")
    @CsvSource(delimiter = '|', value = {
            "a OR b AND c|(a OR (b AND c))",
            "a AND b OR c|((a AND b) OR c)",
            "a OR b OR c|(a OR b OR c)",
            "a AND b AND c|(a AND b AND c)",
            "NOT a AND b|((NOT a) AND b)",
            "NOT a OR b|((NOT a) OR b)",
            "a AND NOT b OR c|((a AND (NOT b)) OR c)",
            "NOT NOT a|(NOT (NOT a))",
            "NOT (a AND b)|(NOT (a AND b))",
            "(a OR b) AND c|((a OR b) AND c)",
            "a OR (b OR c)|(a OR (b OR c))",
            "NOT a = 1|(NOT (a = 1))",
            "NOT a BETWEEN 1 AND 2|(NOT (a BETWEEN 1 AND 2))",
            "NOT a IS NULL|(NOT (a IS NULL))",
            "a = 1 OR b = 2 AND c = 3|((a = 1) OR ((b = 2) AND (c = 3)))",
            "a + b * c = d|((a + (b * c)) = d)",
            "a * b + c = d|(((a * b) + c) = d)",
            "a - b - c = d|((a - b - c) = d)",
            "a / b / c = d|((a / b / c) = d)",
            "a + b = c * d|((a + b) = (c * d))",
            "-a * b = c|(((-a) * b) = c)",
            "-a + -b = c|(((-a) + (-b)) = c)",
            "a = b AND c <> d|((a = b) AND (c <> d))",
            "a < b + 1 OR c|((a < (b + 1)) OR c)",
            "((a))|a",
            "(((a = 1)))|(a = 1)",
            "a AND (b OR c) AND d|(a AND (b OR c) AND d)",
            "TRUE OR FALSE AND FALSE|(TRUE OR (FALSE AND FALSE))",
            "x IS NULL AND y IS NOT NULL OR z|(((x IS NULL) AND (y IS NOT NULL)) OR z)"})
    void treeShape(String selector, String expected) {
        assertEquals(expected, tree(selector));
        // the tree form parses back to itself
        assertEquals(expected, tree(expected));
    }

    @Test
    @DisplayName("TCK precedenceTest1: NOT myTrueProp AND myFalseProp is (NOT T) AND F = F")
    void notBindsTighterThanAnd() {
        assertFalseFor("NOT myTrueProp AND myFalseProp", message("myTrueProp", true).with("myFalseProp", false));
        assertTrueFor("NOT myTrueProp AND myFalseProp", message("myTrueProp", false).with("myFalseProp", true));
        assertTrueFor("NOT (myTrueProp AND myFalseProp)", message("myTrueProp", true).with("myFalseProp", false));
    }

    @Test
    @DisplayName("TCK precedenceTest2/3: T AND NOT F = T; T OR T AND F = T OR (T AND F) = T")
    void andBindsTighterThanOr() {
        TestMessage m = message("myTrueProp", true).with("myFalseProp", false);
        assertTrueFor("myTrueProp AND NOT myFalseProp", m);
        assertTrueFor("myTrueProp OR myTrueProp AND myFalseProp", m);
        assertFalseFor("(myTrueProp OR myTrueProp) AND myFalseProp", m);
    }

    @Test
    @DisplayName("TCK bracketingTest1..4")
    void bracketing() {
        assertFalseFor("(myTrueProp OR myFalseProp) AND myFalseProp",
                message("myTrueProp", true).with("myFalseProp", false));
        assertTrueFor("TRUE OR (FALSE AND FALSE)", message());
        TestMessage m = message("myProp0", true).with("myProp1", false).with("JMSType", "foo");
        assertFalseFor("(myProp0 = true OR myProp1 = true) AND JMSType = 'not_foo'", m);
        assertTrueFor("(myProp1 = true AND JMSType = 'not_foo') OR myProp0 = true", m);
    }

    @ParameterizedTest(name = "left to right within a level: {0}")
    @ValueSource(strings = {"10 - 4 - 3 = 3", "64 / 8 / 2 = 4", "2 * 3 / 4 = 1", "2 * (3 / 4) = 0", "2 / 4 * 3 = 0",
            "1 - 2 + 3 = 2", "1 - (2 + 3) = -4", "-2 - -2 = 0"})
    void leftToRight(String selector) {
        assertTrueFor(selector, message());
    }

    @ParameterizedTest(name = "a={0} b={1} c={2}: a OR b AND c vs (a OR b) AND c")
    @CsvSource({"true,true,false", "true,false,false", "false,true,true", "false,false,true", "true,true,true"})
    void andBeforeOrByTruthTable(boolean a, boolean b, boolean c) {
        TestMessage m = message("a", a).with("b", b).with("c", c);
        assertResult(a || (b && c), "a OR b AND c", m);
        assertResult((a || b) && c, "(a OR b) AND c", m);
        assertResult(!a && b, "NOT a AND b", m);
        assertResult(!(a && b), "NOT (a AND b)", m);
    }

    @Test
    @DisplayName("nesting: 200 levels of parentheses are fine, 201 are refused with a clear message")
    void nestingLimit() {
        String inner = "a = 1";
        String ok = "(".repeat(Parser.MAX_NESTING) + inner + ")".repeat(Parser.MAX_NESTING);
        assertTrueFor(ok, message("a", 1));
        String tooDeep = "(".repeat(Parser.MAX_NESTING + 1) + inner + ")".repeat(Parser.MAX_NESTING + 1);
        invalidAt(tooDeep, Parser.MAX_NESTING + 1, "nested more than 200 deep");
        invalidAt("NOT ".repeat(Parser.MAX_NESTING + 1) + "a", 4 * Parser.MAX_NESTING + 1, "nested more than");
        invalidAt("x = " + "-".repeat(Parser.MAX_NESTING + 1) + "y", 5 + Parser.MAX_NESTING, "nested more than");
        assertTrueFor("NOT ".repeat(Parser.MAX_NESTING) + "a", message("a", true)); // an even number of NOTs
        // a hostile selector far beyond the limit is refused, not a StackOverflowError
        invalidAt("(".repeat(100_000), Parser.MAX_NESTING + 1, "nested more than");
    }

    @Test
    @DisplayName("the tree form of a larger selector is stable under reparsing")
    void roundTrip() {
        String selector = "JMSType = 'car' AND (color IN ('blue', 'it''s') OR weight * 2 + 1 > -2500.5) AND NOT "
                + "name LIKE 'a\\_%' ESCAPE '\\' AND x NOT BETWEEN -1 AND y / 3 AND z IS NOT NULL OR FALSE";
        String once = parse(selector).tree();
        assertEquals(once, parse(once).tree());
    }
}
