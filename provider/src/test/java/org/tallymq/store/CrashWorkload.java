package org.tallymq.store;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The workload {@link BrokerCrashTest} kills a broker under, through the public JMS API only. Every
 * outcome the application could have observed is reported as one line, printed only after the call
 * that produced it returned (so a line is a promise the broker made):
 *
 * <pre>
 * SENT id          a PERSISTENT send() to queue crash.q returned
 * NP id            a NON_PERSISTENT message to crash.q is about to be sent (must never survive a restart)
 * RECV id          the CLIENT_ACKNOWLEDGE consumer of crash.q received it
 * ACKING id...     acknowledge() is about to be called for these (everything received since the last ack)
 * ACKED id...      acknowledge() returned for these
 * COMMITTING b     the transacted session is about to commit batch b (ids t{b}-0 .. t{b}-{BATCH-1} to crash.tx)
 * COMMITTED b      commit() of batch b returned
 * ROLLEDBACK b     batch b was sent and rolled back (must leave no trace)
 * SUBSCRIBED       the durable subscription crash-sub of client ID crash-client exists (it then has no consumer)
 * PUB id           a PERSISTENT publish to topic crash.t returned
 * NPPUB id         a NON_PERSISTENT message to crash.t is about to be published
 * READY            every connection is open and the subscription exists; the threads start now
 * ERR who: what    a thread stopped on an exception (expected when the broker dies under it)
 * </pre>
 *
 * Each thread has its own connection. Threads run until {@link #stop} or until their connection fails.
 */
final class CrashWorkload implements AutoCloseable {

    static final String QUEUE = "crash.q";
    static final String TX_QUEUE = "crash.tx";
    static final String TOPIC = "crash.t";
    static final String CLIENT_ID = "crash-client";
    static final String SUBSCRIPTION = "crash-sub";
    static final int BATCH = 5;
    static final int PRODUCERS = 2;
    static final int ACK_EVERY = 7;

    private final ConnectionFactory cf;
    private final Consumer<String> out;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    CrashWorkload(ConnectionFactory cf, Consumer<String> out) {
        this.cf = cf;
        this.out = out;
    }

    /** Opens the connections, makes the durable subscription, prints READY and starts the threads. */
    void start() throws JMSException {
        for (int k = 0; k < PRODUCERS; k++) {
            Connection c = open(null);
            int n = k;
            threads.add(thread("producer-" + k, () -> produce(c, n)));
        }
        Connection consumer = open(null);
        threads.add(thread("consumer", () -> consume(consumer)));
        Connection tx = open(null);
        threads.add(thread("transacted", () -> transact(tx)));
        Connection durable = open(CLIENT_ID);
        Session s = durable.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createDurableSubscriber(s.createTopic(TOPIC), SUBSCRIPTION).close();
        s.close();
        out.accept("SUBSCRIBED");
        threads.add(thread("publisher", () -> publish(durable)));
        out.accept("READY");
        for (Thread t : threads) {
            t.start();
        }
    }

    private Connection open(String clientId) throws JMSException {
        Connection c = cf.createConnection();
        connections.add(c);
        if (clientId != null) {
            c.setClientID(clientId);
        }
        return c;
    }

    private interface Body {
        void run() throws JMSException;
    }

    private Thread thread(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (JMSException | RuntimeException e) {
                if (!stopped) {
                    out.accept("ERR " + name + ": " + e);
                }
            }
        }, "crash-" + name);
        t.setDaemon(true);
        return t;
    }

    private static TextMessage message(Session s, String id) throws JMSException {
        TextMessage m = s.createTextMessage("body of " + id + " ".repeat(100));
        m.setStringProperty("id", id);
        return m;
    }

    private void produce(Connection c, int k) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(QUEUE));
        for (int i = 0; !stopped; i++) {
            String id = "q" + k + "-" + i;
            p.send(message(s, id), DeliveryMode.PERSISTENT, 4, 0);
            out.accept("SENT " + id);
            if (i % 10 == 0) {
                String np = "np" + k + "-" + i;
                out.accept("NP " + np);
                p.send(message(s, np), DeliveryMode.NON_PERSISTENT, 4, 0);
            }
        }
    }

    private void consume(Connection c) throws JMSException {
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
        c.start();
        List<String> since = new ArrayList<>();
        while (!stopped) {
            Message m = consumer.receive(100);
            if (m == null) {
                continue;
            }
            String id = m.getStringProperty("id");
            out.accept("RECV " + id);
            since.add(id);
            if (since.size() == ACK_EVERY) {
                String ids = String.join(" ", since);
                out.accept("ACKING " + ids);
                m.acknowledge();
                out.accept("ACKED " + ids);
                since.clear();
            }
        }
    }

    private void transact(Connection c) throws JMSException {
        Session s = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer p = s.createProducer(s.createQueue(TX_QUEUE));
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int b = 0; !stopped; b++) {
            for (int j = 0; j < BATCH; j++) {
                p.send(message(s, "t" + b + "-" + j));
            }
            if (b % 4 == 3) {
                s.rollback();
                out.accept("ROLLEDBACK " + b);
            } else {
                out.accept("COMMITTING " + b);
                s.commit();
                out.accept("COMMITTED " + b);
            }
        }
    }

    private void publish(Connection c) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic t = s.createTopic(TOPIC);
        MessageProducer p = s.createProducer(t);
        for (int i = 0; !stopped; i++) {
            String id = "d" + i;
            p.send(message(s, id), DeliveryMode.PERSISTENT, 4, 0);
            out.accept("PUB " + id);
            if (i % 10 == 0) {
                String np = "dnp" + i;
                out.accept("NPPUB " + np);
                p.send(message(s, np), DeliveryMode.NON_PERSISTENT, 4, 0);
            }
        }
    }

    /** Stops the threads (waiting up to 10 s for them) and closes the connections, ignoring failures. */
    void stop() throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (Connection c : connections) {
            try {
                c.close();
            } catch (JMSException | RuntimeException e) {
                // the broker may be gone; nothing to close then
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
