package org.tallymq.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.client.ConnectionOptions;
import org.tallymq.client.TallyConnection;
import org.tallymq.client.TallyJMSContext;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Peer;
import org.tallymq.server.EmbeddedBrokers;
import org.tallymq.server.SecurityConfigFile;
import org.tallymq.transport.InVmTransport;
import org.tallymq.transport.tcp.TcpConnector;
import org.tallymq.transport.tcp.TcpOptions;
import org.tallymq.transport.tcp.TlsContext;
import org.tallymq.transport.tcp.TlsOptions;

/**
 * The entry point: a connection factory for all three domains.
 *
 * <pre>{@code
 * ConnectionFactory cf = new TallyConnectionFactory();                  // embedded broker "default", ./tally-data
 * ConnectionFactory cf = new TallyConnectionFactory("vm://orders?dataDir=/var/lib/tally");
 * ConnectionFactory cf = new TallyConnectionFactory("tcp://mq.example.com:61716?ssl=true&trustStore=/etc/tally/trust.p12"
 *         + "&trustStorePassword=changeit");
 * }</pre>
 *
 * The URL forms and options are listed in {@link ConnectionOptions}. An embedded ({@code vm://})
 * broker starts on the first connection made to it and keeps running for the life of the JVM.
 *
 * <p>Serializable (it holds only its URL) and thread-safe.
 */
public class TallyConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private transient volatile ConnectionOptions options;
    private transient volatile TcpOptions tcp;

    /** The embedded broker {@code default}, data in {@code ./tally-data}. */
    public TallyConnectionFactory() {
        this.url = ConnectionOptions.DEFAULT_URL;
    }

    /**
     * @param url {@code vm://NAME[?options]} or {@code tcp://HOST:PORT[?options]}; a malformed URL is
     *            reported (as a JMSException) when the first connection is made
     */
    public TallyConnectionFactory(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    ConnectionOptions options() throws JMSException {
        ConnectionOptions o = options;
        if (o == null) {
            o = ConnectionOptions.parse(url);
            options = o;
        }
        return o;
    }

    // ---- classic API ---------------------------------------------------------------------------

    @Override
    public Connection createConnection() throws JMSException {
        ConnectionOptions o = options();
        return open(o, o.option("user"), o.option("password"));
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return open(options(), userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return ((TallyConnection) createConnection()).restrictTo(TallyConnection.Domain.QUEUE);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return ((TallyConnection) createConnection(userName, password)).restrictTo(TallyConnection.Domain.QUEUE);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return ((TallyConnection) createConnection()).restrictTo(TallyConnection.Domain.TOPIC);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return ((TallyConnection) createConnection(userName, password)).restrictTo(TallyConnection.Domain.TOPIC);
    }

    private TallyConnection open(ConnectionOptions o, String user, String password) throws JMSException {
        return TallyConnection.open(o, connector(o), user, password);
    }

    /** The TCP settings of this factory's URL, built once (key stores are read once, at the first connection). */
    private TcpOptions tcpOptions(ConnectionOptions o) throws JMSException {
        TcpOptions t = tcp;
        if (t == null) {
            t = TcpOptions.defaults().withHeartbeat(java.time.Duration.ofMillis(o.heartbeatMillis()));
            if (o.ssl()) {
                TlsOptions tls = TlsOptions.client(store(o, "trustStore"), store(o, "keyStore"),
                        o.bool("verifyHostname", true));
                try {
                    t = t.withTls(TlsContext.forClient(tls));
                } catch (IOException e) {
                    JMSException je = new JMSException("cannot set up TLS for " + o + ": " + e.getMessage(), "TALLY-TLS");
                    je.setLinkedException(e);
                    je.initCause(e);
                    throw je;
                }
            }
            tcp = t;
        }
        return t;
    }

    private static TlsOptions.StoreFile store(ConnectionOptions o, String prefix) {
        String path = o.option(prefix);
        if (path == null) {
            return null;
        }
        String pw = o.option(prefix + "Password");
        return new TlsOptions.StoreFile(Path.of(path), pw == null ? null : pw.toCharArray(), o.option(prefix + "Type"));
    }

    Function<Endpoint, Peer> connector(ConnectionOptions o) throws JMSException {
        if (o.scheme().equals("vm")) {
            String dataDir = o.option("dataDir");
            BrokerConfig.Builder builder = BrokerConfig.builder(o.name())
                    .dataDir(Path.of(dataDir == null ? "tally-data" : dataDir))
                    .persistent(!"false".equals(o.option("persistent")))
                    .memoryBudget(o.longOption("memoryBudget", BrokerConfig.DEFAULT_MEMORY_BUDGET, 1))
                    .blockTimeoutMillis(o.longOption("blockTimeout", BrokerConfig.DEFAULT_BLOCK_TIMEOUT_MILLIS, 0))
                    .xaTimeoutSeconds((int) o.longOption("xaTimeout", 0, 0))
                    .xaPreparedWarnMillis(o.longOption("xaPreparedWarn", BrokerConfig.DEFAULT_XA_PREPARED_WARN_MILLIS, 1));
            java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
            if (o.option("config") != null) {
                try {
                    users.putAll(SecurityConfigFile.apply(Path.of(o.option("config")), builder).build().users());
                } catch (IOException e) {
                    throw Jms.wrap("the embedded broker vm://" + o.name() + " cannot use the config= file", e);
                }
            }
            users.putAll(o.brokerUsers());
            BrokerConfig config = builder.users(users).build();
            try {
                EmbeddedBrokers.getOrStart(config);
            } catch (IOException e) {
                throw Jms.wrap("the embedded broker vm://" + o.name() + " could not start", e);
            }
            return client -> InVmTransport.connect(o.name(), client);
        }
        String hostPort = o.name();
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        TcpOptions tcp = tcpOptions(o);
        return client -> {
            try {
                return TcpConnector.connect(host, port, client, tcp);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        };
    }

    // ---- simplified API ---------------------------------------------------------------------------

    /** Small helpers for exceptions at this edge. */
    private static final class Jms {
        static JMSException wrap(String what, Exception cause) {
            JMSException e = new JMSException(what + ": " + cause.getMessage(), "TALLY-BROKER-START");
            e.setLinkedException(cause);
            e.initCause(cause);
            return e;
        }
    }

    /** A context in AUTO_ACKNOWLEDGE mode with the URL's credentials, if any. */
    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** A context in AUTO_ACKNOWLEDGE mode with these credentials. */
    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * @throws jakarta.jms.JMSRuntimeException         for an invalid session mode or when no
     *                                                 connection can be made
     * @throws jakarta.jms.JMSSecurityRuntimeException if the broker refuses the credentials
     */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return TallyJMSContext.open(() -> open(options(), userName, password), sessionMode);
    }

    /** A context with the URL's credentials, if any; see {@link #createContext(String, String, int)}. */
    @Override
    public JMSContext createContext(int sessionMode) {
        return TallyJMSContext.open(() -> {
            ConnectionOptions o = options();
            return open(o, o.option("user"), o.option("password"));
        }, sessionMode);
    }

    @Override
    public String toString() {
        return "TallyConnectionFactory[" + ConnectionOptions.maskSecrets(url) + "]";
    }
}
