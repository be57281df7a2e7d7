package org.tallymq.server;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.transport.tcp.TcpOptions;

/** {@link AuthorizationTestBase} over tcp://, against a broker configured the way {@code tally server --config} does. */
class TcpAuthorizationTest extends AuthorizationTestBase {

    private static TallyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        BrokerConfig config = SecurityConfigFile.apply(writeConfig(),
                BrokerConfig.builder("tcp-security").dataDir(Files.createTempDirectory("tally-security"))).build();
        server = TallyServer.start(config, new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    TallyConnectionFactory factory() {
        return new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort());
    }

    @Override
    String remoteAddressPrefix() {
        return "127.0.0.1:";
    }
}
