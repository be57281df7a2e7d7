package org.tallymq.client;

import jakarta.jms.JMSException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A connection URL, parsed: {@code vm://NAME?options} for an embedded broker, or
 * {@code tcp://HOST:PORT?options} for a standalone one.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>clientID</td><td>administratively configured client ID of every connection</td><td>none</td></tr>
 *   <tr><td>user, password</td><td>credentials used by {@code createConnection()}</td><td>none</td></tr>
 *   <tr><td>prefetch</td><td>messages the broker may push to a consumer ahead of the application</td><td>1000</td></tr>
 *   <tr><td>deserializationAllowList</td><td>classes ObjectMessage may deserialize (comma-separated patterns)</td>
 *       <td>system property {@code tally.deserialization.allowList}, else java.lang/util/math/time</td></tr>
 *   <tr><td>dataDir</td><td>vm only: the embedded broker's data directory</td><td>./tally-data</td></tr>
 *   <tr><td>users</td><td>vm only: the embedded broker accepts only these {@code user:password} pairs,
 *       comma-separated</td><td>anyone</td></tr>
 *   <tr><td>config</td><td>vm only: a broker config file (users, roles, permissions, populateUserId, delivery policies; see
 *       {@code org.tallymq.server.SecurityConfigFile}) for the embedded broker; users= adds to its users</td><td>none</td></tr>
 *   <tr><td>heartbeat</td><td>tcp only: milliseconds of silence after which the client sends a heartbeat;
 *       it declares the broker dead after three times as long without hearing from it. Proposed to the
 *       broker, which agrees to it within 100 ms to 10 min and uses the same period</td><td>10000</td></tr>
 *   <tr><td>memoryBudget</td><td>vm only: bytes of queued messages beyond which producers wait</td>
 *       <td>half the heap</td></tr>
 *   <tr><td>blockTimeout</td><td>vm only: milliseconds a waiting send waits before ResourceAllocationException</td>
 *       <td>30000</td></tr>
 *   <tr><td>autoDuplicateId</td><td>{@code true}: a producer gives every message without a {@code TallyDuplicateId}
 *       a new one, kept on the Message object until its send (or commit) succeeded, so repeating a send whose
 *       outcome is unknown with the same object is recognised by the broker (see {@code AutoDuplicateIds})</td>
 *       <td>false</td></tr>
 *   <tr><td>xaTimeout</td><td>vm only: seconds after which the embedded broker rolls back an XA branch that
 *       is not prepared, unless the transaction manager set a timeout (XAResource.setTransactionTimeout)</td>
 *       <td>0 (none)</td></tr>
 *   <tr><td>xaPreparedWarn</td><td>vm only: milliseconds after which the embedded broker logs a warning naming
 *       each prepared XA branch still waiting for commit or rollback</td><td>60000</td></tr>
 *   <tr><td>ssl</td><td>tcp only: {@code true} for TLS (the broker must listen with TLS)</td><td>false</td></tr>
 *   <tr><td>trustStore, trustStorePassword, trustStoreType</td><td>TLS: the key store of certificates the client
 *       trusts (the broker's, or its CA's); type PKCS12 or JKS</td><td>the JDK's trust: the
 *       {@code javax.net.ssl.trustStore*} system properties, else {@code cacerts}; type PKCS12</td></tr>
 *   <tr><td>keyStore, keyStorePassword, keyStoreType</td><td>TLS: the client certificate and key, sent when the
 *       broker asks for one</td><td>the {@code javax.net.ssl.keyStore*} system properties, else none</td></tr>
 *   <tr><td>verifyHostname</td><td>TLS: the broker's certificate must name the URL's host (RFC 2818);
 *       {@code false} turns that check off (the certificate must still be trusted)</td><td>true</td></tr>
 *   <tr><td>persistent</td><td>vm only: {@code false} keeps the embedded broker in memory (no journal;
 *       PERSISTENT messages are lost at exit)</td><td>true</td></tr>
 * </table>
 *
 * @param scheme "vm" or "tcp"
 * @param name   broker name (vm) or host:port (tcp)
 */
public record ConnectionOptions(String url, String scheme, String name, Map<String, String> options) {

    private static final Set<String> KNOWN = Set.of("clientID", "user", "password", "prefetch",
            "deserializationAllowList", "dataDir", "users", "persistent", "heartbeat",
            "memoryBudget", "blockTimeout", "config", "xaTimeout", "xaPreparedWarn", "ssl", "trustStore", "trustStorePassword", "trustStoreType",
            "keyStore", "keyStorePassword", "keyStoreType", "verifyHostname", "autoDuplicateId");

    /** The options that need {@code ssl=true}. */
    private static final Set<String> TLS_ONLY = Set.of("trustStore", "trustStorePassword", "trustStoreType",
            "keyStore", "keyStorePassword", "keyStoreType", "verifyHostname");

    public static final String DEFAULT_URL = "vm://default";

    public static ConnectionOptions parse(String url) throws JMSException {
        if (url == null || url.isBlank()) {
            throw badUrl(url, "the URL is empty");
        }
        int sep = url.indexOf("://");
        if (sep < 0) {
            throw badUrl(url, "no scheme");
        }
        String scheme = url.substring(0, sep);
        if (!scheme.equals("vm") && !scheme.equals("tcp")) {
            throw badUrl(url, "unknown scheme '" + scheme + "'");
        }
        String rest = url.substring(sep + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.isEmpty()) {
            throw badUrl(url, scheme.equals("vm") ? "no broker name" : "no host:port");
        }
        if (scheme.equals("vm") && !rest.matches("[A-Za-z0-9._-]+")) {
            throw badUrl(url, "a broker name may use letters, digits, '.', '_' and '-' only");
        }
        if (scheme.equals("tcp") && !rest.matches("[^:/]+:\\d{1,5}")) {
            throw badUrl(url, "expected host:port after tcp://");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw badUrl(url, "option '" + pair + "' is not of the form name=value");
                }
                String key = decode(pair.substring(0, eq));
                if (!KNOWN.contains(key)) {
                    throw badUrl(url, "unknown option '" + key + "' (known: " + String.join(", ", KNOWN) + ")");
                }
                options.put(key, decode(pair.substring(eq + 1)));
            }
        }
        ConnectionOptions o = new ConnectionOptions(url, scheme, rest, Map.copyOf(options));
        o.prefetch(); // validate now, not at first use
        o.heartbeatMillis();
        o.longOption("memoryBudget", 0, 1);
        o.longOption("blockTimeout", 0, 0);
        o.longOption("xaTimeout", 0, 0);
        o.longOption("xaPreparedWarn", 1, 1);
        o.autoDuplicateId();
        o.bool("ssl", false);
        o.bool("verifyHostname", true);
        if (o.ssl() && !scheme.equals("tcp")) {
            throw badUrl(url, "ssl=true applies to tcp:// URLs only (an embedded broker is in this JVM)");
        }
        if (!o.ssl()) {
            for (String k : options.keySet()) {
                if (TLS_ONLY.contains(k)) {
                    throw badUrl(url, "option '" + k + "' is a TLS setting; add ssl=true to use TLS");
                }
            }
        }
        return o;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static JMSException badUrl(String url, String problem) {
        return new JMSException("invalid Tally connection URL '" + maskSecrets(url) + "': " + problem
                + "; expected vm://NAME[?options] for an embedded broker or tcp://HOST:PORT[?options]",
                "TALLY-BAD-URL");
    }

    public String option(String key) {
        return options.get(key);
    }

    public String clientId() {
        return options.get("clientID");
    }

    public int prefetch() throws JMSException {
        String v = options.get("prefetch");
        if (v == null) {
            return 1000;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 1) {
                throw new NumberFormatException("must be at least 1");
            }
            return p;
        } catch (NumberFormatException e) {
            throw badUrl(url, "prefetch=" + v + " is not a whole number of at least 1");
        }
    }

    /** A whole-number option of at least {@code min}, or {@code dflt} when absent. */
    public long longOption(String key, long dflt, long min) throws JMSException {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw new NumberFormatException("below " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw badUrl(url, key + "=" + v + " is not a whole number of at least " + min);
        }
    }

    /** A {@code true}/{@code false} option, or {@code dflt} when absent. */
    public boolean bool(String key, boolean dflt) throws JMSException {
        String v = options.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw badUrl(url, key + "=" + v + " is neither true nor false");
        }
        return v.equals("true");
    }

    /** tcp only: whether the connection uses TLS ({@code ssl=true}). */
    public boolean ssl() {
        return "true".equals(options.get("ssl"));
    }

    /** tcp only: the heartbeat period in milliseconds (default 10 s). */
    public long heartbeatMillis() throws JMSException {
        String v = options.get("heartbeat");
        if (v == null) {
            return 10_000;
        }
        try {
            long ms = Long.parseLong(v);
            if (ms < 100) {
                throw new NumberFormatException("below 100");
            }
            return ms;
        } catch (NumberFormatException e) {
            throw badUrl(url, "heartbeat=" + v + " is not a number of milliseconds of at least 100");
        }
    }

    /** Whether producers give each message without a TallyDuplicateId a new one ({@code autoDuplicateId=true}). */
    public boolean autoDuplicateId() throws JMSException {
        String v = options.get("autoDuplicateId");
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw badUrl(url, "autoDuplicateId=" + v + " is not true or false");
    }

    public DeserializationPolicy deserializationPolicy() {
        String v = options.get("deserializationAllowList");
        return v == null ? DeserializationPolicy.defaults() : DeserializationPolicy.fromSpec(v);
    }

    /** vm only: the users the embedded broker accepts, parsed from {@code users=a:pw,b:pw}. */
    public Map<String, String> brokerUsers() throws JMSException {
        String v = options.get("users");
        Map<String, String> users = new LinkedHashMap<>();
        if (v == null || v.isEmpty()) {
            return users;
        }
        for (String pair : v.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw badUrl(url, "users= expects user:password pairs separated by commas");
            }
            users.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return users;
    }

    @Override
    public String toString() {
        return maskSecrets(url);
    }

    /** The URL with the values of password, trustStorePassword, keyStorePassword and users replaced by ***. */
    public static String maskSecrets(String url) {
        return url == null ? null : url.replaceAll("((?:[A-Za-z]*[Pp]assword)|users)=[^&]*", "$1=***");
    }
}
