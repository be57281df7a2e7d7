package org.tallymq.tck;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * How the suite reaches the provider under test: only through JNDI, from the properties file named
 * by the system property {@code tck.jndi} (default {@code tally-vm.properties} on the test
 * classpath). Nothing here names a provider class.
 */
public final class Tck {

    /** How long a test waits for a message that must arrive. */
    public static final long RECEIVE_TIMEOUT_MS = 5_000;
    /** How long a test waits to show that a message does not arrive. */
    public static final long NO_MESSAGE_MS = 300;

    private static Context context;

    private Tck() {
    }

    public static synchronized Context jndi() {
        if (context == null) {
            String file = System.getProperty("tck.jndi", "tally-vm.properties");
            Properties env = new Properties();
            try (InputStream in = Tck.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("JNDI properties " + file + " not found on the test classpath");
                }
                env.load(in);
                context = new InitialContext(env);
            } catch (IOException | NamingException e) {
                throw new IllegalStateException("cannot create the JNDI context from " + file, e);
            }
        }
        return context;
    }

    @SuppressWarnings("unchecked")
    public static <T> T lookup(String name) {
        try {
            return (T) jndi().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI lookup of " + name + " failed", e);
        }
    }

    public static ConnectionFactory connectionFactory() {
        return lookup("ConnectionFactory");
    }

    public static QueueConnectionFactory queueConnectionFactory() {
        return lookup("QueueConnectionFactory");
    }

    public static TopicConnectionFactory topicConnectionFactory() {
        return lookup("TopicConnectionFactory");
    }

    /** Connections from this factory carry the client ID {@code tck-admin-id}, set administratively. */
    public static ConnectionFactory clientIdConnectionFactory() {
        return lookup("ClientIdConnectionFactory");
    }

    public static Queue testQueue() {
        return lookup("TestQueue");
    }

    public static Topic testTopic() {
        return lookup("TestTopic");
    }

    /** A destination name no other test uses, for {@code Session.createQueue/createTopic}. */
    public static String uniqueName(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }
}
