package org.tallymq.jndi;

import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyXAConnectionFactory;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyTopic;

/**
 * A JNDI context for standalone clients, configured the way users of other brokers know:
 *
 * <pre>
 * java.naming.factory.initial = org.tallymq.jndi.TallyInitialContextFactory
 * connectionFactory.ConnectionFactory = vm://default
 * xaConnectionFactory.XAConnectionFactory = vm://default   (an XAConnectionFactory, for JTA)
 * queue.orders = orders            (JNDI name = physical name)
 * topic.prices = market.prices
 * </pre>
 *
 * The entries come from the environment passed to {@code new InitialContext(env)}, which includes
 * a {@code jndi.properties} on the classpath. With no {@code connectionFactory.*} entry, the names
 * {@code ConnectionFactory}, {@code QueueConnectionFactory} and {@code TopicConnectionFactory} are
 * bound to {@code vm://default}. Names may also be looked up as {@code dynamicQueues/NAME} and
 * {@code dynamicTopics/NAME}.
 */
public class TallyInitialContextFactory implements InitialContextFactory {

    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    public static final String XA_CONNECTION_FACTORY_PREFIX = "xaConnectionFactory.";
    public static final String QUEUE_PREFIX = "queue.";
    public static final String TOPIC_PREFIX = "topic.";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Object> bindings = new TreeMap<>();
        boolean anyFactory = false;
        for (Map.Entry<?, ?> e : environment.entrySet()) {
            String key = String.valueOf(e.getKey());
            String value = String.valueOf(e.getValue()).trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                bindings.put(name(key, CONNECTION_FACTORY_PREFIX), new TallyConnectionFactory(value));
                anyFactory = true;
            } else if (key.startsWith(XA_CONNECTION_FACTORY_PREFIX)) {
                bindings.put(name(key, XA_CONNECTION_FACTORY_PREFIX), new TallyXAConnectionFactory(value));
                anyFactory = true;
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(name(key, QUEUE_PREFIX), new TallyQueue(value));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(name(key, TOPIC_PREFIX), new TallyTopic(value));
            }
        }
        if (!anyFactory) {
            for (String n : new String[] {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory"}) {
                bindings.put(n, new TallyConnectionFactory());
            }
        }
        return new ReadOnlyContext(bindings, environment);
    }

    private static String name(String key, String prefix) throws NamingException {
        String n = key.substring(prefix.length()).trim();
        if (n.isEmpty()) {
            throw new NamingException("JNDI entry '" + key + "' has no name after '" + prefix + "'");
        }
        return n;
    }
}
