package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.transport.tcp.TestKeyStores;
import org.tallymq.transport.tcp.TlsOptions;

/** The broker's TLS settings from the config file and the command line, and a TLS server process end to end. */
class TlsConfigTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("tally-" + UUID.randomUUID() + ".properties");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    @DisplayName("no tls.* key and no --tls-* option: plain TCP")
    void none() throws IOException {
        assertNull(TlsConfig.read(write("user.a=pw"), Map.of()));
        assertNull(TlsConfig.read(null, Map.of("--bind", "x")));
    }

    @Test
    @DisplayName("tls.* keys configure key store, trust store and client auth; a --tls-* option wins over its key")
    void fileAndOptions() throws IOException {
        Path f = write("tls.keyStore=/k.p12", "tls.keyStorePassword=kpw", "tls.keyStoreType=JKS",
                "tls.trustStore=/t.p12", "tls.trustStorePassword=tpw", "tls.clientAuth=want");
        TlsOptions o = TlsConfig.read(f, Map.of("--tls-client-auth", "NEED", "--tls-keystore", "/other.p12"));
        assertEquals(Path.of("/other.p12"), o.keyStore().path());
        assertEquals("JKS", o.keyStore().type());
        assertEquals("kpw", new String(o.keyStore().password()));
        assertEquals(Path.of("/t.p12"), o.trustStore().path());
        assertEquals("PKCS12", o.trustStore().type(), "the default type");
        assertEquals(TlsOptions.ClientAuth.NEED, o.clientAuth());
        assertFalse(o.toString().contains("kpw") || o.toString().contains("tpw"), o.toString());
        // the security part of the same file ignores the tls.* keys
        assertNotNull(SecurityConfigFile.apply(f, org.tallymq.broker.BrokerConfig.builder("t")));
    }

    @Test
    @DisplayName("an unknown tls.* key, a bad clientAuth, TLS settings without a key store: each refused with what was expected")
    void mistakes() throws IOException {
        Path typo = write("tls.keystore=/k.p12");
        SecurityConfigFile.Invalid e = assertThrows(SecurityConfigFile.Invalid.class, () -> TlsConfig.read(typo, Map.of()));
        assertTrue(e.getMessage().contains("key 'tls.keystore': expected one of tls.keyStore"), e.getMessage());

        e = assertThrows(SecurityConfigFile.Invalid.class,
                () -> TlsConfig.read(null, Map.of("--tls-keystore", "/k", "--tls-client-auth", "always")));
        assertTrue(e.getMessage().contains("option --tls-client-auth: expected none, want or need, not 'always'"),
                e.getMessage());

        Path noKeys = write("tls.trustStore=/t.p12", "tls.trustStorePassword=secret-9");
        e = assertThrows(SecurityConfigFile.Invalid.class, () -> TlsConfig.read(noKeys, Map.of()));
        assertTrue(e.getMessage().contains("expected a key store as well"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-9"), e.getMessage());
    }

    @Test
    @DisplayName("tally server --tls-keystore ...: the ready line says TLS, a TLS client works, no password is printed")
    void serverProcessWithTls() throws Exception {
        TestKeyStores keys = TestKeyStores.get();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("server.log");
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, TallyServer.class.getName(), "server",
                "--data-dir", dir.resolve("data").toString(), "--bind", "127.0.0.1:0",
                "--tls-keystore", keys.brokerKeys.toString(), "--tls-keystore-password", TestKeyStores.BROKER_PASSWORD,
                "--tls-keystore-type", "PKCS12")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String out = "";
        try {
            int port = -1;
            Pattern ready = Pattern.compile("ready on 127\\.0\\.0\\.1:(\\d+) with TLS \\(client certificates: none\\)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (port < 0 && p.isAlive() && System.nanoTime() < deadline) {
                out = Files.readString(log);
                Matcher m = ready.matcher(out);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(50);
                }
            }
            assertTrue(port > 0, "the server did not get ready: " + Files.readString(log));
            try (JMSContext c = new TallyConnectionFactory("tcp://localhost:" + port + "?" + keys.clientUrlOptions())
                    .createContext()) {
                c.createProducer().send(c.createQueue("tls.process"), "hello");
                assertEquals("hello", c.createConsumer(c.createQueue("tls.process")).receiveBody(String.class, 30_000));
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
            out = Files.readString(log);
            assertTrue(out.contains("stopped"), out);
        } finally {
            p.destroyForcibly();
        }
        assertFalse(out.contains(TestKeyStores.BROKER_PASSWORD), "the password was printed: " + out);
    }

    @Test
    @DisplayName("tally server with a wrong key store password exits with status 78 and names the file, not the password")
    void serverProcessWithWrongPassword() throws Exception {
        TestKeyStores keys = TestKeyStores.get();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path f = write("tls.keyStore=" + keys.brokerKeys, "tls.keyStorePassword=not-the-password-77");
        Process p = new ProcessBuilder(List.of(java, "-cp", cp, TallyServer.class.getName(), "server",
                "--data-dir", dir.resolve("data").toString(), "--bind", "127.0.0.1:0", "--config", f.toString()))
                .redirectErrorStream(true).start();
        String out;
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server exits instead of running");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(78, p.exitValue(), out);
        assertTrue(out.contains(keys.brokerKeys.toString()) && out.contains("password is wrong"), out);
        assertFalse(out.contains("not-the-password-77"), out);
    }
}
