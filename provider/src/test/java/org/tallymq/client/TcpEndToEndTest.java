package org.tallymq.client;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;

/** {@link EndToEndTestBase} over TCP, against a broker listening on a loopback port. */
class TcpEndToEndTest extends EndToEndTestBase {

    private static TallyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path dir = Files.createTempDirectory("tally-tcp-e2e");
        server = TallyServer.start(BrokerConfig.builder("tcp-e2e").dataDir(dir).build(),
                new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    TallyConnectionFactory factory() {
        return new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort());
    }
}
