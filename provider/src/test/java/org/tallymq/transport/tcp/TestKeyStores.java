package org.tallymq.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key stores for TLS tests, made once per JVM in a temporary directory (keys by the JDK's own
 * {@code keytool}, trust stores with the KeyStore API) (nothing secret is checked in; nothing is downloaded). EC P-256 keys, PKCS12 stores.
 *
 * <ul>
 *   <li>{@link #brokerKeys}: the broker's key, CN=localhost, SAN dns:localhost and ip:127.0.0.1</li>
 *   <li>{@link #wrongHostKeys}: a broker key whose certificate names only {@code wrong.example}</li>
 *   <li>{@link #clientKeys}: a client key, CN=tally-client</li>
 *   <li>{@link #clientTrust}: trusts the broker's and the wrong-host certificate (not the client's)</li>
 *   <li>{@link #brokerTrust}: trusts the client's certificate only</li>
 * </ul>
 */
public final class TestKeyStores {

    public static final String BROKER_PASSWORD = "broker-keys-pw-0451";
    public static final String CLIENT_PASSWORD = "client-keys-pw-0452";
    public static final String TRUST_PASSWORD = "trust-pw-0453";

    public final Path dir;
    public final Path brokerKeys;
    public final Path wrongHostKeys;
    public final Path clientKeys;
    public final Path clientTrust;
    public final Path brokerTrust;

    private static TestKeyStores made;

    /** The stores, made at the first call (about a second per keytool run). */
    public static synchronized TestKeyStores get() throws IOException, InterruptedException {
        if (made == null) {
            made = new TestKeyStores(Files.createTempDirectory("tally-tls"));
        }
        return made;
    }

    private TestKeyStores(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        brokerKeys = dir.resolve("broker.p12");
        wrongHostKeys = dir.resolve("wrong-host.p12");
        clientKeys = dir.resolve("client.p12");
        clientTrust = dir.resolve("client-trust.p12");
        brokerTrust = dir.resolve("broker-trust.p12");
        genKey(brokerKeys, BROKER_PASSWORD, "broker", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        genKey(wrongHostKeys, BROKER_PASSWORD, "broker", "CN=wrong.example", "SAN=dns:wrong.example");
        genKey(clientKeys, CLIENT_PASSWORD, "client", "CN=tally-client", null);
        trust(brokerKeys, BROKER_PASSWORD, "broker", clientTrust, "broker");
        trust(wrongHostKeys, BROKER_PASSWORD, "broker", clientTrust, "wrong-host");
        trust(clientKeys, CLIENT_PASSWORD, "client", brokerTrust, "client");
    }

    private void genKey(Path store, String password, String alias, String dname, String san)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "30", "-dname", dname, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password));
        if (san != null) {
            args.add("-ext");
            args.add(san);
        }
        keytool(args);
    }

    /** Adds the certificate of {@code from}'s key to the trust store {@code into} (made with the KeyStore API: no keytool run). */
    private static void trust(Path from, String fromPassword, String alias, Path into, String asAlias) throws IOException {
        try {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(from)) {
                source.load(in, fromPassword.toCharArray());
            }
            KeyStore target = KeyStore.getInstance("PKCS12");
            if (Files.exists(into)) {
                try (InputStream in = Files.newInputStream(into)) {
                    target.load(in, TRUST_PASSWORD.toCharArray());
                }
            } else {
                target.load(null, null);
            }
            target.setCertificateEntry(asAlias, source.getCertificate(alias));
            try (OutputStream out = Files.newOutputStream(into)) {
                target.store(out, TRUST_PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make trust store " + into + ": " + e, e);
        }
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + args.get(0) + " failed: " + out);
        }
    }

    /** The broker's TLS settings: its key, and (for client authentication) trust in the client's certificate. */
    public TlsOptions broker(TlsOptions.ClientAuth auth) {
        return TlsOptions.broker(new TlsOptions.StoreFile(brokerKeys, BROKER_PASSWORD.toCharArray(), "PKCS12"),
                new TlsOptions.StoreFile(brokerTrust, TRUST_PASSWORD.toCharArray(), "PKCS12"), auth);
    }

    /** URL options of a client that trusts the test broker. */
    public String clientUrlOptions() {
        return "ssl=true&trustStore=" + clientTrust + "&trustStorePassword=" + TRUST_PASSWORD;
    }

    /** URL options of a client that also presents the client certificate. */
    public String clientUrlOptionsWithCertificate() {
        return clientUrlOptions() + "&keyStore=" + clientKeys + "&keyStorePassword=" + CLIENT_PASSWORD
                + "&keyStoreType=PKCS12";
    }
}
