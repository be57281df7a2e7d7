package org.tallymq.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.tallymq.broker.Authorizer;
import org.tallymq.broker.BrokerConfig;

/**
 * The broker config file ({@code tally server --config FILE}, {@code vm://NAME?config=FILE}), in
 * {@link Properties} format:
 *
 * <pre>
 * user.alice=secret                   # a user and its password
 * user.alice.roles=producer,auditor   # its roles (comma-separated)
 * permission.producer=send:orders.#, createTemporary
 * permission.auditor=browse:#, consume:audit.*, createDurable:audit.*
 * populateUserId=true                 # set JMSXUserID of every sent message
 * tls.keyStore=/etc/tally/broker.p12  # TLS keys: see TlsConfig (read there, skipped here)
 * policy.orders.#.maxDeliveryAttempts=5  # delivery policies by destination: see PolicyConfigFile
 * </pre>
 *
 * A permission is {@code operation:pattern}, several separated by commas; operations are send,
 * consume, browse, createDurable and createTemporary (which takes no pattern); patterns are described
 * in {@link Authorizer}. No {@code permission.*} key means no authorization (every user may do
 * everything); no {@code user.*} key means no authentication.
 *
 * <p>Every mistake is refused with a message naming the file, the key and what was expected; no
 * message ever contains a password.
 */
public final class SecurityConfigFile {

    private SecurityConfigFile() {
    }

    /** A config file that cannot be used; the message says which file, which key, and what was expected. */
    public static final class Invalid extends IOException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file} and applies it to {@code builder} (users, authorizer, populateUserId, delivery policies).
     *
     * @throws Invalid     when the file is not a valid config (message: file, key, what was expected)
     * @throws IOException when the file cannot be read
     */
    public static BrokerConfig.Builder apply(Path file, BrokerConfig.Builder builder) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) { // a malformed \\uXXXX escape
            throw new Invalid("config file " + file + ": " + e.getMessage());
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        Map<String, List<Authorizer.Permission>> permissions = new LinkedHashMap<>();
        boolean populateUserId = false;
        Map<String, String> policyLines = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (TlsConfig.isTlsKey(key)) {
                continue; // read by TlsConfig (the standalone server's TLS settings)
            } else if (key.equals("populateUserId")) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw bad(file, key, "true or false, not '" + value + "'");
                }
                populateUserId = value.equals("true");
            } else if (PolicyConfigFile.isPolicyKey(key)) {
                policyLines.put(key, value);
            } else if (key.startsWith("user.") && key.endsWith(".roles") && key.length() > "user..roles".length()) {
                String user = key.substring("user.".length(), key.length() - ".roles".length());
                Set<String> rs = new LinkedHashSet<>();
                for (String role : value.split(",")) {
                    if (!role.isBlank()) {
                        rs.add(role.trim());
                    }
                }
                roles.put(user, rs);
            } else if (key.startsWith("user.") && key.length() > "user.".length()) {
                if (p.getProperty(key).isEmpty()) {
                    throw bad(file, key, "a password after '='; it is empty");
                }
                passwords.put(key.substring("user.".length()), p.getProperty(key)); // passwords are taken verbatim
            } else if (key.startsWith("permission.") && key.length() > "permission.".length()) {
                permissions.put(key.substring("permission.".length()), permissions(file, key, value));
            } else {
                throw bad(file, key, "one of user.NAME=password, user.NAME.roles=role,..., permission.ROLE=operation:pattern,..."
                        + ", populateUserId=true|false, policy.PATTERN.SETTING=value or tls.*; '" + key + "' is none of these");
            }
        }
        for (Map.Entry<String, Set<String>> e : roles.entrySet()) {
            if (!passwords.containsKey(e.getKey())) {
                throw bad(file, "user." + e.getKey() + ".roles", "a user defined by a user." + e.getKey()
                        + "=password line; there is none");
            }
            for (String role : e.getValue()) {
                if (!permissions.containsKey(role)) {
                    throw bad(file, "user." + e.getKey() + ".roles", "roles that have a permission." + role
                            + "= line; role '" + role + "' has none (a typo?)");
                }
            }
        }
        if (!permissions.isEmpty() && passwords.isEmpty()) {
            throw bad(file, "permission." + permissions.keySet().iterator().next(), "user.NAME=password lines as well:"
                    + " permissions apply to authenticated users, and this file defines none");
        }
        return builder.users(passwords).authorizer(new Authorizer(roles, permissions)).populateUserId(populateUserId)
                .policies(PolicyConfigFile.parse(file, policyLines));
    }

    private static List<Authorizer.Permission> permissions(Path file, String key, String value) throws Invalid {
        List<Authorizer.Permission> out = new ArrayList<>();
        for (String item : value.split(",")) {
            String it = item.trim();
            if (it.isEmpty()) {
                continue;
            }
            int colon = it.indexOf(':');
            String opWord = colon < 0 ? it : it.substring(0, colon).trim();
            Authorizer.Operation op = Authorizer.Operation.of(opWord);
            if (op == null) {
                throw bad(file, key, "operation:pattern items with an operation among " + Authorizer.Operation.words()
                        + "; '" + opWord + "' is not one");
            }
            if (op == Authorizer.Operation.CREATE_TEMPORARY) {
                if (colon >= 0) {
                    throw bad(file, key, "createTemporary without a pattern (temporary destinations have generated names),"
                            + " not '" + it + "'");
                }
                out.add(new Authorizer.Permission(op, null));
                continue;
            }
            if (colon < 0) {
                throw bad(file, key, "a destination pattern after '" + opWord + ":' (for example " + opWord
                        + ":orders.# or " + opWord + ":# for every destination), not '" + it + "'");
            }
            String pattern = it.substring(colon + 1).trim();
            String why = Authorizer.Pattern.problem(pattern);
            if (why != null) {
                throw bad(file, key, "a valid destination pattern in '" + it + "': " + why);
            }
            out.add(new Authorizer.Permission(op, new Authorizer.Pattern(pattern)));
        }
        if (out.isEmpty()) {
            throw bad(file, key, "at least one operation:pattern item, for example send:orders.#");
        }
        return out;
    }

    static Invalid bad(Path file, String key, String expected) {
        return new Invalid("config file " + file + ", key '" + key + "': expected " + expected);
    }
}
