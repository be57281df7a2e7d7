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
 * @param memoryBudget bytes of messages the broker's queues may hold; beyond it, sends wait (producer flow control)
 * @param blockTimeoutMillis how long a send waits for room before it fails with ResourceAllocationException
 * @param authorizer   who may do what to which destination ({@link Authorizer#allowAll()}: anyone, anything)
 * @param populateUserId set JMSXUserID of every sent message to the sender's authenticated user name
 * @param xaTimeoutSeconds an XA branch not prepared this long after its start is rolled back, unless the
 *                       transaction manager set its own timeout; 0 = no broker default
 * @param xaPreparedWarnMillis a prepared XA branch waiting longer than this for commit or rollback is named
 *                       in a warning (and again at this interval)
 */
public record BrokerConfig(String name, Path dataDir, Map<String, String> users, boolean persistent, int segmentBytes,
                           boolean repair, long memoryBudget, long blockTimeoutMillis, Authorizer authorizer,
                           boolean populateUserId, int xaTimeoutSeconds, long xaPreparedWarnMillis) {

    public static final int DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;
    /** Default memory budget: half the heap this JVM may use. */
    public static final long DEFAULT_MEMORY_BUDGET = Runtime.getRuntime().maxMemory() / 2;
    public static final long DEFAULT_BLOCK_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_XA_PREPARED_WARN_MILLIS = 60_000;

    public BrokerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        users = Map.copyOf(users);
        Objects.requireNonNull(authorizer, "authorizer");
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
        private long memoryBudget = DEFAULT_MEMORY_BUDGET;
        private long blockTimeoutMillis = DEFAULT_BLOCK_TIMEOUT_MILLIS;
        private Authorizer authorizer = Authorizer.allowAll();
        private boolean populateUserId;
        private int xaTimeoutSeconds;
        private long xaPreparedWarnMillis = DEFAULT_XA_PREPARED_WARN_MILLIS;

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

        /** Bytes of queued messages beyond which producers wait; see {@link BrokerConfig#memoryBudget()}. */
        public Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        public Builder blockTimeoutMillis(long ms) {
            this.blockTimeoutMillis = ms;
            return this;
        }

        /** Check every send, consume, browse, durable subscription and temporary destination against these rules. */
        public Builder authorizer(Authorizer a) {
            this.authorizer = a;
            return this;
        }

        /** Set JMSXUserID of every sent message to the sender's user name (anything the client put there is replaced). */
        public Builder populateUserId(boolean on) {
            this.populateUserId = on;
            return this;
        }

        /** Roll back XA branches not prepared within this many seconds (0: only the transaction manager's timeout). */
        public Builder xaTimeoutSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("xaTimeoutSeconds must be >= 0, not " + seconds);
            }
            this.xaTimeoutSeconds = seconds;
            return this;
        }

        /** Warn about prepared XA branches older than this. */
        public Builder xaPreparedWarnMillis(long ms) {
            if (ms <= 0) {
                throw new IllegalArgumentException("xaPreparedWarnMillis must be > 0, not " + ms);
            }
            this.xaPreparedWarnMillis = ms;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(name, dataDir, users, persistent, segmentBytes, repair, memoryBudget, blockTimeoutMillis,
                    authorizer, populateUserId, xaTimeoutSeconds, xaPreparedWarnMillis);
        }
    }

    @Override
    public String toString() {
        return "BrokerConfig[name=" + name + ", dataDir=" + dataDir + ", users=" + users.keySet() // no passwords
                + ", persistent=" + persistent + (repair ? ", repair" : "") + ", memoryBudget=" + memoryBudget
                + ", blockTimeoutMillis=" + blockTimeoutMillis + ", " + authorizer
                + (populateUserId ? ", populateUserId" : "") + ", xaTimeoutSeconds=" + xaTimeoutSeconds
                + ", xaPreparedWarnMillis=" + xaPreparedWarnMillis + "]";
    }
}
