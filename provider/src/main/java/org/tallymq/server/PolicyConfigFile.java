package org.tallymq.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tallymq.broker.Authorizer;
import org.tallymq.broker.DeliveryPolicies;
import org.tallymq.broker.DeliveryPolicies.Setting;

/**
 * The {@code policy.PATTERN.SETTING=value} lines of the broker config file (read by
 * {@link SecurityConfigFile}, which hands them here):
 *
 * <pre>
 * policy.#.maxDeliveryAttempts=10          # every destination (these are the built-in defaults)
 * policy.#.deadLetterQueue=DLQ
 * policy.orders.#.redeliveryDelay=1000     # ms before a message returned unacknowledged comes again
 * policy.orders.#.redeliveryMultiplier=2   # exponential back-off: 1 s, 2 s, 4 s, ...
 * policy.orders.#.maxRedeliveryDelay=60000 # ... at most 60 s
 * policy.orders.#.expiryQueue=expired      # expired messages go there (default: removed)
 * policy.orders.eu.deadLetterQueue=orders.eu.DLQ
 * policy.#.duplicateCacheSize=2000         # duplicate ids remembered per destination (0: no detection)
 * </pre>
 *
 * PATTERN is a destination pattern as in permissions; the most specific pattern that sets a setting
 * wins ({@link DeliveryPolicies}). Stateless.
 */
final class PolicyConfigFile {

    static final String PREFIX = "policy.";

    private PolicyConfigFile() {
    }

    /** Whether a config key belongs here. */
    static boolean isPolicyKey(String key) {
        return key.startsWith(PREFIX);
    }

    /**
     * Builds the policies from every {@code policy.} line.
     *
     * @throws SecurityConfigFile.Invalid naming the file, the key and what was expected
     */
    static DeliveryPolicies parse(Path file, Map<String, String> lines) throws SecurityConfigFile.Invalid {
        Map<String, Map<Setting, Object>> byPattern = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : lines.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            int dot = key.lastIndexOf('.');
            String pattern = dot > PREFIX.length() ? key.substring(PREFIX.length(), dot) : "";
            Setting setting = dot < 0 ? null : Setting.of(key.substring(dot + 1));
            if (pattern.isEmpty() || setting == null) {
                throw SecurityConfigFile.bad(file, key, "policy.PATTERN.SETTING=value with SETTING one of "
                        + settingWords() + " (for example policy.#.maxDeliveryAttempts=5)");
            }
            String why = Authorizer.Pattern.problem(pattern);
            if (why != null) {
                throw SecurityConfigFile.bad(file, key, "a valid destination pattern between 'policy.' and '."
                        + setting.word + "': " + why);
            }
            byPattern.computeIfAbsent(pattern, p -> new EnumMap<>(Setting.class)).put(setting, value(file, key, setting, value));
        }
        List<DeliveryPolicies.Rule> rules = new ArrayList<>();
        byPattern.forEach((p, s) -> rules.add(new DeliveryPolicies.Rule(new Authorizer.Pattern(p), s)));
        return new DeliveryPolicies(rules);
    }

    private static Object value(Path file, String key, Setting s, String v) throws SecurityConfigFile.Invalid {
        switch (s) {
            case MAX_DELIVERY_ATTEMPTS:
                return (int) number(file, key, v, 0, Integer.MAX_VALUE, "a whole number of attempts, 0 for no limit");
            case DUPLICATE_CACHE_SIZE:
                return (int) number(file, key, v, 0, 10_000_000, "a whole number of ids from 0 (no detection) to 10000000");
            case REDELIVERY_DELAY:
            case MAX_REDELIVERY_DELAY:
                return number(file, key, v, 0, Long.MAX_VALUE / 4, "a whole number of milliseconds, 0 or more");
            case REDELIVERY_MULTIPLIER:
                try {
                    double d = Double.parseDouble(v);
                    if (d >= 1.0 && d <= 1000.0) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw SecurityConfigFile.bad(file, key, "a number from 1 (constant delay) to 1000, not '" + v + "'");
            case DEAD_LETTER_QUEUE:
                if (v.isEmpty()) {
                    throw SecurityConfigFile.bad(file, key, "a queue name; a message out of attempts must go somewhere");
                }
                return v;
            case EXPIRY_QUEUE:
                return v; // empty: expired messages are removed
            default:
                throw new AssertionError(s);
        }
    }

    private static long number(Path file, String key, String v, long min, long max, String expected)
            throws SecurityConfigFile.Invalid {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SecurityConfigFile.bad(file, key, expected + ", not '" + v + "'");
    }

    static String settingWords() {
        List<String> w = new ArrayList<>();
        for (Setting s : Setting.values()) {
            w.add(s.word);
        }
        return String.join(", ", w);
    }
}
