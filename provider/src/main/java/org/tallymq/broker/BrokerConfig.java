package org.tallymq.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a broker is set up. Build with {@link #builder(String)}; immutable.
 *
 * @param name         the broker's name (an embedded broker is reached as {@code vm://name})
 * @param dataDir      where the broker keeps its store (the journal is {@code dataDir/journal})
 * @param users        user name to password; empty means every connection is accepted without checking
 * @param persistent   false: keep nothing on disk (PERSISTENT messages are then lost at exit)
 * @param segmentBytes size of each preallocated journal file
 * @param repair       start from a corrupt journal by cutting it at the first bad record (and say what was dropped)
 */
public record BrokerConfig(String name, Path dataDir, Map<String, String> users, boolean persistent, int segmentBytes,
                           boolean repair) {

    public static final int DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;

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
        private boolean persistent = true;
        private int segmentBytes = DEFAULT_SEGMENT_BYTES;
        private boolean repair;

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

        public Builder persistent(boolean on) {
            this.persistent = on;
            return this;
        }

        public Builder segmentBytes(int bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        public Builder repair(boolean on) {
            this.repair = on;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(name, dataDir, users, persistent, segmentBytes, repair);
        }
    }

    @Override
    public String toString() {
        return "BrokerConfig[name=" + name + ", dataDir=" + dataDir + ", users=" + users.keySet() // no passwords
                + ", persistent=" + persistent + (repair ? ", repair" : "") + "]";
    }
}
