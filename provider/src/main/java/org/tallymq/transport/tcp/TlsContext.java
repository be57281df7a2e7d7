package org.tallymq.transport.tcp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK {@link SSLContext} built once from {@link TlsOptions}, and the Netty {@link SslHandler}s of
 * the connections that use it (JDK SSLEngine, no native library). Immutable; thread-safe.
 *
 * <p>Key stores are read when the context is built, so a missing file, a wrong password or an
 * unknown store type is reported then, naming the file (never the password).
 */
public final class TlsContext {

    private final SSLContext context;
    private final TlsOptions options;
    private final boolean broker;

    private TlsContext(SSLContext context, TlsOptions options, boolean broker) {
        this.context = context;
        this.options = options;
        this.broker = broker;
    }

    /**
     * The broker's side: its certificate from {@code options.keyStore()}, client certificates checked
     * against {@code options.trustStore()} (or the JDK's default trust).
     *
     * @throws IOException when a store cannot be read or holds no usable key (the message names the file)
     */
    public static TlsContext forBroker(TlsOptions options) throws IOException {
        if (options.keyStore() == null) {
            throw new IOException("a TLS broker needs a key store holding its certificate and private key"
                    + " (--tls-keystore FILE or tls.keyStore in the config file)");
        }
        return new TlsContext(build(keyManagers(options.keyStore()), trustManagers(options.trustStore())), options, true);
    }

    /**
     * The client's side: the broker's certificate checked against {@code options.trustStore()} (or the
     * JDK's default trust, which honours {@code javax.net.ssl.trustStore*}); a client certificate from
     * {@code options.keyStore()}, else from the {@code javax.net.ssl.keyStore*} system properties if set.
     *
     * @throws IOException when a store cannot be read (the message names the file)
     */
    public static TlsContext forClient(TlsOptions options) throws IOException {
        TlsOptions.StoreFile keys = options.keyStore();
        if (keys == null && System.getProperty("javax.net.ssl.keyStore") != null) {
            String pw = System.getProperty("javax.net.ssl.keyStorePassword");
            keys = new TlsOptions.StoreFile(Path.of(System.getProperty("javax.net.ssl.keyStore")),
                    pw == null ? null : pw.toCharArray(), System.getProperty("javax.net.ssl.keyStoreType"));
        }
        return new TlsContext(build(keys == null ? null : keyManagers(keys), trustManagers(options.trustStore())), options,
                false);
    }

    public TlsOptions options() {
        return options;
    }

    /** A handler for a connection the broker accepted. */
    SslHandler brokerHandler(ByteBufAllocator alloc) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        switch (options.clientAuth()) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            case NONE -> { }
        }
        return new SslHandler(engine);
    }

    /** A handler for a client connection to {@code host:port}; checks the host name if so configured. */
    SslHandler clientHandler(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        if (options.verifyHostname()) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818: the certificate's SAN (or CN) must name host
            engine.setSSLParameters(p);
        }
        return new SslHandler(engine);
    }

    /**
     * What a failed handshake means for a person, with what to do; {@code peer} is host:port.
     * Certificate problems say "certificate" and name the setting to change.
     */
    static String explainHandshakeFailure(Throwable failure, String peer, boolean clientSide) {
        String detail = rootMessage(failure);
        boolean untrusted = causedBy(failure, CertificateException.class, CertPathValidatorException.class)
                || detail.contains("PKIX") || detail.contains("certification path");
        if (untrusted) {
            if (detail.contains("No subject alternative") || detail.contains("No name matching")) {
                return "TLS handshake with " + peer + " failed: the broker's certificate does not name the host in the"
                        + " URL (" + detail + "); connect with the host name the certificate was issued for, or add"
                        + " verifyHostname=false to the URL if you accept that risk";
            }
            return "TLS handshake with " + peer + " failed: the " + (clientSide ? "broker's" : "client's")
                    + " certificate is not trusted (" + detail + "); give the " + (clientSide
                    ? "client a trustStore=FILE URL option (or -Djavax.net.ssl.trustStore)"
                    : "broker a trust store (--tls-truststore)") + " that holds that certificate or its CA";
        }
        if (detail.contains("certificate_required") || detail.contains("bad_certificate")
                || detail.contains("certificate_unknown") || detail.contains("Empty client certificate chain")) {
            return "TLS handshake with " + peer + " failed: the " + (clientSide ? "broker" : "client")
                    + " did not accept the certificate it was sent, or needs one that was not sent (" + detail
                    + "); check the keyStore and trust store settings of both sides";
        }
        return "TLS handshake with " + peer + " failed: " + detail + (clientSide
                ? " (is the broker listening with TLS on that port? a broker without TLS closes a TLS client's connection)"
                : "");
    }

    static boolean isHandshakeFailure(Throwable t) {
        return causedBy(t, SSLHandshakeException.class);
    }

    @SafeVarargs
    private static boolean causedBy(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && sb.indexOf(c.getMessage()) < 0 && seen.add(c.getMessage())) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(c.getMessage());
            }
        }
        return sb.length() == 0 ? t.getClass().getSimpleName() : sb.toString();
    }

    private static SSLContext build(KeyManager[] keys, TrustManager[] trust) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsOptions.StoreFile file) throws IOException {
        KeyStore ks = load(file, "key store");
        try {
            if (!Collections.list(ks.aliases()).stream().anyMatch(a -> isKey(ks, a))) {
                throw new IOException("key store " + file + " holds no private key; it needs the key and certificate"
                        + " chain this side presents (keytool -genkeypair, or a PKCS12 file exported with its key)");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, file.password() == null ? new char[0] : file.password());
            return kmf.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new IOException("cannot read the private key in key store " + file + ": " + e.getMessage()
                    + " (the key's password must be the store's password)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static TrustManager[] trustManagers(TlsOptions.StoreFile file) throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            // null: the JDK's default trust (javax.net.ssl.trustStore*, else jssecacerts/cacerts)
            tmf.init(file == null ? null : load(file, "trust store"));
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use trust store " + (file == null ? "(JDK default)" : file) + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(TlsOptions.StoreFile file, String what) throws IOException {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(file.type());
        } catch (GeneralSecurityException e) {
            throw new IOException(what + " " + file + ": unknown key store type '" + file.type()
                    + "' (PKCS12 and JKS are the usual ones)", e);
        }
        try (InputStream in = Files.newInputStream(file.path())) {
            ks.load(in, file.password());
            return ks;
        } catch (NoSuchFileException e) {
            throw new IOException(what + " " + file + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException("cannot open " + what + " " + file + ": the password is wrong", e);
            }
            throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage()
                    + " (is it a key store of that type, and is the password right?)", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
