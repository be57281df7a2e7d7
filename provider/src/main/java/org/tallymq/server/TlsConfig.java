package org.tallymq.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.tallymq.transport.tcp.TlsOptions;

/**
 * The broker's TLS settings, from the {@code tls.*} keys of the config file and the {@code --tls-*}
 * options of {@code tally server} (an option wins over the key of the same meaning):
 *
 * <pre>
 * key                      option                     meaning
 * tls.keyStore             --tls-keystore FILE        the broker's certificate and private key; TLS is on iff set
 * tls.keyStorePassword     --tls-keystore-password    its password (also the key's)
 * tls.keyStoreType         --tls-keystore-type        PKCS12 (default) or JKS
 * tls.trustStore           --tls-truststore FILE      certificates of trusted clients or their CAs (client auth);
 *                                                     default: the JDK's trust (javax.net.ssl.trustStore, cacerts)
 * tls.trustStorePassword   --tls-truststore-password
 * tls.trustStoreType       --tls-truststore-type      PKCS12 (default) or JKS
 * tls.clientAuth           --tls-client-auth          none (default), want or need
 * </pre>
 *
 * Errors name the file or option and what was expected, never a password. An embedded broker
 * ({@code vm://NAME?config=FILE}) ignores the {@code tls.*} keys: nothing crosses a network.
 */
public final class TlsConfig {

    /** Config file key to command-line option. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("tls.keyStore", "--tls-keystore");
        OPTIONS.put("tls.keyStorePassword", "--tls-keystore-password");
        OPTIONS.put("tls.keyStoreType", "--tls-keystore-type");
        OPTIONS.put("tls.trustStore", "--tls-truststore");
        OPTIONS.put("tls.trustStorePassword", "--tls-truststore-password");
        OPTIONS.put("tls.trustStoreType", "--tls-truststore-type");
        OPTIONS.put("tls.clientAuth", "--tls-client-auth");
    }

    private TlsConfig() {
    }

    /** Whether {@code key} is a TLS key of the config file (known or not: {@link #read} checks it). */
    static boolean isTlsKey(String key) {
        return key.startsWith("tls.");
    }

    /** Whether {@code option} is a {@code --tls-*} option of {@code tally server}. */
    static boolean isOption(String option) {
        return OPTIONS.containsValue(option);
    }

    /** The usage text of the options. */
    static String usage() {
        return "[--tls-keystore FILE --tls-keystore-password PW [--tls-keystore-type PKCS12|JKS]"
                + " [--tls-truststore FILE --tls-truststore-password PW [--tls-truststore-type T]]"
                + " [--tls-client-auth none|want|need]]";
    }

    /**
     * The broker's TLS settings, or null for plain TCP.
     *
     * @param file    the config file, or null
     * @param options the command-line options ({@code --tls-*} are looked at)
     * @throws SecurityConfigFile.Invalid when a key or option is unknown or malformed
     * @throws IOException                when the file cannot be read
     */
    public static TlsOptions read(Path file, Map<String, String> options) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>(); // key -> where it came from, for messages
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IllegalArgumentException e) {
                throw new SecurityConfigFile.Invalid("config file " + file + ": " + e.getMessage());
            }
            for (String key : p.stringPropertyNames()) {
                if (!isTlsKey(key)) {
                    continue;
                }
                if (!OPTIONS.containsKey(key)) {
                    throw new SecurityConfigFile.Invalid("config file " + file + ", key '" + key + "': expected one of "
                            + String.join(", ", OPTIONS.keySet()));
                }
                values.put(key, key.endsWith("Password") ? p.getProperty(key) : p.getProperty(key).trim());
                source.put(key, "config file " + file + ", key '" + key + "'");
            }
        }
        for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
            String v = options.get(e.getValue());
            if (v != null) {
                values.put(e.getKey(), v);
                source.put(e.getKey(), "option " + e.getValue());
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        if (!values.containsKey("tls.keyStore")) {
            String first = values.keySet().iterator().next();
            throw new SecurityConfigFile.Invalid(source.get(first) + ": expected a key store as well (--tls-keystore"
                    + " FILE or tls.keyStore=FILE): TLS settings without the broker's certificate cannot be used");
        }
        TlsOptions.ClientAuth auth = TlsOptions.ClientAuth.NONE;
        if (values.containsKey("tls.clientAuth")) {
            auth = TlsOptions.ClientAuth.of(values.get("tls.clientAuth"));
            if (auth == null) {
                throw new SecurityConfigFile.Invalid(source.get("tls.clientAuth") + ": expected none, want or need, not '"
                        + values.get("tls.clientAuth") + "'");
            }
        }
        if (values.containsKey("tls.trustStorePassword") && !values.containsKey("tls.trustStore")) {
            throw new SecurityConfigFile.Invalid(source.get("tls.trustStorePassword") + ": expected a trust store file"
                    + " as well (--tls-truststore FILE or tls.trustStore=FILE)");
        }
        return TlsOptions.broker(store(values, "tls.keyStore"), store(values, "tls.trustStore"), auth);
    }

    private static TlsOptions.StoreFile store(Map<String, String> values, String key) {
        String path = values.get(key);
        if (path == null) {
            return null;
        }
        String pw = values.get(key + "Password");
        return new TlsOptions.StoreFile(Path.of(path), pw == null ? null : pw.toCharArray(), values.get(key + "Type"));
    }
}
