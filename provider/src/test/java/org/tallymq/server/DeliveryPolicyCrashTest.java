package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyProperties;

/**
 * Delivery policies survive kill -9 of the broker: a {@code tally server} child JVM (configured with
 * {@code --config}) is driven over TCP, SIGKILLed, and a new broker on the same data directory must still
 * know each message's delivery count, a pending redelivery delay and the duplicate ids. The child is
 * started the way {@code store.BrokerCrashTest} starts its TCP server.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeliveryPolicyCrashTest {

    private static final Pattern READY = Pattern.compile("ready on ([^:\\s]+):(\\d+)");

    @TempDir
    Path dir;

    private Process child;
    private final List<Connection> open = new ArrayList<>();
    private String embedded;

    @AfterEach
    void cleanUp() throws Exception {
        for (Connection c : open) {
            c.close();
        }
        if (child != null) {
            child.toHandle().destroyForcibly();
        }
        if (embedded != null) {
            EmbeddedBrokers.stop(embedded);
        }
    }

    @Test
    @DisplayName("kill -9 of tally server: delivery counts (toward maxDeliveryAttempts), a pending redelivery delay and"
            + " the duplicate cache (non-transacted and transacted ids) are all there after the restart")
    void policiesSurviveSigkill() throws Exception {
        Path config = DeliveryPolicyTestBase.writeConfig();
        Path data = dir.resolve("data");
        TallyConnectionFactory tcp = new TallyConnectionFactory("tcp://127.0.0.1:" + startServer(data, config));

        Connection c = tcp.createConnection();
        open.add(c);
        c.start();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        // two attempts of a message allowed three
        s.createProducer(s.createQueue("dlq.crash")).send(s.createTextMessage("poison"));
        MessageConsumer poison = tx.createConsumer(tx.createQueue("dlq.crash"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertNotNull(poison.receive(10_000));
            tx.rollback();
        }
        poison.close();
        // a redelivery delay of ten minutes, started
        s.createProducer(s.createQueue("delay.long.crash")).send(s.createTextMessage("later"));
        MessageConsumer later = tx.createConsumer(tx.createQueue("delay.long.crash"));
        assertNotNull(later.receive(10_000));
        tx.rollback();
        later.close();
        // duplicate ids: one consumed already, one still queued, one sent in a committed transaction
        MessageProducer dup = s.createProducer(s.createQueue("dup.crash"));
        dup.send(withId(s, "k1", "k1"));
        try (MessageConsumer drain = s.createConsumer(s.createQueue("dup.crash"))) {
            assertEquals("k1", ((TextMessage) drain.receive(10_000)).getText());
        }
        dup.send(withId(s, "k2", "k2"));
        tx.createProducer(tx.createQueue("dup.crash")).send(withId(tx, "t1", "t1"));
        tx.commit();
        // delivery-count updates are not forced on their own; any later forced write makes them durable
        s.createProducer(s.createQueue("barrier")).send(s.createTextMessage("forces what came before"));

        child.toHandle().destroyForcibly(); // SIGKILL
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the server JVM died");
        open.clear(); // its connection is dead; closing it would only wait

        embedded = "policy-crash-verify";
        TallyConnectionFactory vm = new TallyConnectionFactory("vm://" + embedded + "?dataDir=" + data.toUri().getPath()
                + "&config=" + config.toUri().getPath());
        Connection v = vm.createConnection();
        open.add(v);
        v.start();
        Session vs = v.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session vtx = v.createSession(true, Session.SESSION_TRANSACTED);

        MessageConsumer again = vtx.createConsumer(vtx.createQueue("dlq.crash"));
        Message third = again.receive(10_000);
        assertNotNull(third, "the poison message is still there");
        assertEquals(3, third.getIntProperty("JMSXDeliveryCount"), "two attempts were remembered; this is the third");
        vtx.rollback();
        MessageConsumer dead = vs.createConsumer(vs.createQueue("dlq.dead"));
        Message d = dead.receive(10_000);
        assertNotNull(d, "after its third attempt it went to the dead-letter queue");
        assertEquals("queue://dlq.crash", d.getStringProperty(TallyProperties.ORIGINAL_DESTINATION));
        assertEquals(3, d.getIntProperty(TallyProperties.ORIGINAL_DELIVERY_COUNT));
        assertNull(again.receiveNoWait());

        MessageConsumer waiting = vtx.createConsumer(vtx.createQueue("delay.long.crash"));
        assertNull(waiting.receiveNoWait(), "the redelivery delay still runs after the crash");
        assertEquals(1, EmbeddedBrokers.get(embedded).queueDepth("delay.long.crash"), "and the message is still queued");

        MessageProducer resend = vs.createProducer(vs.createQueue("dup.crash"));
        for (String id : List.of("k1", "k2", "t1")) {
            resend.send(withId(vs, id + " resent", id));
        }
        resend.send(withId(vs, "k3", "k3"));
        List<String> got = new ArrayList<>();
        try (MessageConsumer drain = vs.createConsumer(vs.createQueue("dup.crash"))) {
            for (Message m = drain.receive(2_000); m != null; m = drain.receiveNoWait()) {
                got.add(((TextMessage) m).getText());
            }
        }
        assertEquals(List.of("k2", "t1", "k3"), got, "every resend of a remembered id was dropped");
    }

    private static TextMessage withId(Session s, String text, String id) throws Exception {
        TextMessage m = s.createTextMessage(text);
        m.setStringProperty(TallyProperties.DUPLICATE_ID, id);
        return m;
    }

    /** Starts {@code tally server} in a child JVM; returns its port once it logs that it is ready. */
    private int startServer(Path data, Path config) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                TallyServer.class.getName(), "--data-dir", data.toString(), "--bind", "127.0.0.1:0", "--name", "policy-crash",
                "--config", config.toString());
        pb.environment().put("CLASSPATH", cp);
        pb.redirectOutput(Files.createTempFile(dir, "server", ".out").toFile());
        child = pb.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuffer log = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (java.io.IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the server exited before it was ready: " + log));
        }, "policy-crash-server-log");
        reader.setDaemon(true);
        reader.start();
        return port.get(30, TimeUnit.SECONDS);
    }
}
