package org.tallymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ejb.EJB;
import jakarta.jms.Queue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tally's RAR in a real WildFly (standalone-full.xml), started by Arquillian: the RAR the build made, with an
 * ironjacamar.xml (pool, transaction support, recovery, queues), and a WAR with message-driven beans and a stateless
 * bean. The adapter talks to a standalone Tally broker over TCP ({@link ItBroker}). The test methods run inside the
 * server.
 */
@ExtendWith(ArquillianExtension.class)
class WildFlyIT {

    /** The transaction support the RAR is deployed with in this run. */
    static final String TX = System.getProperty("tally.it.tx", "XATransaction");

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() throws IOException {
        File built = new File(System.getProperty("tally.rar"));
        ResourceAdapterArchive rar = ShrinkWrap.create(ResourceAdapterArchive.class, "tally-ra.rar")
                .merge(ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, built));
        String ij;
        try (InputStream in = WildFlyIT.class.getResourceAsStream("/it/ironjacamar.xml")) {
            ij = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean xa = TX.equals("XATransaction");
        ij = ij.replace("@PORT@", System.getProperty("tally.it.port"))
                .replace("@TX@", TX)
                .replace("@POOL@", xa
                        ? "<xa-pool><min-pool-size>0</min-pool-size><max-pool-size>10</max-pool-size>"
                          + "<prefill>false</prefill><is-same-rm-override>false</is-same-rm-override></xa-pool>"
                        : "<pool><min-pool-size>0</min-pool-size><max-pool-size>10</max-pool-size>"
                          + "<prefill>false</prefill></pool>")
                .replace("@RECOVERY@", xa ? "<recovery no-recovery=\"false\"><recover-credential><user-name>recovery"
                        + "</user-name><password>recovery</password></recover-credential></recovery>" : "");
        return rar.addAsManifestResource(new StringAsset(ij), "ironjacamar.xml");
    }

    @Deployment(name = "app", order = 2)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "tally-it.war")
                .addClasses(Results.class, SenderBean.class, RecordingMdb.class, FlakyMdb.class, OrderMdb.class,
                        OrderTable.class)
                .addAsWebInfResource(WildFlyIT.class.getResource("/it/jboss-ejb3.xml"), "jboss-ejb3.xml")
                .addAsWebInfResource(WildFlyIT.class.getResource("/it/tally-it-ds.xml"), "tally-it-ds.xml");
    }

    @EJB
    private SenderBean sender;

    @EJB
    private Results results;

    @EJB
    private OrderTable orders;

    /**
     * The rows of an order once its transaction's database branch is committed: the reply can be visible a moment
     * before the database commit of the same transaction completes (two branches, committed one after the other).
     */
    private int committedRows(String order) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int rows = orders.rows(order);
        while (rows == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rows = orders.rows(order);
        }
        return rows;
    }

    private static Queue queue(String name) throws NamingException {
        return (Queue) new InitialContext().lookup("java:/jms/tally/queue/" + name);
    }

    @Test
    @OperateOnDeployment("app")
    @DisplayName("JMSContext: a send in a container transaction that rolls back delivers nothing; one that commits "
            + "reaches the MDB (Jakarta Messaging 3.1 section 12.3)")
    void containerTransactionDecidesTheSendWithAContext() throws Exception {
        sender.send(queue("in"), "rolled-back-context", true);
        sender.send(queue("in"), "committed-context", false);
        // one session on a FIFO queue: had the first send been delivered, it would have come first
        assertEquals("committed-context", results.next("in", 20));
    }

    @Test
    @OperateOnDeployment("app")
    @DisplayName("classic Connection: a send in a container transaction that rolls back delivers nothing; one that "
            + "commits reaches the MDB")
    void containerTransactionDecidesTheSendWithAConnection() throws Exception {
        sender.sendClassic(queue("in"), "rolled-back-classic", true);
        sender.sendClassic(queue("in"), "committed-classic", false);
        assertEquals("committed-classic", results.next("in", 20));
    }

    @Test
    @OperateOnDeployment("app")
    @DisplayName("in a stateless bean, what Jakarta Messaging 3.1 section 12.2 forbids throws IllegalStateException "
            + "(IllegalStateRuntimeException on a JMSContext); commit in a container transaction throws "
            + "TransactionInProgressException (section 12.3)")
    void restrictionsInTheContainer() throws Exception {
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("Connection.setClientID", "IllegalStateException");
        expected.put("Connection.setExceptionListener", "IllegalStateException");
        expected.put("Connection.stop", "IllegalStateException");
        expected.put("second Connection.createSession", "IllegalStateException");
        expected.put("Session.setMessageListener", "IllegalStateException");
        expected.put("Session.commit in a container transaction", "TransactionInProgressException");
        expected.put("MessageConsumer.setMessageListener", "IllegalStateException");
        expected.put("JMSContext.setClientID", "IllegalStateRuntimeException");
        expected.put("JMSContext.stop", "IllegalStateRuntimeException");
        expected.put("JMSContext.createContext", "IllegalStateRuntimeException");
        expected.put("JMSContext.commit in a container transaction", "TransactionInProgressRuntimeException");
        expected.put("JMSProducer.setAsync", "IllegalStateRuntimeException");
        assertEquals(expected, sender.forbiddenCalls(queue("in")));
    }

    @Test
    @OperateOnDeployment("app")
    @DisplayName("an MDB that throws gets the message again, marked redelivered (Jakarta Messaging 3.1 section 8.7, "
            + "Connectors 2.1 section 13.5)")
    void throwingBeanGetsTheMessageAgain() throws Exception {
        sender.send(queue("flaky"), "flaky-1", false);
        assertEquals("flaky-1 redelivered=false count=1", results.next("flaky", 20));
        assertEquals("flaky-1 redelivered=true count=2", results.next("flaky", 20));
    }

    @Test
    @OperateOnDeployment("app")
    @DisplayName("an MDB that writes a row and sends a reply in one XA transaction does both exactly once, also when "
            + "its first attempt rolls back after both")
    void rowAndReplyExactlyOnce() throws Exception {
        sender.send(queue("orders"), "o-1", false);
        sender.send(queue("orders"), "fail-once-2", false);
        sender.send(queue("orders"), "o-3", false);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String reply = sender.receive(queue("replies"), 20_000);
            assertNotNull(reply, "reply " + (i + 1) + " of 3 did not come within 20 s; got " + replies);
            replies.add(reply);
        }
        // a rolled-back message may come back after later ones (the specification's message order rules do not
        // keep a redelivered message in its place), so compare sorted
        Collections.sort(replies);
        assertEquals(List.of("done:fail-once-2", "done:o-1", "done:o-3"), replies);
        // every delivery has happened: the first attempt of fail-once-2 (rolled back) and one of each order
        List<String> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String attempt = results.next("orders", 20);
            assertNotNull(attempt, "delivery " + (i + 1) + " of 4 did not happen within 20 s; got " + attempts);
            attempts.add(attempt);
        }
        Collections.sort(attempts);
        assertEquals(List.of("fail-once-2 redelivered=false", "fail-once-2 redelivered=true", "o-1 redelivered=false",
                "o-3 redelivered=false"), attempts);
        assertEquals(1, committedRows("o-1"));
        assertEquals(1, committedRows("fail-once-2"), "the rolled-back attempt's row must be gone");
        assertEquals(1, committedRows("o-3"));
        assertNull(sender.receive(queue("replies"), 1_000), "no second reply for any order");
        assertEquals(List.of(), results.drain("orders"), "no further delivery");
    }
}
