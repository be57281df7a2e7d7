package org.tallymq.transport.tcp;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * TLS settings of one end of a TCP connection; which fields apply depends on the end.
 *
 * <ul>
 *   <li><b>Broker:</b> {@code keyStore} is required (the broker's certificate and private key);
 *       {@code trustStore} says whose client certificates are accepted (default: the JDK's trust,
 *       i.e. the {@code javax.net.ssl.trustStore} system property or {@code cacerts}) and matters
 *       only with {@code clientAuth} WANT or NEED. {@code verifyHostname} is ignored.</li>
 *   <li><b>Client:</b> {@code trustStore} holds the broker's certificate or its CA (default: the
 *       JDK's trust, which honours the {@code javax.net.ssl.trustStore*} system properties);
 *       {@code keyStore} is the client certificate sent when the broker asks for one (default: the
 *       {@code javax.net.ssl.keyStore*} system properties, if set); {@code verifyHostname} checks
 *       that the broker's certificate names the host in the URL. {@code clientAuth} is ignored.</li>
 * </ul>
 *
 * <p>Immutable. {@link #toString} never shows a password.
 *
 * @param keyStore       a key store with a private key and its certificate chain, or null
 * @param trustStore     a key store of trusted certificates, or null for the JDK's default trust
 * @param clientAuth     broker only: whether the broker asks clients for a certificate
 * @param verifyHostname client only: whether the broker's certificate must match the host name
 */
public record TlsOptions(StoreFile keyStore, StoreFile trustStore, ClientAuth clientAuth, boolean verifyHostname) {

    /** Whether a broker asks its clients for a certificate. */
    public enum ClientAuth {
        /** Clients send no certificate. */
        NONE,
        /** Clients may send one; a client that sends an untrusted one is refused, one that sends none is accepted. */
        WANT,
        /** Every client must send a certificate the broker's trust store trusts. */
        NEED;

        /** {@code none}, {@code want} or {@code need} (any case), or null. */
        public static ClientAuth of(String word) {
            for (ClientAuth a : values()) {
                if (a.name().equalsIgnoreCase(word)) {
                    return a;
                }
            }
            return null;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A key store file.
     *
     * @param path     the file
     * @param password its password, or null for a store without one; never logged
     * @param type     the {@link java.security.KeyStore} type, e.g. PKCS12 (the default) or JKS
     */
    public record StoreFile(Path path, char[] password, String type) {

        public static final String DEFAULT_TYPE = "PKCS12";

        public StoreFile {
            Objects.requireNonNull(path, "path");
            type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
            password = password == null ? null : password.clone();
        }

        @Override
        public char[] password() {
            return password == null ? null : password.clone();
        }

        /** The file and type, never the password. */
        @Override
        public String toString() {
            return path + " (" + type + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StoreFile s && s.path.equals(path) && s.type.equals(type)
                    && java.util.Arrays.equals(s.password, password);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, type);
        }
    }

    public TlsOptions {
        clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    }

    /** A broker's settings: its key store, and whether (and whom) it asks for client certificates. */
    public static TlsOptions broker(StoreFile keyStore, StoreFile trustStore, ClientAuth clientAuth) {
        return new TlsOptions(Objects.requireNonNull(keyStore, "a TLS broker needs a key store"), trustStore, clientAuth,
                false);
    }

    /** A client's settings. */
    public static TlsOptions client(StoreFile trustStore, StoreFile keyStore, boolean verifyHostname) {
        return new TlsOptions(keyStore, trustStore, ClientAuth.NONE, verifyHostname);
    }

    @Override
    public String toString() {
        return "TLS[keyStore=" + keyStore + ", trustStore=" + (trustStore == null ? "JDK default" : trustStore)
                + ", clientAuth=" + clientAuth.word() + ", verifyHostname=" + verifyHostname + "]";
    }
}
