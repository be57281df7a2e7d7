package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.broker.DeliveryPolicies;
import org.tallymq.broker.DeliveryPolicy;

/** The {@code policy.PATTERN.SETTING} lines of the broker config file: what they configure, and what each mistake says. */
class PolicyConfigFileTest {

    @TempDir
    Path dir;

    private DeliveryPolicies load(String... lines) throws IOException {
        Path f = dir.resolve("tally-" + UUID.randomUUID() + ".properties");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return SecurityConfigFile.apply(f, BrokerConfig.builder("t")).build().policies();
    }

    @Test
    @DisplayName("no policy lines: every destination gets the built-in defaults (10 attempts, DLQ, no delay, no expiry queue, 2000 ids)")
    void defaults() throws IOException {
        DeliveryPolicy p = load("# nothing").forName("orders");
        assertEquals(DeliveryPolicy.DEFAULTS, p);
        assertEquals(10, p.maxDeliveryAttempts());
        assertEquals("DLQ", p.deadLetterQueue());
        assertNull(p.expiryQueue());
        assertEquals(2000, p.duplicateCacheSize());
    }

    @Test
    @DisplayName("each setting comes from the most specific matching pattern that sets it: exact name, then fewer #, then fewer *")
    void mostSpecificWins() throws IOException {
        DeliveryPolicies ps = load(
                "policy.#.maxDeliveryAttempts=5",
                "policy.#.deadLetterQueue=all.DLQ",
                "policy.orders.#.maxDeliveryAttempts=4",
                "policy.orders.#.redeliveryDelay=100",
                "policy.orders.*.maxDeliveryAttempts=3",
                "policy.orders.eu.maxDeliveryAttempts=2",
                "policy.orders.eu.expiryQueue=eu.expired",
                "policy.orders.#.expiryQueue=orders.expired",
                "policy.orders.us.expiryQueue=");
        assertEquals(5, ps.forName("payments").maxDeliveryAttempts());
        assertEquals(4, ps.forName("orders").maxDeliveryAttempts(), "orders.# matches orders itself");
        assertEquals(3, ps.forName("orders.us").maxDeliveryAttempts(), "* beats #");
        assertEquals(4, ps.forName("orders.us.paid").maxDeliveryAttempts());
        DeliveryPolicy eu = ps.forName("orders.eu");
        assertEquals(2, eu.maxDeliveryAttempts(), "the exact name beats every wildcard");
        assertEquals(100, eu.redeliveryDelayMillis(), "a setting the exact name does not give comes from the next pattern");
        assertEquals("all.DLQ", eu.deadLetterQueue());
        assertEquals("eu.expired", eu.expiryQueue());
        assertEquals("orders.expired", ps.forName("orders.fr").expiryQueue());
        assertNull(ps.forName("orders.us").expiryQueue(), "an empty expiryQueue switches the expiry queue off again");
    }

    @Test
    @DisplayName("exponential back-off: delay * multiplier^(attempt-1), capped by maxRedeliveryDelay")
    void backOff() throws IOException {
        DeliveryPolicy p = load("policy.#.redeliveryDelay=100", "policy.#.redeliveryMultiplier=3",
                "policy.#.maxRedeliveryDelay=1000").forName("q");
        assertEquals(100, p.redeliveryDelay(1));
        assertEquals(300, p.redeliveryDelay(2));
        assertEquals(900, p.redeliveryDelay(3));
        assertEquals(1000, p.redeliveryDelay(4));
        assertEquals(1000, p.redeliveryDelay(Integer.MAX_VALUE), "no overflow at huge attempt counts");
        DeliveryPolicy none = load("# nothing").forName("q");
        assertEquals(0, none.redeliveryDelay(7));
        assertTrue(p.exhausted(10) && !p.exhausted(9));
        assertTrue(!load("policy.#.maxDeliveryAttempts=0").forName("q").exhausted(1_000_000), "0: no limit");
    }

    @Test
    @DisplayName("built in code: a value of the wrong type or out of range is an IllegalArgumentException naming pattern and setting")
    void programmaticRulesChecked() {
        var pattern = new org.tallymq.broker.Authorizer.Pattern("orders.#");
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> new DeliveryPolicies.Rule(pattern,
                java.util.Map.of(DeliveryPolicies.Setting.MAX_DELIVERY_ATTEMPTS, "five")));
        assertTrue(type.getMessage().contains("orders.#") && type.getMessage().contains("maxDeliveryAttempts must be a Integer"),
                type.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new DeliveryPolicies(java.util.List.of(
                new DeliveryPolicies.Rule(pattern, java.util.Map.of(DeliveryPolicies.Setting.REDELIVERY_DELAY, -1L)))));
        assertTrue(range.getMessage().startsWith("orders.#: invalid delivery policy") && range.getMessage().contains("redeliveryDelay=-1"),
                range.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown setting | policy.#.retries=3 | key 'policy.#.retries': expected policy.PATTERN.SETTING=value with SETTING one of maxDeliveryAttempts",
            "no pattern | policy.maxDeliveryAttempts=3 | key 'policy.maxDeliveryAttempts': expected policy.PATTERN.SETTING=value",
            "bad pattern | policy.orders*.maxDeliveryAttempts=3 | key 'policy.orders*.maxDeliveryAttempts': expected a valid destination pattern between 'policy.' and '.maxDeliveryAttempts': a wildcard must be a whole word",
            "negative attempts | policy.#.maxDeliveryAttempts=-1 | key 'policy.#.maxDeliveryAttempts': expected a whole number of attempts, 0 for no limit, not '-1'",
            "delay not a number | policy.#.redeliveryDelay=1s | key 'policy.#.redeliveryDelay': expected a whole number of milliseconds, 0 or more, not '1s'",
            "multiplier below 1 | policy.#.redeliveryMultiplier=0.5 | key 'policy.#.redeliveryMultiplier': expected a number from 1 (constant delay) to 1000, not '0.5'",
            "empty dead-letter queue | policy.#.deadLetterQueue= | key 'policy.#.deadLetterQueue': expected a queue name",
            "cache too big | policy.#.duplicateCacheSize=99999999 | key 'policy.#.duplicateCacheSize': expected a whole number of ids from 0",
    })
    void badLines(String what, String line, String expected) throws IOException {
        SecurityConfigFile.Invalid e = assertThrows(SecurityConfigFile.Invalid.class, () -> load(line), what);
        assertTrue(e.getMessage().startsWith("config file "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected <" + expected + "> in: " + e.getMessage());
    }
}
