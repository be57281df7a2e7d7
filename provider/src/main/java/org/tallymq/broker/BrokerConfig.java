package org.tallymq.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a broker is set up. Build with {@link #builder(String)}; immutable.
 *
 * @param name    the broker's name (an embedded broker is reached as {@code vm://name})
 * @param dataDir where the broker keeps its store
 * @param users   user name to password; empty means every connection is accepted without checking
 */
public record BrokerConfig(String name, Path dataDir, Map<String, String> users) {

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        users = Map.copyOf(users);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean authenticationRequired() {
        return !users.isEmpty();
    }

    public static final class Builder {
        private final String name;
        private Path dataDir = Path.of("tally-data");
        private Map<String, String> users = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Accept only these users (name to password). */
        public Builder users(Map<String, String> users) {
            this.users = users;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(name, dataDir, users);
        }
    }

    @Override
    public String toString() {
        return "BrokerConfig[name=" + name + ", dataDir=" + dataDir + ", users=" + users.keySet() + "]"; // no passwords
    }
}
