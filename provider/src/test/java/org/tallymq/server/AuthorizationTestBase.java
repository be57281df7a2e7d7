package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * Authorization per destination and operation, and JMSXUserID, through the public JMS API against a
 * broker configured by a config file; run over vm:// and tcp:// by the subclasses. Spec 3.5.9
 * (JMSXUserID), and the JMSSecurityException / JMSSecurityRuntimeException of the javadoc.
 */
abstract class AuthorizationTestBase {

    static final String ALICE_PW = "alice-Secret-4711";
    static final String BOB_PW = "bob-Secret-0815";
    static final String ADMIN_PW = "admin-Secret-1234";
    static final String WRONG_PW = "Wrong-Guess-9999";

    /**
     * alice produces orders and may read single-word orders queues; bob audits (browses everything under
     * orders, subscribes durably to news); admin may do everything.
     */
    static final String CONFIG = String.join("\n",
            "# test config",
            "user.alice=" + ALICE_PW,
            "user.alice.roles=producer",
            "user.bob=" + BOB_PW,
            "user.bob.roles=auditor",
            "user.admin=" + ADMIN_PW,
            "user.admin.roles=all",
            "permission.producer=send:orders.#, consume:orders.*, createTemporary",
            "permission.auditor=browse:orders.#, consume:news.*, createDurable:news.*",
            "permission.all=send:#,consume:#,browse:#,createDurable:#,createTemporary",
            "populateUserId=true",
            "");

    /** Everything Tally logs while these tests run. */
    static Capture LOGS;

    static Path writeConfig() throws IOException {
        Path file = Files.createTempFile("tally-security", ".properties");
        Files.writeString(file, CONFIG);
        return file;
    }

    @BeforeAll
    static void captureLogs() {
        LOGS = new Capture();
        LOGS.attach();
    }

    @AfterAll
    static void releaseLogs() {
        LOGS.detach();
    }

    abstract TallyConnectionFactory factory();

    /** How the broker names a client of this transport in its logs. */
    abstract String remoteAddressPrefix();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    Connection connect(String user, String password) throws Exception {
        Connection c = factory().createConnection(user, password);
        open.add(c);
        c.start();
        return c;
    }

    Session session(String user, String password) throws Exception {
        return connect(user, password).createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Drains a queue as admin, returning the texts. */
    List<String> drain(String queue) throws Exception {
        Session s = session("admin", ADMIN_PW);
        List<String> out = new ArrayList<>();
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            for (Message m = c.receiveNoWait(); m != null; m = c.receiveNoWait()) {
                out.add(((TextMessage) m).getText());
            }
        }
        return out;
    }

    static void assertNamesUserOperationDestination(Exception e, String user, String op, String destination) {
        String m = e.getMessage();
        assertTrue(m.contains("'" + user + "'") && m.contains(op) && m.contains(destination),
                "the message names user, operation and destination: " + m);
        for (String pw : List.of(ALICE_PW, BOB_PW, ADMIN_PW)) {
            assertFalse(m.contains(pw), "no password in the message: " + m);
        }
    }

    @Test
    @DisplayName("send: allowed to a queue matching send:orders.#, denied elsewhere with JMSSecurityException; nothing arrives")
    void sendToQueue() throws Exception {
        Session s = session("alice", ALICE_PW);
        s.createProducer(s.createQueue("orders.eu.new")).send(s.createTextMessage("ok"));
        var producer = s.createProducer(s.createQueue("payments"));
        TextMessage denied = s.createTextMessage("denied");
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> producer.send(denied));
        assertNamesUserOperationDestination(e, "alice", "send", "payments");
        assertEquals(List.of("ok"), drain("orders.eu.new"));
        assertEquals(List.of(), drain("payments"), "the denied message was not enqueued");
    }

    @Test
    @DisplayName("send to a topic checks the topic's name; an anonymous producer is checked per message")
    void sendToTopic() throws Exception {
        Session s = session("alice", ALICE_PW);
        Topic allowed = s.createTopic("orders.events");
        Topic forbidden = s.createTopic("prices");
        var anonymous = s.createProducer(null);
        anonymous.send(allowed, s.createTextMessage("ok"));
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> anonymous.send(forbidden, s.createTextMessage("no")));
        assertNamesUserOperationDestination(e, "alice", "send", "prices");
        assertThrows(JMSSecurityException.class, () -> session("bob", BOB_PW).createProducer(allowed)
                .send(s.createTextMessage("bob may not send at all")));
    }

    @Test
    @DisplayName("consume: queue and topic consumers are checked; orders.* matches one word only")
    void consume() throws Exception {
        Session alice = session("alice", ALICE_PW);
        assertNotNull(alice.createConsumer(alice.createQueue("orders.eu")));
        assertNotNull(alice.createConsumer(alice.createTopic("orders.events")));
        JMSSecurityException twoWords = assertThrows(JMSSecurityException.class,
                () -> alice.createConsumer(alice.createQueue("orders.eu.paid")));
        assertNamesUserOperationDestination(twoWords, "alice", "consume", "orders.eu.paid");
        assertThrows(JMSSecurityException.class, () -> alice.createConsumer(alice.createQueue("orders")),
                "orders.* does not match 'orders' itself");
        Session bob = session("bob", BOB_PW);
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> bob.createConsumer(bob.createQueue("orders.eu")));
        assertNamesUserOperationDestination(e, "bob", "consume", "orders.eu");
        assertThrows(JMSSecurityException.class, () -> bob.createSharedConsumer(bob.createTopic("orders.events"), "s1"));
    }

    @Test
    @DisplayName("a denied consumer does not take messages: they stay for an authorized one")
    void deniedConsumerTakesNothing() throws Exception {
        Session admin = session("admin", ADMIN_PW);
        Queue q = admin.createQueue("orders.eu.held");
        admin.createProducer(q).send(admin.createTextMessage("kept"));
        Session bob = session("bob", BOB_PW);
        assertThrows(JMSSecurityException.class, () -> bob.createConsumer(bob.createQueue("orders.eu.held")));
        assertEquals(List.of("kept"), drain("orders.eu.held"));
    }

    @Test
    @DisplayName("durable subscription: needs createDurable as well as consume on the topic")
    void durableSubscription() throws Exception {
        Connection bobConnection = connect("bob", BOB_PW);
        Session bob = bobConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer sub = bob.createSharedDurableConsumer(bob.createTopic("news.sport"), "bob-news");
        assertNotNull(sub);
        sub.close();
        bob.unsubscribe("bob-news");
        Session alice = session("alice", ALICE_PW);
        Topic orders = alice.createTopic("orders.events");
        assertNotNull(alice.createConsumer(orders), "alice may consume from the topic");
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> alice.createSharedDurableConsumer(orders, "alice-orders"));
        assertNamesUserOperationDestination(e, "alice", "durable subscription", "orders.events");
        assertThrows(JMSSecurityException.class, () -> bob.createSharedDurableConsumer(bob.createTopic("weather"), "w"),
                "bob has createDurable only on news.*");
    }

    @Test
    @DisplayName("unsubscribe needs createDurable on the subscription's topic, as creating it does; a refused one stays")
    void unsubscribeNeedsCreateDurable() throws Exception {
        Session admin = session("admin", ADMIN_PW);
        admin.createSharedDurableConsumer(admin.createTopic("news.world"), "news-archive").close();
        admin.createSharedDurableConsumer(admin.createTopic("weather.today"), "weather-archive").close();
        Session alice = session("alice", ALICE_PW);
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> alice.unsubscribe("news-archive"));
        assertNamesUserOperationDestination(e, "alice", "delete the durable subscription 'news-archive'", "news.world");
        Session bob = session("bob", BOB_PW);
        assertThrows(JMSSecurityException.class, () -> bob.unsubscribe("weather-archive"), "bob has createDurable only on news.*");
        try (JMSContext ctx = factory().createContext("alice", ALICE_PW)) {
            assertThrows(JMSSecurityRuntimeException.class, () -> ctx.unsubscribe("news-archive"));
        }
        bob.unsubscribe("news-archive"); // bob may: createDurable:news.*
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> bob.unsubscribe("news-archive"), "it is gone");
        admin.unsubscribe("weather-archive"); // the refused attempts left it in place
    }

    @Test
    @DisplayName("browse: allowed by browse:orders.# (several words), denied without a browse permission")
    void browse() throws Exception {
        Session admin = session("admin", ADMIN_PW);
        Queue q = admin.createQueue("orders.eu.paid");
        admin.createProducer(q).send(admin.createTextMessage("b"));
        Session bob = session("bob", BOB_PW);
        var browser = bob.createBrowser(bob.createQueue("orders.eu.paid"));
        assertTrue(browser.getEnumeration().hasMoreElements(), "bob sees the message");
        Session alice = session("alice", ALICE_PW);
        JMSSecurityException e = assertThrows(JMSSecurityException.class,
                () -> alice.createBrowser(alice.createQueue("orders.eu.paid")).getEnumeration());
        assertNamesUserOperationDestination(e, "alice", "browse", "orders.eu.paid");
        assertThrows(JMSSecurityException.class, () -> bob.createBrowser(bob.createQueue("payments")).getEnumeration());
        assertEquals(List.of("b"), drain("orders.eu.paid"), "browsing took nothing");
    }

    @Test
    @DisplayName("createTemporary: allowed for alice (queue and topic), denied for bob")
    void createTemporary() throws Exception {
        Session alice = session("alice", ALICE_PW);
        var tq = alice.createTemporaryQueue();
        alice.createProducer(tq).send(alice.createTextMessage("to my temp"));
        assertEquals("to my temp", ((TextMessage) alice.createConsumer(tq).receive(10_000)).getText());
        assertNotNull(alice.createTemporaryTopic());
        Session bob = session("bob", BOB_PW);
        JMSSecurityException e = assertThrows(JMSSecurityException.class, bob::createTemporaryQueue);
        assertTrue(e.getMessage().contains("'bob'") && e.getMessage().contains("temporary queue"), e.getMessage());
        assertThrows(JMSSecurityException.class, bob::createTemporaryTopic);
    }

    @Test
    @DisplayName("simplified API: a denied send, consumer, browser and temporary queue throw JMSSecurityRuntimeException")
    void simplifiedApi() {
        try (JMSContext bob = factory().createContext("bob", BOB_PW)) {
            Queue payments = bob.createQueue("payments");
            assertThrows(JMSSecurityRuntimeException.class, () -> bob.createProducer().send(payments, "x"));
            assertThrows(JMSSecurityRuntimeException.class, () -> bob.createConsumer(payments));
            assertThrows(JMSSecurityRuntimeException.class, () -> bob.createBrowser(payments).getEnumeration());
            assertThrows(JMSSecurityRuntimeException.class, bob::createTemporaryQueue);
            assertNotNull(bob.createBrowser(bob.createQueue("orders.x")), "what is allowed still works");
        }
    }

    @Test
    @DisplayName("3.5.9 JMSXUserID is the authenticated sender, and a forwarded message cannot carry another user's")
    void userIdIsSetAndNotSpoofable() throws Exception {
        Session alice = session("alice", ALICE_PW);
        Queue q = alice.createQueue("orders.userid");
        alice.createProducer(q).send(alice.createTextMessage("from alice"));
        Session admin = session("admin", ADMIN_PW);
        MessageConsumer c = admin.createConsumer(admin.createQueue("orders.userid"));
        Message received = c.receive(10_000);
        assertNotNull(received);
        assertEquals("alice", received.getStringProperty("JMSXUserID"));
        // admin sends the very message it received (JMSXUserID=alice in its properties): the broker must say admin
        admin.createProducer(admin.createQueue("orders.userid")).send(received);
        Message forwarded = c.receive(10_000);
        assertNotNull(forwarded);
        assertEquals("admin", forwarded.getStringProperty("JMSXUserID"), "a sender cannot pass as another user");
        TextMessage own = alice.createTextMessage("set by hand");
        assertThrows(IllegalArgumentException.class, () -> own.setStringProperty("JMSXUserID", "admin"),
                "a client may not set JMSXUserID itself (spec 3.5.9: set by the provider)");
    }

    @Test
    @DisplayName("a denial is logged at WARNING with the remote address, user, operation and destination")
    void denialIsLogged() throws Exception {
        Session s = session("alice", ALICE_PW);
        var producer = s.createProducer(s.createQueue("audit.denied-log"));
        assertThrows(JMSSecurityException.class, () -> producer.send(s.createTextMessage("x")));
        List<String> warnings = LOGS.find(r -> r.getLevel() == Level.WARNING
                && r.getMessage().contains("audit.denied-log"));
        assertEquals(1, warnings.size(), "one WARNING for the denial: " + warnings);
        String w = warnings.get(0);
        assertTrue(w.contains("denied from " + remoteAddressPrefix()) && w.contains("'alice'") && w.contains("send"), w);
    }

    @Test
    @DisplayName("no password appears in any log line: bad logins, denials, broker start")
    void noPasswordInLogs() throws Exception {
        assertThrows(JMSSecurityException.class, () -> connect("alice", WRONG_PW));
        assertThrows(JMSSecurityException.class, () -> connect("mallory", ADMIN_PW));
        Session s = session("bob", BOB_PW);
        assertThrows(JMSSecurityException.class, () -> s.createConsumer(s.createQueue("secret.stuff")));
        List<String> all = LOGS.find(r -> true);
        assertTrue(all.stream().anyMatch(l -> l.contains("mallory")), "the failed login was logged: " + all);
        for (String line : all) {
            for (String pw : List.of(ALICE_PW, BOB_PW, ADMIN_PW, WRONG_PW)) {
                assertFalse(line.contains(pw), "a log line contains a password: " + line);
            }
        }
    }

    /** Collects every record under org.tallymq, formatted as a handler would print it (message, parameters, stack). */
    static final class Capture extends Handler {
        private final Logger logger = Logger.getLogger("org.tallymq");
        private final List<String> lines = new ArrayList<>();
        private final List<LogRecord> records = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private Level previous;

        void attach() {
            previous = logger.getLevel();
            logger.setLevel(Level.ALL);
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        void detach() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            records.add(r);
            StringWriter w = new StringWriter();
            w.write(formatter.format(r));
            if (r.getThrown() != null) {
                r.getThrown().printStackTrace(new PrintWriter(w));
            }
            lines.add(w.toString());
        }

        synchronized List<String> find(java.util.function.Predicate<LogRecord> p) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (p.test(records.get(i))) {
                    out.add(lines.get(i));
                }
            }
            return out;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

}
