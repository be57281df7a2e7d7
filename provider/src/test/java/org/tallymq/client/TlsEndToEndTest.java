package org.tallymq.client;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;
import org.tallymq.transport.tcp.TestKeyStores;
import org.tallymq.transport.tcp.TlsContext;
import org.tallymq.transport.tcp.TlsOptions;

/** {@link EndToEndTestBase} over TLS, against a broker whose key store keytool made for this run. */
class TlsEndToEndTest extends EndToEndTestBase {

    private static TallyServer server;
    private static TestKeyStores keys;

    @BeforeAll
    static void startServer() throws Exception {
        keys = TestKeyStores.get();
        server = TallyServer.start(BrokerConfig.builder("tls-e2e").dataDir(Files.createTempDirectory("tally-tls-e2e")).build(),
                new InetSocketAddress("127.0.0.1", 0),
                TcpOptions.defaults().withTls(TlsContext.forBroker(keys.broker(TlsOptions.ClientAuth.NONE))));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    TallyConnectionFactory factory() {
        return new TallyConnectionFactory("tcp://localhost:" + server.address().getPort() + "?" + keys.clientUrlOptions());
    }
}
