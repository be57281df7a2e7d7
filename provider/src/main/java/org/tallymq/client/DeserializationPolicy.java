package org.tallymq.client;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Which classes an ObjectMessage may deserialize: an allow-list of class-name patterns, applied
 * to every class in the serialized stream through {@link ObjectInputFilter}. Deserializing
 * arbitrary classes from a message lets whoever can send to a destination run code in the
 * receiver ("gadget chains"), so only listed classes are ever loaded.
 *
 * <h2>Patterns</h2>
 * <ul>
 *   <li>{@code *}: every class (turns the protection off; for trusted senders only)</li>
 *   <li>{@code com.acme.*}: classes of package {@code com.acme}, not of its subpackages</li>
 *   <li>{@code com.acme.**}: classes of {@code com.acme} and of all its subpackages</li>
 *   <li>{@code com.acme.Order*}: classes whose name starts with {@code com.acme.Order}</li>
 *   <li>{@code com.acme.Order}: exactly that class (nested classes are named {@code Outer$Inner})</li>
 * </ul>
 * An array is allowed when its element type is; arrays of primitives are always allowed. A
 * filter the JVM sets for every stream ({@code jdk.serialFilter}) still applies as well.
 *
 * <h2>Defaults</h2>
 * {@link #defaults()} reads the system property {@value #SYSTEM_PROPERTY}; when it is not set
 * the list is {@value #DEFAULT_PATTERNS}: the value types of the JDK (String, boxed primitives,
 * BigDecimal, dates and times) and the collections of {@code java.util} with its subpackages
 * (java.util.concurrent collections and atomics are common message payloads and none of these
 * packages holds a known gadget without help from a class outside the list).
 * {@code java.lang.reflect}, {@code java.lang.invoke} (so serialized lambdas), {@code javax.*},
 * {@code sun.*} and every application class are refused until listed.
 *
 * <p>Threading: immutable; share freely.
 */
public final class DeserializationPolicy {

    /** The system property {@link #defaults()} reads: comma-separated patterns. */
    public static final String SYSTEM_PROPERTY = "tally.deserialization.allowList";

    /** The patterns used when {@value #SYSTEM_PROPERTY} is not set. */
    public static final String DEFAULT_PATTERNS = "java.lang.*,java.util.**,java.math.*,java.time.**";

    private final String spec;
    private final boolean all;
    private final List<String> exact = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();   // "com.acme." for com.acme.*
    private final List<String> prefixes = new ArrayList<>();   // "com.acme." for com.acme.**, "com.acme.Ord" for ...Ord*

    private DeserializationPolicy(String spec) {
        boolean everything = false;
        StringBuilder normal = new StringBuilder();
        for (String raw : spec.split(",", -1)) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            check(p, spec);
            if (p.equals("*")) {
                everything = true;
            } else if (p.endsWith(".**")) {
                prefixes.add(p.substring(0, p.length() - 2));
            } else if (p.endsWith(".*")) {
                packages.add(p.substring(0, p.length() - 1));
            } else if (p.endsWith("*")) {
                prefixes.add(p.substring(0, p.length() - 1));
            } else {
                exact.add(p);
            }
            normal.append(normal.length() == 0 ? "" : ",").append(p);
        }
        this.all = everything;
        this.spec = normal.toString();
    }

    private static void check(String p, String spec) {
        int star = p.indexOf('*');
        boolean starsOnlyAtEnd = star < 0 || p.substring(star).equals("*") || p.substring(star).equals("**")
                && (star == 0 || p.charAt(star - 1) == '.');
        boolean legalChars = p.chars().allMatch(c -> c == '*' || c == '.' || Character.isJavaIdentifierPart(c))
                && !p.startsWith(".") && !p.contains("..");
        if (!starsOnlyAtEnd || !legalChars || p.equals("**")) {
            throw new IllegalArgumentException("invalid deserialization allow-list pattern '" + p + "' in '" + spec
                    + "': use a class name (com.acme.Order), a package (com.acme.*), a package with its"
                    + " subpackages (com.acme.**), a prefix (com.acme.Ord*) or * for every class");
        }
    }

    /**
     * A policy from comma-separated patterns (see the class comment); blanks around patterns are
     * ignored, and an empty string allows only arrays of primitives.
     *
     * @throws IllegalArgumentException for a malformed pattern, naming it
     */
    public static DeserializationPolicy fromSpec(String commaSeparatedPatterns) {
        if (commaSeparatedPatterns == null) {
            throw new IllegalArgumentException("the deserialization allow-list is null; give patterns such as "
                    + DEFAULT_PATTERNS);
        }
        return new DeserializationPolicy(commaSeparatedPatterns);
    }

    /**
     * The policy of system property {@value #SYSTEM_PROPERTY}, or {@value #DEFAULT_PATTERNS} when
     * it is not set. Read at each call, so a test or a server may change the property at runtime.
     *
     * @throws IllegalArgumentException if the property holds a malformed pattern
     */
    public static DeserializationPolicy defaults() {
        String configured = System.getProperty(SYSTEM_PROPERTY);
        if (configured == null) {
            return DEFAULT;
        }
        try {
            return new DeserializationPolicy(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + SYSTEM_PROPERTY + ": " + e.getMessage(), e);
        }
    }

    private static final DeserializationPolicy DEFAULT = new DeserializationPolicy(DEFAULT_PATTERNS);

    /** Whether this class may be deserialized (arrays: by their element type); false for null. */
    public boolean allows(Class<?> type) {
        if (type == null) {
            return false;
        }
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || allows(c.getName());
    }

    /** Whether a (non-array) class of this name may be deserialized; false for null. */
    public boolean allows(String className) {
        if (className == null) {
            return false;
        }
        if (all || exact.contains(className)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String pkg : packages) {
            if (className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A new filter for one stream; it remembers the first class it refused so the caller can name
     * it. Merged with the JVM-wide filter, if one is set.
     */
    Filter newFilter() {
        return new Filter();
    }

    /** The patterns, normalized, as {@link #fromSpec} accepts them. */
    public String spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "DeserializationPolicy[" + (spec.isEmpty() ? "primitive arrays only" : spec) + "]";
    }

    /** The per-stream filter; see {@link #newFilter()}. */
    final class Filter implements ObjectInputFilter {
        private String refused;

        @Override
        public Status checkInput(FilterInfo info) {
            Class<?> c = info.serialClass();
            if (c == null) {
                return Status.UNDECIDED; // a depth, reference or size check: no opinion
            }
            if (allows(c)) {
                return Status.ALLOWED;
            }
            if (refused == null) {
                Class<?> element = c;
                while (element.isArray()) {
                    element = element.getComponentType();
                }
                refused = element.getName();
            }
            return Status.REJECTED;
        }

        /** The first class refused, or null. */
        String refused() {
            return refused;
        }

        DeserializationPolicy policy() {
            return DeserializationPolicy.this;
        }
    }
}
