package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tallymq.selector.SelectorTestSupport.assertFalseFor;
import static org.tallymq.selector.SelectorTestSupport.assertResult;
import static org.tallymq.selector.SelectorTestSupport.assertTrueFor;
import static org.tallymq.selector.SelectorTestSupport.assertUnknownFor;
import static org.tallymq.selector.SelectorTestSupport.invalidAt;
import static org.tallymq.selector.SelectorTestSupport.tree;
import static org.tallymq.selector.TestMessage.message;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 3.8.1.1: {@code identifier [NOT] LIKE pattern-value [ESCAPE escape-character]}. */
class LikeTest {

    @ParameterizedTest(name = "3.8.1.1 ''{0}'' LIKE ''{1}'' is {2}")
    @CsvSource(delimiter = '|', value = {
            // the examples of the specification
            "123|12%3|true", "12993|12%3|true", "1234|12%3|false",
            "lose|l_se|true", "loose|l_se|false",
            // TCK likeTest01..07
            "jms|jms|true", "selector|s_lector|true", "abcd|_bcd|true", "1234|123_|true", "selector|s%tor|true",
            "abcd|%cd|true", "1234|1%|true", "ABCD|AB%CD|true", "foo|%|true", "1234|123|false", "jms|jms0|false",
            "seleector|se_ector|false", "abcd|_cd|false", "1234|12_|false", "12333|12%3|true",
            // more shapes
            "|%|true", "||true", "|_|false", "a||false", "abc|abc|true", "abc|ABC|false", "abc|ab|false",
            "abc|abc%|true", "abcdef|abc%|true", "xabc|abc%|false", "abc|%abc|true", "xxabc|%abc|true",
            "abcx|%abc|false", "xxabcxx|%abc%|true", "xxabxx|%abc%|false", "abc|%%%|true", "abc|a%%c|true",
            "abc|___|true", "ab|___|false", "abcd|___|false", "abc|_%_|true", "a|_%_|false", "ab|_%_|true",
            "aXbXc|a%b%c|true", "aXcXb|a%b%c|false", "mississippi|%iss%ppi|true", "mississippi|m%s_i%|true",
            "mississippi|%s%s%s%s%|true", "mississippi|%s%s%s%s%s%|false", "aaa|a%a%a|true", "aa|a%a%a|false",
            "banana|%ana|true", "banana|b%an_|true", "banana|%a_a%a|true",
            "100%|100%|true", "100 percent|100%|true", "a_b|a_b|true", "axb|a_b|true"})
    void patterns(String value, String pattern, boolean expected) {
        String v = value == null ? "" : value;
        String p = pattern == null ? "" : pattern;
        assertResult(expected, "x LIKE '" + p.replace("'", "''") + "'", message("x", v));
        assertResult(!expected, "x NOT LIKE '" + p.replace("'", "''") + "'", message("x", v));
    }

    @ParameterizedTest(name = "3.8.1.1 ESCAPE: ''{0}'' LIKE ''{1}'' ESCAPE ''{2}'' is {3}")
    @CsvSource(delimiter = '|', value = {
            // the example of the specification: underscored LIKE '\_%' ESCAPE '\'
            "_foo|\\_%|\\|true", "bar|\\_%|\\|false", "_|\\_%|\\|true", "x_foo|\\_%|\\|false",
            // TCK likeTest04, 08, 12, 16, 17
            "_foo%foo|A_fo_A%f%|A|true", "_foo%|A%fooA_|A|false", "%foo_|A%fooA_|A|true", "_A|A_A_|A|false",
            "__|A_A_|A|true", "_foo%|A_fooA%|A|true", "jms|A_fooA%|A|false", "_a%b|\\__\\%%|\\|true",
            // caseTest1: fooG_% ESCAPE 'G'
            "foo_test|fooG_%|G|true", "fooXtest|fooG_%|G|false",
            // the escape character escaping itself
            "a\\b|a\\\\b|\\|true", "a\\\\b|a\\\\b|\\|false", "50%|50!%|!|true", "50x|50!%|!|false",
            "50!|50!!|!|true", "%|!%|!|true", "x|!%|!|false", "%%|!%%|!|true", "%abc|!%%|!|true",
            "a%b|%!%%|!|true", "ab|%!%%|!|false", "a_b|%!_%|!|true", "ab|%!_%|!|false",
            // an escape character that is also a wildcard or a letter
            "a%|a%%|%|true", "ab|a%%|%|false", "x_y|x__y|_|true", "xzy|x__y|_|false",
            "50%|50a%|a|true", "a|aa|a|true", "aa|aa|a|false"})
    void escape(String value, String pattern, String escape, boolean expected) {
        String selector = "x LIKE '" + pattern + "' ESCAPE '" + escape + "'";
        assertResult(expected, selector, message("x", value));
        assertResult(!expected, "x NOT LIKE '" + pattern + "' ESCAPE '" + escape + "'", message("x", value));
    }

    @Test
    @DisplayName("'_' is one character: a supplementary character (two Java chars) counts once")
    void underscoreMatchesOneCodePoint() {
        String emoji = "\ud83d\ude00";
        assertTrueFor("x LIKE 'a_b'", message("x", "a" + emoji + "b"));
        assertFalseFor("x LIKE 'a__b'", message("x", "a" + emoji + "b"));
        assertTrueFor("x LIKE '_'", message("x", emoji));
        assertTrueFor("x LIKE '%" + emoji + "%'", message("x", "ab" + emoji + "cd"));
        assertTrueFor("x LIKE '_" + emoji + "_'", message("x", "a" + emoji + emoji));
        assertTrueFor("x LIKE '" + emoji + "_' ESCAPE '" + emoji + "'", message("x", "_"));
        assertTrueFor("x LIKE '%_%_'", message("x", emoji + emoji));
        assertFalseFor("x LIKE '%_%_%_'", message("x", emoji + emoji));
        assertTrueFor("x LIKE 'line_break'", message("x", "line\nbreak"));
        assertTrueFor("x LIKE 'a%z'", message("x", "a\r\n\tz"));
    }

    @Test
    @DisplayName("3.8.1.1 / TCK likeTest18,19: a NULL identifier gives UNKNOWN for LIKE and NOT LIKE")
    void nullIsUnknown() {
        assertUnknownFor("myNullProp LIKE '1_3'", message());
        assertUnknownFor("myNullProp NOT LIKE '1_3'", message());
        assertUnknownFor("NOT (myNullProp LIKE '%')", message());
    }

    @ParameterizedTest(name = "TCK likeTest20: a non-string value {0} gives UNKNOWN for LIKE and NOT LIKE")
    @MethodSource("nonStrings")
    void nonStringIsUnknown(Object value) {
        assertUnknownFor("myProp LIKE '1_3'", message("myProp", value));
        assertUnknownFor("myProp NOT LIKE '1_3'", message("myProp", value));
        assertUnknownFor("myProp LIKE '%'", message("myProp", value));
    }

    static Stream<Object> nonStrings() {
        return Stream.of(123, 123L, (short) 123, (byte) 123, 123f, 123.0, true);
    }

    @Test
    @DisplayName("LIKE binds tighter than NOT, AND and OR")
    void precedence() {
        assertEquals("(NOT (x LIKE 'a%'))", tree("NOT x LIKE 'a%'"));
        assertEquals("((x NOT LIKE 'a\\%' ESCAPE '\\') OR y)", tree("x NOT LIKE 'a\\%' ESCAPE '\\' OR y"));
        assertEquals("((x LIKE 'it''s') AND y)", tree("x LIKE 'it''s' AND y"));
    }

    @Test
    @DisplayName("no catastrophic backtracking: a pattern with many % against a long value")
    void pathologicalPatternsAreLinearish() {
        String value = "a".repeat(20_000);
        assertFalseFor("x LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%b'", message("x", value));
        assertTrueFor("x LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%a%'", message("x", value));
        assertFalseFor("x LIKE '" + "_%".repeat(200) + "b'", message("x", value));
        assertTrueFor("x LIKE '" + "%_".repeat(200) + "'", message("x", value));
    }

    /** A plain dynamic-programming matcher on code points, as the reference for random patterns. */
    private static boolean reference(String value, String pattern) {
        int[] v = value.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        boolean[][] m = new boolean[p.length + 1][v.length + 1];
        m[0][0] = true;
        for (int i = 1; i <= p.length; i++) {
            for (int j = 0; j <= v.length; j++) {
                if (p[i - 1] == '%') {
                    m[i][j] = m[i - 1][j] || (j > 0 && m[i][j - 1]);
                } else {
                    m[i][j] = j > 0 && m[i - 1][j - 1] && (p[i - 1] == '_' || p[i - 1] == v[j - 1]);
                }
            }
        }
        return m[p.length][v.length];
    }

    @Test
    @DisplayName("random patterns agree with a reference matcher (20,000 seeded cases)")
    void agreesWithReference() throws Exception {
        Random random = new Random(20261126L);
        String[] patternAlphabet = {"a", "b", "%", "_", "\ud83d\ude00"};
        String[] valueAlphabet = {"a", "b", "\ud83d\ude00"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder pattern = new StringBuilder();
            int pl = random.nextInt(8);
            for (int i = 0; i < pl; i++) {
                pattern.append(patternAlphabet[random.nextInt(patternAlphabet.length)]);
            }
            StringBuilder value = new StringBuilder();
            int vl = random.nextInt(10);
            for (int i = 0; i < vl; i++) {
                value.append(valueAlphabet[random.nextInt(valueAlphabet.length)]);
            }
            LikePattern compiled = LikePattern.compile(pattern.toString(), -1);
            boolean expected = reference(value.toString(), pattern.toString());
            assertEquals(expected, compiled.matches(value.toString()),
                    "'" + value + "' LIKE '" + pattern + "'");
        }
    }

    @Test
    @DisplayName("the pattern compiler reports the index of a bad escape")
    void badEscapeIndex() {
        LikePattern.BadPatternException e = assertThrows(LikePattern.BadPatternException.class,
                () -> LikePattern.compile("ab!c", '!'));
        assertEquals(2, e.index);
        e = assertThrows(LikePattern.BadPatternException.class, () -> LikePattern.compile("ab!", '!'));
        assertEquals(2, e.index);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // TCK likeTest21
                Arguments.of("myProp LIKE 7", 13, "expected a string literal pattern after LIKE but found number 7"),
                Arguments.of("x LIKE y", 8, "expected a string literal pattern after LIKE but found identifier 'y'"),
                Arguments.of("x NOT LIKE", 11, "expected a string literal pattern after NOT LIKE but found the end"),
                Arguments.of("x LIKE 'a' ESCAPE 'ab'", 19, "the ESCAPE character must be a single character, but "
                        + "string 'ab' has 2"),
                Arguments.of("x LIKE 'a' ESCAPE ''", 19, "must be a single character, but string '' has 0"),
                Arguments.of("x LIKE 'a' ESCAPE 5", 19, "expected a one-character string literal after ESCAPE but "
                        + "found number 5"),
                Arguments.of("x LIKE 'a' ESCAPE", 18, "expected a one-character string literal after ESCAPE"),
                Arguments.of("x LIKE 'a\\b' ESCAPE '\\'", 8, "at character 2, the ESCAPE character '\\' is followed "
                        + "by 'b'; it may only be followed by '_', '%' or itself"),
                Arguments.of("x LIKE 'ab\\' ESCAPE '\\'", 8, "at character 3, the pattern ends with the ESCAPE "
                        + "character"),
                Arguments.of("x LIKE 'abc' ESCAPE 'a'", 8, "the ESCAPE character 'a' is followed by 'b'"),
                Arguments.of("JMSPriority LIKE 'a'", 1, "LIKE needs an identifier with a string value, but "
                        + "JMSPriority is a number"),
                Arguments.of("JMSTimestamp NOT LIKE '1%'", 1, "NOT LIKE needs an identifier with a string value"),
                Arguments.of("'abc' LIKE 'a%'", 1, "LIKE tests an identifier (identifier LIKE ..., section 3.8.1.1) "
                        + "but is applied to string 'abc'"),
                Arguments.of("x || 'a' LIKE 'a%'", 3, "cannot start a token"),
                Arguments.of("x LIKE 'a' ESCAPE 'b' ESCAPE 'c'", 23, "expected AND, OR or the end of the selector "
                        + "but found reserved word ESCAPE"));
    }

    @ParameterizedTest(name = "invalid: {0}")
    @MethodSource("invalid")
    void invalidLike(String selector, int column, String fragment) {
        invalidAt(selector, column, fragment);
    }

    @ParameterizedTest(name = "ESCAPE accepts one supplementary character: {0}")
    @ValueSource(strings = {"\ud83d\ude00", "\u00e9", "\\", "'", "%", "_"})
    void escapeIsOneCodePoint(String escape) {
        String quoted = escape.replace("'", "''");
        assertTrueFor("x LIKE '" + quoted + "_a' ESCAPE '" + quoted + "'", message("x", "_a"));
    }
}
