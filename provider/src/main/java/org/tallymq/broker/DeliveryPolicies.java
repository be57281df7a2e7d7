package org.tallymq.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery policies by destination pattern (the patterns of {@link Authorizer.Pattern}: {@code *} one
 * word, {@code #} any number of words; a rule covers queues and topics of that name). Each setting of a
 * destination comes from the most specific matching pattern that sets it, else from
 * {@link DeliveryPolicy#DEFAULTS}. More specific: more literal words; then fewer {@code #}; then fewer
 * {@code *}. So {@code #} sets the defaults, {@code orders.#} overrides them for the orders tree, and
 * {@code orders.eu} overrides both for that one name.
 *
 * <p>Immutable and thread-safe (resolved policies are cached).
 */
public final class DeliveryPolicies {

    /** The settings a config line may give. */
    public enum Setting {
        MAX_DELIVERY_ATTEMPTS("maxDeliveryAttempts", Integer.class),
        REDELIVERY_DELAY("redeliveryDelay", Long.class),
        REDELIVERY_MULTIPLIER("redeliveryMultiplier", Double.class),
        MAX_REDELIVERY_DELAY("maxRedeliveryDelay", Long.class),
        DEAD_LETTER_QUEUE("deadLetterQueue", String.class),
        EXPIRY_QUEUE("expiryQueue", String.class),
        DUPLICATE_CACHE_SIZE("duplicateCacheSize", Integer.class);

        public final String word;
        /** The type of its value in a {@link Rule}. */
        public final Class<?> type;

        Setting(String word, Class<?> type) {
            this.word = word;
            this.type = type;
        }

        /** The setting a config key ends with, or null. */
        public static Setting of(String word) {
            for (Setting s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The settings one pattern gives (values: Integer, Long, Double or String, as the setting needs). */
    public record Rule(Authorizer.Pattern pattern, Map<Setting, Object> settings) {
        /** @throws IllegalArgumentException when a value is not of its setting's {@link Setting#type} */
        public Rule {
            settings = Map.copyOf(settings);
            for (Map.Entry<Setting, Object> e : settings.entrySet()) {
                if (!e.getKey().type.isInstance(e.getValue())) {
                    throw new IllegalArgumentException("delivery policy " + pattern.text() + ": " + e.getKey().word
                            + " must be a " + e.getKey().type.getSimpleName() + ", not " + e.getValue().getClass().getSimpleName());
                }
            }
        }
    }

    /** Declared before {@link #NONE}, which uses it. */
    private static final Comparator<Authorizer.Pattern> SPECIFIC_FIRST = Comparator
            .comparingInt((Authorizer.Pattern p) -> -count(p, false, null))
            .thenComparingInt(p -> count(p, true, "#"))
            .thenComparingInt(p -> count(p, true, "*"))
            .thenComparing(Authorizer.Pattern::text);

    private static final DeliveryPolicies NONE = new DeliveryPolicies(List.of());

    private final List<Rule> rules; // most specific first
    private final Map<String, DeliveryPolicy> resolved = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException when a rule's values do not make a valid {@link DeliveryPolicy} */
    public DeliveryPolicies(List<Rule> rules) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(Rule::pattern, SPECIFIC_FIRST));
        this.rules = List.copyOf(sorted);
        for (Rule r : this.rules) {
            merge(List.of(r), r.pattern().text()); // each setting is checked on its own, so one rule at a time will do
        }
    }

    /** No rules: every destination has {@link DeliveryPolicy#DEFAULTS}. */
    public static DeliveryPolicies defaults() {
        return NONE;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The policy of the queue or topic {@code name}. */
    public DeliveryPolicy forName(String name) {
        DeliveryPolicy p = resolved.get(name);
        if (p == null) {
            p = resolve(name);
            if (resolved.size() < 10_000) { // names are the application's; do not let them grow the cache forever
                resolved.put(name, p);
            }
        }
        return p;
    }

    private DeliveryPolicy resolve(String name) {
        List<Rule> matching = new ArrayList<>();
        for (Rule r : rules) {
            if (r.pattern().matches(name)) {
                matching.add(r);
            }
        }
        return merge(matching, name);
    }

    /** The policy from these rules, most specific first, over the defaults. */
    private static DeliveryPolicy merge(List<Rule> rules, String what) {
        Map<Setting, Object> s = new EnumMap<>(Setting.class);
        for (Rule r : rules) {
            r.settings().forEach(s::putIfAbsent);
        }
        DeliveryPolicy d = DeliveryPolicy.DEFAULTS;
        try {
            return policy(s, d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static DeliveryPolicy policy(Map<Setting, Object> s, DeliveryPolicy d) {
        return new DeliveryPolicy(
                (Integer) s.getOrDefault(Setting.MAX_DELIVERY_ATTEMPTS, d.maxDeliveryAttempts()),
                (Long) s.getOrDefault(Setting.REDELIVERY_DELAY, d.redeliveryDelayMillis()),
                (Double) s.getOrDefault(Setting.REDELIVERY_MULTIPLIER, d.redeliveryMultiplier()),
                (Long) s.getOrDefault(Setting.MAX_REDELIVERY_DELAY, d.maxRedeliveryDelayMillis()),
                (String) s.getOrDefault(Setting.DEAD_LETTER_QUEUE, d.deadLetterQueue()),
                emptyIsNone((String) s.getOrDefault(Setting.EXPIRY_QUEUE, "")),
                (Integer) s.getOrDefault(Setting.DUPLICATE_CACHE_SIZE, d.duplicateCacheSize()));
    }

    private static String emptyIsNone(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int count(Authorizer.Pattern p, boolean wildcards, String which) {
        int n = 0;
        for (String w : p.text().split("\\.")) {
            boolean wild = w.equals("#") || w.equals("*");
            if (wildcards ? w.equals(which) : !wild) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        Map<String, Map<Setting, Object>> m = new LinkedHashMap<>();
        for (Rule r : rules) {
            m.put(r.pattern().text(), r.settings());
        }
        return "DeliveryPolicies" + m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryPolicies other && other.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }
}
