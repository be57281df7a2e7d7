package org.tallymq.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.tallymq.broker.Broker;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.transport.tcp.TcpAcceptor;
import org.tallymq.transport.tcp.TcpOptions;
import org.tallymq.transport.tcp.TlsContext;
import org.tallymq.transport.tcp.TlsOptions;

/**
 * The standalone broker process: {@code tally server [--data-dir DIR] [--bind HOST:PORT] [--name NAME]
 * [--users user:password,...] [--config FILE] [--memory-budget BYTES] [--block-timeout MILLIS] [--tls-* ...]}
 * (TLS options: {@link TlsConfig}). Defaults: {@code ./tally-data}, {@code 127.0.0.1:61716}, name {@code tally}.
 *
 * <p>Its broker holds a lock on {@code DIR/tally.lock} for its whole life (as every persistent broker,
 * embedded ones too), so two brokers never share a data directory; it logs one line when it is ready; on SIGTERM (or Ctrl-C) it stops accepting, closes
 * every connection and the store, and exits.
 */
public final class TallyServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TallyServer.class.getName());

    private final Broker broker;
    private final TcpAcceptor acceptor;

    private TallyServer(Broker broker, TcpAcceptor acceptor) {
        this.broker = broker;
        this.acceptor = acceptor;
    }

    /**
     * Starts a broker listening on {@code bind}.
     *
     * @throws IOException when the data directory is locked by another broker or the address cannot be bound
     */
    public static TallyServer start(BrokerConfig config, InetSocketAddress bind, TcpOptions options) throws IOException {
        Path dir = config.dataDir().toAbsolutePath();
        Broker broker = Broker.start(config);
        TcpAcceptor acceptor;
        try {
            acceptor = TcpAcceptor.bind(bind, broker, options);
        } catch (IOException e) {
            broker.close();
            throw e;
        }
        InetSocketAddress a = acceptor.address();
        String tls = options.tls() == null ? "" : " with TLS (client certificates: "
                + options.tls().options().clientAuth().word() + ")";
        LOG.info("Tally broker '" + config.name() + "' ready on " + a.getHostString() + ":" + a.getPort() + tls + ", data directory "
                + dir + ", durability: " + (config.persistent() ? "every PERSISTENT send and acknowledgement forced to the "
                + broker.storeDescription() : broker.storeDescription()));
        return new TallyServer(broker, acceptor);
    }

    public InetSocketAddress address() {
        return acceptor.address();
    }

    public Broker broker() {
        return broker;
    }

    /** Stops accepting, tells every client the broker is going away, closes the connections and the store, unlocks. */
    @Override
    public void close() {
        acceptor.stopAccepting();
        broker.close(); // pushes CONNECTION_CLOSED_BY_BROKER to every connection, then drains its loop
        acceptor.close();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("xa")) {
            System.exit(XaTool.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (args.length > 0 && args[0].equals("journal")) {
            System.exit(journalTool(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Map<String, String> opts = parse(args);
        if (opts == null) {
            System.err.println("usage: tally server [--data-dir DIR] [--bind HOST:PORT] [--name NAME] [--users user:password,...]"
                    + " [--config FILE] [--memory-budget BYTES] [--block-timeout MILLIS] [--xa-timeout SECONDS]"
                    + " [--xa-prepared-warn MILLIS] " + TlsConfig.usage());
            System.exit(64);
            return;
        }
        String bind = opts.getOrDefault("--bind", "127.0.0.1:" + TcpOptions.DEFAULT_PORT);
        int colon = bind.lastIndexOf(':');
        if (colon <= 0) {
            System.err.println("tally server: --bind expects HOST:PORT, got '" + bind + "'");
            System.exit(64);
        }
        Map<String, String> users = new LinkedHashMap<>();
        String u = opts.get("--users");
        if (u != null && !u.isEmpty()) {
            for (String pair : u.split(",")) {
                int c = pair.indexOf(':');
                if (c <= 0) {
                    System.err.println("tally server: --users expects user:password pairs separated by commas");
                    System.exit(64);
                }
                users.put(pair.substring(0, c), pair.substring(c + 1));
            }
        }
        BrokerConfig.Builder builder = BrokerConfig.builder(opts.getOrDefault("--name", "tally"))
                .dataDir(Path.of(opts.getOrDefault("--data-dir", "tally-data")));
        try {
            if (opts.containsKey("--memory-budget")) {
                builder.memoryBudget(Long.parseLong(opts.get("--memory-budget")));
            }
            if (opts.containsKey("--block-timeout")) {
                builder.blockTimeoutMillis(Long.parseLong(opts.get("--block-timeout")));
            }
            if (opts.containsKey("--xa-timeout")) {
                builder.xaTimeoutSeconds(Integer.parseInt(opts.get("--xa-timeout")));
            }
            if (opts.containsKey("--xa-prepared-warn")) {
                builder.xaPreparedWarnMillis(Long.parseLong(opts.get("--xa-prepared-warn")));
            }
        } catch (IllegalArgumentException e) { // NumberFormatException too
            System.err.println("tally server: --memory-budget (bytes), --block-timeout (milliseconds), --xa-timeout (seconds)"
                    + " and --xa-prepared-warn (milliseconds) take whole numbers of at least 0 (1 for --xa-prepared-warn)");
            System.exit(64);
        }
        if (opts.containsKey("--config")) {
            try {
                SecurityConfigFile.apply(Path.of(opts.get("--config")), builder);
            } catch (IOException e) {
                System.err.println("tally server: " + (e instanceof SecurityConfigFile.Invalid ? e.getMessage()
                        : "cannot read config file " + opts.get("--config") + ": " + e));
                System.exit(78); // EX_CONFIG
                return;
            }
            Map<String, String> fromFile = new LinkedHashMap<>(builder.build().users());
            fromFile.putAll(users); // --users adds users (with no roles) to those of the file
            users = fromFile;
        }
        BrokerConfig config = builder.users(users).build();
        TcpOptions tcp = TcpOptions.defaults();
        try {
            TlsOptions tls = TlsConfig.read(opts.containsKey("--config") ? Path.of(opts.get("--config")) : null, opts);
            if (tls != null) {
                tcp = tcp.withTls(TlsContext.forBroker(tls));
            }
        } catch (IOException e) {
            System.err.println("tally server: " + (e instanceof SecurityConfigFile.Invalid ? "" : "TLS: ") + e.getMessage());
            System.exit(78); // EX_CONFIG
            return;
        }
        TallyServer server;
        try {
            server = start(config, new InetSocketAddress(bind.substring(0, colon), Integer.parseInt(bind.substring(colon + 1))),
                    tcp);
        } catch (IOException e) {
            System.err.println("tally server: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Written to stderr directly, not logged: java.util.logging resets its handlers in a shutdown
        // hook of its own that runs at the same time as this one, and would swallow these lines.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println(Instant.now() + " Tally broker '" + config.name() + "' stopping (signal received)");
            server.close();
            System.err.println(Instant.now() + " Tally broker '" + config.name() + "' stopped: connections closed,"
                    + " data directory " + config.dataDir().toAbsolutePath() + " unlocked");
            stopped.countDown();
        }, "tally-shutdown"));
        stopped.await();
    }

    /** {@code journal print|verify DIR}: DIR is a data directory (its journal/ is read) or a journal directory. */
    static int journalTool(String[] args) {
        if (args.length == 2) {
            Path dir = Path.of(args[1]);
            if (Files.isDirectory(dir.resolve("journal"))) {
                args = new String[] {args[0], dir.resolve("journal").toString()};
            }
        }
        return org.tallymq.store.journal.JournalTool.run(args, System.out, System.err);
    }

    private static final java.util.Set<String> KNOWN_OPTIONS = java.util.Set.of("--data-dir", "--bind", "--name", "--users",
            "--config", "--memory-budget", "--block-timeout", "--xa-timeout", "--xa-prepared-warn");

    /** The options, or null when one is unknown or has no value. */
    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        if (args.length > 0 && args[0].equals("server")) {
            i = 1;
        }
        for (; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length || !(KNOWN_OPTIONS.contains(a) || TlsConfig.isOption(a))) {
                return null;
            }
            m.put(a, args[++i]);
        }
        return m;
    }
}
