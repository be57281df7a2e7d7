package org.tallymq.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.broker.Broker;

/** {@link DeliveryPolicyTestBase} over vm://, the embedded broker configured with {@code ?config=FILE}. */
class InVmDeliveryPolicyTest extends DeliveryPolicyTestBase {

    private static String name;
    private static String url;

    @BeforeAll
    static void configure() throws Exception {
        name = "policies-" + UUID.randomUUID();
        Path data = Files.createTempDirectory("tally-policies");
        url = "vm://" + name + "?dataDir=" + data.toUri().getPath() + "&config=" + writeConfig().toUri().getPath();
    }

    @AfterAll
    static void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Override
    String url() {
        return url;
    }

    @Override
    Broker broker() {
        return EmbeddedBrokers.get(name);
    }

    @Override
    void restart() throws Exception {
        EmbeddedBrokers.stop(name);
        factory().createConnection().close(); // the first connection starts the broker again
    }
}
