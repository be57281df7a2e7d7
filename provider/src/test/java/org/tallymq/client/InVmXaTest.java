package org.tallymq.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.tallymq.server.EmbeddedBrokers;

/** {@link XaTestBase} against an embedded broker with a journal, restarted by stopping it. */
class InVmXaTest extends XaTestBase {

    private final String name = "xa-" + UUID.randomUUID();
    private final Path dir;

    InVmXaTest() throws Exception {
        dir = Files.createTempDirectory("tally-xa-vm");
    }

    @Override
    String url() {
        return "vm://" + name + "?dataDir=" + dir;
    }

    @Override
    void restartBroker() {
        EmbeddedBrokers.stop(name); // the next connection starts it again on the same directory
    }

    @Override
    org.tallymq.broker.Broker broker() {
        return EmbeddedBrokers.get(name);
    }

    @AfterEach
    void stopBroker() {
        EmbeddedBrokers.stop(name);
    }
}
