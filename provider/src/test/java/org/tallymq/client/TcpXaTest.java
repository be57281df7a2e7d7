package org.tallymq.client;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.server.TallyServer;
import org.tallymq.transport.tcp.TcpOptions;

/** {@link XaTestBase} over TCP against a broker with a journal, restarted on the same data directory. */
class TcpXaTest extends XaTestBase {

    private final Path dir;
    private TallyServer server;

    TcpXaTest() throws Exception {
        dir = Files.createTempDirectory("tally-xa-tcp");
        start();
    }

    private void start() throws Exception {
        server = TallyServer.start(BrokerConfig.builder("xa-tcp").dataDir(dir).build(),
                new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
    }

    @Override
    String url() {
        return "tcp://127.0.0.1:" + server.address().getPort();
    }

    @Override
    void restartBroker() throws Exception {
        server.close();
        start();
    }

    @Override
    org.tallymq.broker.Broker broker() {
        return server.broker();
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
