package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;
import org.tallymq.server.TallyServer;

/**
 * TLS over the TCP transport (JDK SSLEngine under Netty's SslHandler), with key stores made by
 * keytool at test time ({@link TestKeyStores}). A failure must be a JMSException that says what went
 * wrong — a plain client at a TLS port, an untrusted certificate, a host name mismatch — never a hang,
 * and no password may appear in an exception or a log record.
 */
class TlsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60); // a hang is a failure, not a stuck build

    private static TestKeyStores keys;
    private final List<TallyServer> servers = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            logged.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void makeKeyStores() throws Exception {
        keys = TestKeyStores.get();
    }

    @BeforeEach
    void captureLogs() {
        Logger root = Logger.getLogger("org.tallymq");
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // a connection that failed
            }
        }
        for (TallyServer s : servers) {
            s.close();
        }
        Logger root = Logger.getLogger("org.tallymq");
        root.removeHandler(capture);
        root.setLevel(null);
        synchronized (capture) {
            for (String line : logged) {
                for (String pw : List.of(TestKeyStores.BROKER_PASSWORD, TestKeyStores.CLIENT_PASSWORD,
                        TestKeyStores.TRUST_PASSWORD)) {
                    assertFalse(line.contains(pw), "a password was logged: " + line);
                }
            }
        }
    }

    private int tlsServer(TlsOptions.ClientAuth auth) throws Exception {
        return server(TcpOptions.defaults().withTls(TlsContext.forBroker(keys.broker(auth))));
    }

    private int server(TcpOptions options) throws Exception {
        Path dir = Files.createTempDirectory("tally-tls-broker");
        TallyServer s = TallyServer.start(BrokerConfig.builder("tls-" + UUID.randomUUID()).dataDir(dir).build(),
                new InetSocketAddress("127.0.0.1", 0), options);
        servers.add(s);
        return s.address().getPort();
    }

    private Connection connect(String url) throws JMSException {
        Connection c = new TallyConnectionFactory(url).createConnection();
        connections.add(c);
        return c;
    }

    private JMSException refused(String url) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(JMSException.class, () -> connect(url)));
    }

    /**
     * Waits for the broker's warning (its I/O thread may log it just after the client has seen the
     * connection close), failing after the hang guard.
     */
    private void awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (capture) {
                if (logged.stream().anyMatch(l -> l.startsWith("WARNING") && l.contains(text))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        synchronized (capture) {
            throw new AssertionError("the broker logged no warning containing '" + text + "': " + logged);
        }
    }

    private static void assertNoPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String pw : List.of(TestKeyStores.BROKER_PASSWORD, TestKeyStores.CLIENT_PASSWORD,
                    TestKeyStores.TRUST_PASSWORD)) {
                assertFalse(String.valueOf(t.getMessage()).contains(pw), "a password in an exception: " + t);
            }
        }
    }

    private static void sendAndReceivePersistent(Connection c) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = new TallyQueue("tls." + UUID.randomUUID());
        MessageProducer p = s.createProducer(q);
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        p.send(s.createTextMessage("over TLS"));
        c.start();
        MessageConsumer consumer = s.createConsumer(q);
        TextMessage m = (TextMessage) consumer.receive(30_000);
        assertNotNull(m, "the message sent over TLS arrives");
        assertEquals("over TLS", m.getText());
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
    }

    @Test
    @DisplayName("a client with ssl=true and a trust store holding the broker's certificate sends and receives a persistent message")
    void endToEnd() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        sendAndReceivePersistent(connect("tcp://localhost:" + port + "?" + keys.clientUrlOptions()));
    }

    @Test
    @DisplayName("what crosses the network is TLS: the first bytes a TLS port answers to a ClientHello are a TLS handshake record")
    void wireIsTls() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        // a plain Tally CONNECT frame gets the connection closed, not a CONNECTED answer in clear
        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.setSoTimeout((int) HANG_GUARD.toMillis());
            OutputStream out = raw.getOutputStream();
            out.write(org.tallymq.protocol.Codec.encode(new org.tallymq.protocol.Frame(1,
                    new org.tallymq.protocol.Command.Connect(1, null, null, null))));
            out.flush();
            InputStream in = raw.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                got.write(b);
            }
            byte[] bytes = got.toByteArray();
            // nothing, or a TLS alert record (content type 21), never a Tally frame
            assertTrue(bytes.length == 0 || bytes[0] == 21, "the broker answered a plain frame with " + bytes.length
                    + " bytes starting with " + (bytes.length == 0 ? "-" : Integer.toString(bytes[0])));
        }
        awaitLog("not a TLS connection from 127.0.0.1");
    }

    @Test
    @DisplayName("a client without ssl=true at a TLS port fails at once with a JMSException that suggests ssl=true")
    void plainClientAtTlsPort() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        JMSException e = refused("tcp://localhost:" + port);
        assertTrue(e.getMessage().contains("ssl=true"), e.getMessage());
        assertTrue(e.getMessage().contains("closed the connection before answering CONNECT"), e.getMessage());
    }

    @Test
    @DisplayName("a TLS client at a plain port fails with a JMSException that says the TLS handshake failed")
    void tlsClientAtPlainPort() throws Exception {
        int port = server(TcpOptions.defaults());
        JMSException e = refused("tcp://localhost:" + port + "?" + keys.clientUrlOptions());
        assertTrue(e.getMessage().contains("TLS handshake with localhost:" + port + " failed"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    @DisplayName("a client that does not trust the broker's certificate fails with a JMSException naming TLS and the certificate")
    void untrustedBroker() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        // this trust store holds the client's own certificate, not the broker's
        JMSException e = refused("tcp://localhost:" + port + "?ssl=true&trustStore=" + keys.brokerTrust
                + "&trustStorePassword=" + TestKeyStores.TRUST_PASSWORD + "&trustStoreType=PKCS12");
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("trustStore"), "says what to change: " + e.getMessage());
        assertNoPassword(e);
        awaitLog("TLS handshake with 127.0.0.1");
    }

    @Test
    @DisplayName("without trust store options the JDK's default trust applies, which does not know a self-signed broker")
    void defaultTrust() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        JMSException e = refused("tcp://localhost:" + port + "?ssl=true");
        assertTrue(e.getMessage().contains("certificate is not trusted"), e.getMessage());
    }

    @Test
    @DisplayName("host name verification is on by default; verifyHostname=false accepts a trusted certificate for another name")
    void hostnameVerification() throws Exception {
        TlsOptions wrong = TlsOptions.broker(new TlsOptions.StoreFile(keys.wrongHostKeys,
                TestKeyStores.BROKER_PASSWORD.toCharArray(), null), null, TlsOptions.ClientAuth.NONE);
        int port = server(TcpOptions.defaults().withTls(TlsContext.forBroker(wrong)));
        JMSException e = refused("tcp://localhost:" + port + "?" + keys.clientUrlOptions());
        assertTrue(e.getMessage().contains("does not name the host"), e.getMessage());
        assertTrue(e.getMessage().contains("verifyHostname=false"), e.getMessage());
        sendAndReceivePersistent(connect("tcp://localhost:" + port + "?" + keys.clientUrlOptions() + "&verifyHostname=false"));
    }

    @Test
    @DisplayName("with client authentication 'need', a client with a trusted certificate connects and one without is refused")
    void clientCertificateNeeded() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NEED);
        sendAndReceivePersistent(connect("tcp://localhost:" + port + "?" + keys.clientUrlOptionsWithCertificate()));
        JMSException e = refused("tcp://localhost:" + port + "?" + keys.clientUrlOptions());
        assertNoPassword(e);
    }

    @Test
    @DisplayName("with client authentication 'want', a client without a certificate is accepted")
    void clientCertificateWanted() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.WANT);
        sendAndReceivePersistent(connect("tcp://localhost:" + port + "?" + keys.clientUrlOptions()));
    }

    @Test
    @DisplayName("a wrong trust store password fails the first connection with a JMSException naming the file, not the password")
    void wrongTrustStorePassword() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        JMSException e = refused("tcp://localhost:" + port + "?ssl=true&trustStore=" + keys.clientTrust
                + "&trustStorePassword=not-" + TestKeyStores.TRUST_PASSWORD);
        assertTrue(e.getMessage().contains(keys.clientTrust.toString()) && e.getMessage().contains("password is wrong"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-" + TestKeyStores.TRUST_PASSWORD), e.getMessage());
    }

    @Test
    @DisplayName("a missing trust store file is named in the JMSException")
    void missingTrustStore() throws Exception {
        int port = tlsServer(TlsOptions.ClientAuth.NONE);
        JMSException e = refused("tcp://localhost:" + port + "?ssl=true&trustStore=" + keys.dir.resolve("nope.p12"));
        assertTrue(e.getMessage().contains("nope.p12 (PKCS12) does not exist"), e.getMessage());
    }

    @Test
    @DisplayName("TLS options without ssl=true are refused as a malformed URL, which is shown without its passwords")
    void tlsOptionWithoutSsl() {
        JMSException e = assertThrows(JMSException.class, () -> connect("tcp://localhost:1?trustStore=" + keys.clientTrust
                + "&trustStorePassword=" + TestKeyStores.TRUST_PASSWORD));
        assertTrue(e.getMessage().contains("add ssl=true"), e.getMessage());
        assertTrue(e.getMessage().contains("trustStorePassword=***"), "the URL is shown with its password hidden: "
                + e.getMessage());
        assertNoPassword(e);
    }

    @Test
    @DisplayName("a connection factory's toString hides every password of its URL")
    void factoryToStringHidesPasswords() {
        String s = new TallyConnectionFactory("tcp://localhost:1?" + keys.clientUrlOptionsWithCertificate()
                + "&password=app-secret").toString();
        assertFalse(s.contains(TestKeyStores.TRUST_PASSWORD) || s.contains(TestKeyStores.CLIENT_PASSWORD)
                || s.contains("app-secret"), s);
        assertTrue(s.contains("trustStorePassword=***") && s.contains("keyStorePassword=***"), s);
    }

    @Test
    @DisplayName("a broker whose key store password is wrong does not start; the error names the file, not the password")
    void brokerWrongKeyStorePassword() {
        TlsOptions bad = TlsOptions.broker(new TlsOptions.StoreFile(keys.brokerKeys, "wrong-pw".toCharArray(), null),
                null, TlsOptions.ClientAuth.NONE);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> TlsContext.forBroker(bad));
        assertTrue(e.getMessage().contains(keys.brokerKeys.toString()) && e.getMessage().contains("password is wrong"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
    }
}
