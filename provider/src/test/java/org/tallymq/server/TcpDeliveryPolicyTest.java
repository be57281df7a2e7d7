package org.tallymq.server;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.broker.Broker;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.transport.tcp.TcpOptions;

/** {@link DeliveryPolicyTestBase} over tcp://, against a broker configured the way {@code tally server --config} does. */
class TcpDeliveryPolicyTest extends DeliveryPolicyTestBase {

    private static Path data;
    private static Path config;
    private static TallyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        data = Files.createTempDirectory("tally-policies-tcp");
        config = writeConfig();
        server = start();
    }

    private static TallyServer start() throws Exception {
        BrokerConfig c = SecurityConfigFile.apply(config, BrokerConfig.builder("tcp-policies").dataDir(data)).build();
        return TallyServer.start(c, new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    String url() {
        return "tcp://127.0.0.1:" + server.address().getPort();
    }

    @Override
    Broker broker() {
        return server.broker();
    }

    @Override
    void restart() throws Exception {
        server.close();
        server = start();
    }
}
