package org.tallymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyTopic;

/**
 * One message-driven bean's delivery from Tally: a connection, {@code maxSession} sessions (one for a topic
 * subscription that is not shared), each with a consumer whose listener hands every message to a
 * {@link MessageEndpoint} of the bean.
 *
 * <ul>
 *   <li><b>Transacted endpoints</b> (container-managed, REQUIRED): each session is an XA session; a delivery runs
 *       between {@code beforeDelivery} and {@code afterDelivery}, with the session's XAResource enlisted in the
 *       server's transaction, so the receive commits or rolls back with the bean's work. A bean that throws rolls
 *       the transaction back and the broker delivers the message again.</li>
 *   <li><b>Non-transacted endpoints</b>: an AUTO_ACKNOWLEDGE (or DUPS_OK) session; a bean that throws makes the
 *       session redeliver the message (Jakarta Messaging 3.1 section 8.7).</li>
 *   <li><b>Unavailable</b>: while the broker cannot be reached, the destination cannot be looked up, or the server
 *       answers {@link UnavailableException} (the endpoint is not ready yet), everything is closed and tried again
 *       every {@code retryInterval} milliseconds until it works or the endpoint is deactivated; a connection that
 *       fails later is reconnected the same way.</li>
 * </ul>
 *
 * <p>Threading: connecting runs on a Work of the server's WorkManager; deliveries run on the Tally session's
 * delivery thread (one at a time per session); {@link #stop()} may come from any thread and waits for deliveries in
 * progress to finish.
 */
final class EndpointActivation {

    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Logger LOG = Logger.getLogger(EndpointActivation.class.getName());

    private final TallyResourceAdapter ra;
    private final MessageEndpointFactory factory;
    private final TallyActivationSpec spec;
    private final Object lock = new Object();
    private boolean stopped; // guarded by lock
    private Connection connection; // guarded by lock
    private final List<MessageEndpoint> endpoints = new ArrayList<>(); // guarded by lock
    private WorkManager workManager;

    EndpointActivation(TallyResourceAdapter ra, MessageEndpointFactory factory, TallyActivationSpec spec) {
        this.ra = ra;
        this.factory = factory;
        this.spec = spec;
    }

    /** Starts connecting in the background. */
    void start(WorkManager wm) {
        this.workManager = wm;
        schedule();
    }

    private void schedule() {
        Work work = new Work() {
            @Override
            public void run() {
                connectUntilDone();
            }

            /**
             * Only a hint (Connectors 2.1 section 11.4); IronJacamar also calls it when run() has returned, so it
             * must not stop the delivery that run() started. The retry loop ends when the endpoint is deactivated.
             */
            @Override
            public void release() {
            }
        };
        if (workManager != null) {
            try {
                workManager.scheduleWork(work);
                return;
            } catch (WorkException e) {
                LOG.log(Level.WARNING, "the server's WorkManager refused to connect " + this + "; using a thread", e);
            }
        }
        Thread t = new Thread(work, "tally-ra-connect");
        t.setDaemon(true);
        t.start();
    }

    private void connectUntilDone() {
        int attempt = 0;
        while (true) {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
            }
            attempt++;
            try {
                if (!connect()) {
                    return; // stopped meanwhile
                }
                LOG.info("Tally delivers to " + factory.getActivationName() + " from " + spec
                        + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
                return;
            } catch (UnavailableException e) {
                log(attempt, "the server says the endpoint is not available yet (" + e.getMessage() + ")");
            } catch (JMSException | NamingException | ResourceException | RuntimeException e) {
                log(attempt, e.toString());
            }
            closeConnection();
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                try {
                    lock.wait(spec.getRetryInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void log(int attempt, String why) {
        // first failure and then every tenth, so a long outage does not flood the log
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warning("Tally cannot deliver to " + factory.getActivationName() + " yet (attempt " + attempt + "): "
                    + why + "; retrying every " + spec.getRetryInterval() + " ms until it works or the bean is "
                    + "undeployed");
        }
    }

    /** Connects and starts delivery; false if the activation was stopped meanwhile (nothing is left open). */
    private boolean connect() throws JMSException, NamingException, ResourceException {
        Destination destination = destination();
        boolean transacted;
        try {
            transacted = factory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new ResourceException("the endpoint " + factory.getActivationName() + " has no onMessage(Message): "
                    + "is it a jakarta.jms.MessageListener?", e);
        }
        ConnectionFactory cf = connectionFactory();
        Connection c = Transactions.openConnection(cf, transacted, ra.userFor(spec), ra.passwordFor(spec));
        synchronized (lock) {
            if (stopped) {
                c.close();
                return false;
            }
            connection = c;
        }
        if (spec.getClientId() != null && !spec.getClientId().isBlank()) {
            c.setClientID(spec.getClientId());
        }
        c.setExceptionListener(this::connectionFailed);
        boolean topic = destination instanceof Topic;
        boolean sharedDurable = topic && spec.isDurable() && (spec.getClientId() == null || spec.getClientId().isBlank());
        int sessions = topic && !sharedDurable ? 1 : spec.getMaxSession();
        for (int i = 0; i < sessions; i++) {
            Transactions.DeliverySession ds = Transactions.openSession(c, transacted, spec.isDupsOk());
            MessageConsumer consumer = consumer(ds.session(), destination, sharedDurable);
            MessageEndpoint endpoint = factory.createEndpoint(ds.xaResource());
            synchronized (lock) {
                if (stopped) {
                    endpoint.release();
                    return false;
                }
                endpoints.add(endpoint);
            }
            consumer.setMessageListener(new Delivery(endpoint, transacted, ds.xaResource() != null));
        }
        c.start();
        return true;
    }

    private MessageConsumer consumer(Session s, Destination d, boolean sharedDurable) throws JMSException {
        String selector = spec.getMessageSelector() == null || spec.getMessageSelector().isBlank()
                ? null : spec.getMessageSelector();
        if (d instanceof Topic t && spec.isDurable()) {
            return sharedDurable ? s.createSharedDurableConsumer(t, spec.getSubscriptionName(), selector)
                    : s.createDurableConsumer(t, spec.getSubscriptionName(), selector, false);
        }
        return s.createConsumer(d, selector);
    }

    /** destinationLookup (JNDI) first, else destination + destinationType. */
    private Destination destination() throws NamingException, JMSException {
        if (spec.getDestinationLookup() != null && !spec.getDestinationLookup().isBlank()) {
            Object o = new InitialContext().lookup(spec.getDestinationLookup());
            if (!(o instanceof Destination d)) {
                throw new JMSException("destinationLookup " + spec.getDestinationLookup() + " names "
                        + (o == null ? "nothing" : "a " + o.getClass().getName()) + ", not a queue or topic");
            }
            return d instanceof Queue q && !(d instanceof TallyQueue) ? new TallyQueue(q.getQueueName())
                    : d instanceof Topic t && !(d instanceof TallyTopic) ? new TallyTopic(t.getTopicName()) : d;
        }
        return TallyActivationSpec.TOPIC.equals(spec.getDestinationType()) ? new TallyTopic(spec.getDestination())
                : new TallyQueue(spec.getDestination());
    }

    /** connectionFactoryLookup (a Tally factory of this adapter) first, else the URL of the spec or the adapter. */
    private ConnectionFactory connectionFactory() throws NamingException, JMSException {
        String lookup = spec.getConnectionFactoryLookup();
        if (lookup != null && !lookup.isBlank()) {
            Object o = new InitialContext().lookup(lookup);
            if (o instanceof PooledConnectionFactory p) {
                return Transactions.factory(p.managedConnectionFactory().effectiveConnectionURL());
            }
            throw new JMSException("connectionFactoryLookup " + lookup + " names "
                    + (o == null ? "nothing" : "a " + o.getClass().getName())
                    + ", not a connection factory of the Tally resource adapter");
        }
        return Transactions.factory(ra.urlFor(spec));
    }

    private void connectionFailed(JMSException e) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
        }
        LOG.warning("the Tally connection of " + factory.getActivationName() + " failed (" + e.getMessage()
                + "); reconnecting");
        closeConnection();
        schedule();
    }

    private void closeConnection() {
        Connection c;
        List<MessageEndpoint> eps;
        synchronized (lock) {
            c = connection;
            connection = null;
            eps = new ArrayList<>(endpoints);
            endpoints.clear();
        }
        if (c != null) {
            try {
                c.close(); // waits for deliveries in progress
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the Tally connection of " + factory.getActivationName(), e);
            }
        }
        for (MessageEndpoint ep : eps) {
            ep.release();
        }
    }

    /** Stops delivery: closes the connection (waiting for deliveries in progress) and releases the endpoints. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        closeConnection();
    }

    @Override
    public String toString() {
        return "delivery to " + factory.getActivationName() + " from " + spec;
    }

    /** The listener of one session: one message at a time into one endpoint. */
    private static final class Delivery implements MessageListener {
        private final MessageEndpoint endpoint;
        private final boolean transacted;
        private final boolean xa;

        Delivery(MessageEndpoint endpoint, boolean transacted, boolean xa) {
            this.endpoint = endpoint;
            this.transacted = transacted;
            this.xa = xa;
        }

        @Override
        public void onMessage(Message message) {
            if (!transacted) {
                // a RuntimeException goes back to the session, which redelivers the message (section 8.7)
                ((MessageListener) endpoint).onMessage(message);
                return;
            }
            try {
                endpoint.beforeDelivery(ON_MESSAGE);
            } catch (NoSuchMethodException | ResourceException e) {
                throw new IllegalStateException("the server could not start the transaction of a delivery: " + e, e);
            }
            RuntimeException failure = null;
            try {
                ((MessageListener) endpoint).onMessage(message);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                try {
                    endpoint.afterDelivery();
                } catch (ResourceException e) {
                    LOG.log(Level.WARNING, "the server could not complete the transaction of a delivery", e);
                    if (failure == null) {
                        failure = new IllegalStateException("afterDelivery failed: " + e, e);
                    }
                }
            }
            if (failure != null) {
                if (xa) {
                    // the server rolled the transaction back, and with it this receive: the broker redelivers
                    LOG.log(Level.FINE, "the message-driven bean threw; its transaction rolled back", failure);
                } else {
                    throw failure; // the session redelivers
                }
            }
        }
    }
}
