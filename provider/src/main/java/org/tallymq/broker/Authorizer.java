package org.tallymq.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.ErrorCode;

/**
 * Who may do what to which destination: users have roles, roles have permissions, and a permission is
 * an {@link Operation} on the destinations a {@link Pattern} matches. Immutable; thread-safe.
 *
 * <p>With no permission configured at all ({@link #allowAll()}) every operation is allowed: that is a
 * broker without authorization. Once any permission exists, an operation is allowed only when one of
 * the user's roles grants it for that destination; a user without roles (or an anonymous connection)
 * may then do nothing that is checked.
 *
 * <p><b>Destination patterns</b> compare dot-separated words of a queue or topic name (a rule covers a
 * queue and a topic of the same name alike): {@code orders.eu} matches exactly that name; {@code *}
 * matches exactly one word ({@code orders.*} matches {@code orders.eu}, not {@code orders} nor
 * {@code orders.eu.paid}); {@code #} matches any number of words, none included ({@code orders.#}
 * matches {@code orders}, {@code orders.eu} and {@code orders.eu.paid}; {@code #} alone matches every
 * name). A wildcard must be a whole word: {@code orders*} is refused.
 *
 * <p><b>Temporary destinations</b> are not matched against patterns: creating one needs
 * {@link Operation#CREATE_TEMPORARY}; only its creating connection may consume from it (the broker
 * enforces that anyway), and anyone who was given it as a JMSReplyTo may send to it.
 */
public final class Authorizer {

    private static final Logger LOG = Logger.getLogger(Authorizer.class.getName());

    /** The operations the broker checks; {@link #word} is how a config file names each. */
    public enum Operation {
        SEND("send"),
        CONSUME("consume"),
        BROWSE("browse"),
        /** Creating a consumer on a durable subscription (which may create the subscription). */
        CREATE_DURABLE("createDurable"),
        CREATE_TEMPORARY("createTemporary");

        public final String word;

        Operation(String word) {
            this.word = word;
        }

        /** The operation a config file names, or null. */
        public static Operation of(String word) {
            for (Operation o : values()) {
                if (o.word.equals(word)) {
                    return o;
                }
            }
            return null;
        }

        public static String words() {
            List<String> w = new ArrayList<>();
            for (Operation o : values()) {
                w.add(o.word);
            }
            return String.join(", ", w);
        }
    }

    /** A destination name pattern; see the class comment for the syntax. */
    public record Pattern(String text) {

        public Pattern {
            Objects.requireNonNull(text, "text");
            String why = problem(text);
            if (why != null) {
                throw new IllegalArgumentException("destination pattern '" + text + "' is invalid: " + why);
            }
        }

        /** Why a pattern is malformed, or null when it is fine. */
        public static String problem(String text) {
            if (text.isEmpty()) {
                return "it is empty (use # for every destination)";
            }
            for (String w : text.split("\\.", -1)) {
                if (w.isEmpty()) {
                    return "it has an empty word (two dots in a row, or a dot at either end)";
                }
                if ((w.contains("*") || w.contains("#")) && w.length() > 1) {
                    return "a wildcard must be a whole word ('" + w + "'): write orders.* or orders.#, not orders*";
                }
            }
            return null;
        }

        public boolean matches(String name) {
            return match(text.split("\\."), 0, name.split("\\.", -1), 0);
        }

        private static boolean match(String[] p, int i, String[] n, int j) {
            if (i == p.length) {
                return j == n.length;
            }
            if (p[i].equals("#")) {
                for (int k = j; k <= n.length; k++) { // # takes zero or more words
                    if (match(p, i + 1, n, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j == n.length) {
                return false;
            }
            return (p[i].equals("*") || p[i].equals(n[j])) && match(p, i + 1, n, j + 1);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One grant: {@code operation} on destinations matching {@code pattern} (null for createTemporary). */
    public record Permission(Operation operation, Pattern pattern) {

        public Permission {
            Objects.requireNonNull(operation, "operation");
        }

        boolean allows(Operation op, DestinationRef d) {
            return op == operation && (op == Operation.CREATE_TEMPORARY || pattern != null && pattern.matches(d.name()));
        }

        @Override
        public String toString() {
            return operation.word + (pattern == null ? "" : ":" + pattern);
        }
    }

    private static final Authorizer ALLOW_ALL = new Authorizer(Map.of(), Map.of());

    private final Map<String, Set<String>> rolesByUser;
    private final Map<String, List<Permission>> permissionsByRole;

    /**
     * @param rolesByUser       user name to its roles
     * @param permissionsByRole role to what it grants; empty means no authorization at all
     */
    public Authorizer(Map<String, Set<String>> rolesByUser, Map<String, List<Permission>> permissionsByRole) {
        Map<String, Set<String>> r = new LinkedHashMap<>();
        rolesByUser.forEach((u, roles) -> r.put(u, Set.copyOf(roles)));
        Map<String, List<Permission>> p = new LinkedHashMap<>();
        permissionsByRole.forEach((role, perms) -> p.put(role, List.copyOf(perms)));
        this.rolesByUser = Map.copyOf(r);
        this.permissionsByRole = Map.copyOf(p);
    }

    /** No authorization: everything is allowed. */
    public static Authorizer allowAll() {
        return ALLOW_ALL;
    }

    /** Whether any operation is checked at all. */
    public boolean enabled() {
        return !permissionsByRole.isEmpty();
    }

    /** Whether {@code user} (null: anonymous) may do {@code op} on {@code d}. */
    public boolean allows(String user, Operation op, DestinationRef d) {
        if (!enabled() || (d != null && d.kind().isTemporary() && op != Operation.CREATE_TEMPORARY)) {
            return true;
        }
        Set<String> roles = user == null ? Set.of() : rolesByUser.getOrDefault(user, Set.of());
        for (String role : roles) {
            for (Permission p : permissionsByRole.getOrDefault(role, List.of())) {
                if (p.allows(op, d)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Throws SECURITY, and logs the denial at WARNING, unless {@code user} may do {@code op} on {@code d}.
     *
     * @param remote the client's address, for the log
     */
    void check(String user, Operation op, DestinationRef d, String remote) throws BrokerException {
        if (allows(user, op, d)) {
            return;
        }
        String what = switch (op) {
            case SEND -> "send to " + describe(d);
            case CONSUME -> "consume from " + describe(d);
            case BROWSE -> "browse " + describe(d);
            case CREATE_DURABLE -> "create a durable subscription on " + describe(d);
            case CREATE_TEMPORARY -> "create a temporary " + (d != null && d.isQueue() ? "queue" : "topic");
        };
        deny(user, op, d, what, remote);
    }

    /**
     * Deleting a durable subscription (unsubscribe) takes the permission that creating it takes:
     * {@link Operation#CREATE_DURABLE} on its topic.
     *
     * @throws BrokerException SECURITY when no role of {@code user} grants that
     */
    void checkUnsubscribe(String user, String subscriptionName, DestinationRef topic, String remote) throws BrokerException {
        if (!allows(user, Operation.CREATE_DURABLE, topic)) {
            deny(user, Operation.CREATE_DURABLE, topic, "delete the durable subscription '" + subscriptionName + "' of "
                    + describe(topic), remote);
        }
    }

    private static void deny(String user, Operation op, DestinationRef d, String what, String remote) throws BrokerException {
        String who = user == null ? "an anonymous connection" : "user '" + user + "'";
        String msg = "not authorized: " + who + " may not " + what + " (no role of the user grants " + op.word
                + (op == Operation.CREATE_TEMPORARY ? "" : " on a pattern matching '" + d.name() + "'")
                + "); ask the broker's administrator for a permission";
        LOG.warning("denied from " + remote + ": " + msg);
        throw new BrokerException(ErrorCode.SECURITY, msg);
    }

    private static String describe(DestinationRef d) {
        return (d.isQueue() ? "queue '" : "topic '") + d.name() + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authorizer a && a.rolesByUser.equals(rolesByUser) && a.permissionsByRole.equals(permissionsByRole);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rolesByUser, permissionsByRole);
    }

    @Override
    public String toString() {
        return enabled() ? "Authorizer[roles=" + rolesByUser + ", permissions=" + permissionsByRole + "]" : "Authorizer[allow all]";
    }

}
