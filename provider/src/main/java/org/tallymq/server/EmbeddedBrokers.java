package org.tallymq.server;

import java.util.HashMap;
import java.util.Map;
import org.tallymq.broker.Broker;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.transport.InVmTransport;

/**
 * Brokers embedded in this JVM, reached as {@code vm://NAME}. The first connection to a name
 * starts its broker with the options of that connection's URL; later ones share it (options that
 * differ are ignored, and say so in the log).
 *
 * <p>Thread-safe.
 */
public final class EmbeddedBrokers {

    private static final Map<String, Broker> BROKERS = new HashMap<>();

    private EmbeddedBrokers() {
    }

    /**
     * The running broker of that name, started with {@code config} if none runs yet.
     *
     * @throws java.io.IOException when a new broker's store cannot be opened (for example a corrupt journal)
     */
    public static synchronized Broker getOrStart(BrokerConfig config) throws java.io.IOException {
        Broker b = BROKERS.get(config.name());
        if (b == null) {
            b = Broker.start(config);
            BROKERS.put(config.name(), b);
            InVmTransport.register(config.name(), b);
        } else if (!b.config().equals(config)) {
            java.util.logging.Logger.getLogger(EmbeddedBrokers.class.getName()).fine(() ->
                    "vm://" + config.name() + " is already running with " + BROKERS.get(config.name()).config()
                            + "; the options of this connection (" + config + ") do not apply");
        }
        return b;
    }

    /** The running embedded broker of that name, or null. */
    public static synchronized Broker get(String name) {
        return BROKERS.get(name);
    }

    /** Stops the embedded broker of that name, if one runs; its connections are closed. */
    public static synchronized void stop(String name) {
        Broker b = BROKERS.remove(name);
        if (b != null) {
            InVmTransport.unregister(name, b);
            b.close();
        }
    }
}
