package org.tallymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tallymq.selector.SelectorTestSupport.parse;
import static org.tallymq.selector.TestMessage.message;

import jakarta.jms.InvalidSelectorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public API: parse, matches, text; and robustness (fuzzing, concurrent use). */
class SelectorTest {

    @ParameterizedTest(name = "3.8.1.1 no selector: [{0}] matches everything")
    @NullSource
    @ValueSource(strings = {"", " ", "   ", "\t", "\n", "\r\n", "\f", " \t\r\n\f "})
    void emptySelectorMatchesEverything(String text) throws Exception {
        Selector selector = Selector.parse(text);
        assertTrue(selector.matchesEverything());
        assertEquals("", selector.text());
        assertTrue(selector.matches(message()));
        assertTrue(selector.matches(message("x", 1)));
        assertTrue(selector.matches(null)); // nothing to look at
        assertEquals("Selector[matches everything]", selector.toString());
    }

    @Test
    @DisplayName("text() returns the selector as given; toString names it")
    void text() {
        Selector selector = parse("  color = 'blue'  ");
        assertEquals("  color = 'blue'  ", selector.text());
        assertFalse(selector.matchesEverything());
        assertEquals("Selector[  color = 'blue'  ]", selector.toString());
        assertFalse(parse("TRUE").matchesEverything()); // a selector, even if always TRUE
        assertTrue(parse("TRUE").matches(message()));
    }

    @Test
    @DisplayName("matches(null) is refused with a message, not a NullPointerException")
    void nullMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("a = 1").matches(null));
        assertTrue(e.getMessage().contains("a = 1"), e.getMessage());
    }

    @Test
    @DisplayName("SelectorContext is a functional interface: a Map's get works")
    void mapAsContext() {
        Map<String, Object> properties = Map.of("color", "blue", "weight", 2600);
        assertTrue(parse("color = 'blue' AND weight > 2500").matches(properties::get));
    }

    @Test
    @DisplayName("one Selector evaluated by 4 threads gives the same answers as one thread")
    void concurrentEvaluation() throws Exception {
        Selector selector = parse("(a BETWEEN 10 AND 20 OR s LIKE 'x%y') AND NOT b AND s IN ('x1y', 'x2y', 'zz') "
                + "OR a * 2 + 1 > 1000");
        List<TestMessage> messages = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            messages.add(message("a", random.nextInt(600)).with("b", random.nextBoolean())
                    .with("s", random.nextBoolean() ? "x" + random.nextInt(3) + "y" : "zz"));
        }
        boolean[] expected = new boolean[messages.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = selector.matches(messages.get(i));
        }
        int matching = 0;
        for (boolean b : expected) {
            matching += b ? 1 : 0;
        }
        assertTrue(matching > 100 && matching < 1_900, "the sample should mix matches and non-matches: " + matching);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int round = 0; round < 25; round++) {
                        for (int i = 0; i < expected.length; i++) {
                            if (selector.matches(messages.get(i)) != expected[i]) {
                                mismatches++;
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final String[] FUZZ_TOKENS = {"a", "b", "JMSType", "JMSPriority", "JMSXDeliveryCount", "1", "-2",
            "3.5", "0x1F", "'s'", "'it''s'", "''", "TRUE", "FALSE", "NULL", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN",
            "IS", "ESCAPE", "(", ")", ",", "+", "-", "*", "/", "=", "<>", "<", "<=", ">", ">=", "'%'", "'_a'", "'\\'",
            " ", "9223372036854775808", "1e400", "'", "!", "\u00e9", "$x"};

    private static final Object[] FUZZ_VALUES = {null, 0, 1, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 2.5, Double.NaN,
            0f, "s", "", "%", true, false, (byte) 3, (short) -4, 'c'};

    @Test
    @DisplayName("fuzz: 30,000 random token soups either parse or throw InvalidSelectorException; evaluation never throws")
    void fuzz() {
        Random random = new Random(3_8_1L);
        int valid = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(FUZZ_TOKENS[random.nextInt(FUZZ_TOKENS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            Selector selector;
            try {
                selector = Selector.parse(text.toString());
            } catch (InvalidSelectorException e) {
                assertNotNull(e.getMessage());
                assertTrue(e.getMessage().startsWith("Invalid selector \""), e.getMessage());
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("parse threw " + e + " for: " + text, e);
            }
            valid++;
            for (int m = 0; m < 5; m++) {
                TestMessage message = message();
                for (String name : new String[] {"a", "b", "JMSType", "JMSPriority", "JMSXDeliveryCount", "$x",
                        "\u00e9"}) {
                    message.with(name, FUZZ_VALUES[random.nextInt(FUZZ_VALUES.length)]);
                }
                try {
                    selector.matches(message);
                } catch (RuntimeException | Error e) {
                    fail("matches threw " + e + " for: " + text + " on " + message, e);
                }
            }
        }
        assertTrue(valid > 500, "the fuzzer should produce some valid selectors, produced " + valid);
    }

    @Test
    @DisplayName("fuzz: random characters never escape as anything but InvalidSelectorException")
    void fuzzCharacters() {
        Random random = new Random(42);
        String alphabet = "ab1 ='()<>+-*/.,_%eE0xXlLfF\t\n\\\"!\u00e9\ud83d\ude00";
        for (int n = 0; n < 30_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                Selector selector = Selector.parse(text.toString());
                selector.matches(message("a", random.nextInt(3)).with("b", "b").with("ab1", true));
            } catch (InvalidSelectorException e) {
                assertTrue(e.getMessage().startsWith("Invalid selector \""), e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("threw " + e + " for: " + text, e);
            }
        }
    }
}
