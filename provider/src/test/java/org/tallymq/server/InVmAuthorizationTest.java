package org.tallymq.server;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tallymq.jms.TallyConnectionFactory;

/** {@link AuthorizationTestBase} over vm://, the embedded broker configured with {@code ?config=FILE}. */
class InVmAuthorizationTest extends AuthorizationTestBase {

    private static String name;
    private static Path config;

    @BeforeAll
    static void configure() throws Exception {
        name = "security-" + UUID.randomUUID();
        config = writeConfig();
    }

    @AfterAll
    static void stopBroker() {
        EmbeddedBrokers.stop(name);
    }

    @Override
    TallyConnectionFactory factory() {
        return new TallyConnectionFactory("vm://" + name + "?persistent=false&config=" + config.toUri().getPath());
    }

    @Override
    String remoteAddressPrefix() {
        return "vm://" + name + "#";
    }
}
