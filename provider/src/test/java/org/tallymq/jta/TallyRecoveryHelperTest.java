package org.tallymq.jta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyXAConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/** The recovery helper Narayana calls: a named resource of the broker, its prepared branches, a reconnect after a restart. */
class TallyRecoveryHelperTest {

    private final String name = "jta-" + UUID.randomUUID();
    private final Path dir;
    private TallyRecoveryHelper helper;

    TallyRecoveryHelperTest() throws Exception {
        dir = Files.createTempDirectory("tally-jta");
    }

    private String url() {
        return "vm://" + name + "?dataDir=" + dir;
    }

    @AfterEach
    void stop() {
        if (helper != null) {
            helper.close();
        }
        EmbeddedBrokers.stop(name);
    }

    private record TestXid(byte[] gtrid) implements Xid {
        @Override
        public int getFormatId() {
            return 0x7A11;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {1};
        }
    }

    private static boolean contains(Xid[] xids, Xid x) {
        return xids != null && Arrays.stream(xids).anyMatch(y -> y.getFormatId() == x.getFormatId()
                && Arrays.equals(y.getGlobalTransactionId(), x.getGlobalTransactionId())
                && Arrays.equals(y.getBranchQualifier(), x.getBranchQualifier()));
    }

    @Test
    @DisplayName("the helper's named resource reports a branch prepared on another connection, again after a broker restart, and commits it")
    void recoversPreparedBranchAcrossRestart() throws Exception {
        TallyXAConnectionFactory factory = new TallyXAConnectionFactory(url());
        Xid xid = new TestXid(ByteBuffer.allocate(16).putLong(System.nanoTime()).putLong(42).array());
        Queue q;
        try (XAConnection c = factory.createXAConnection()) {
            XASession s = c.createXASession();
            q = s.createQueue("jta.recovery");
            XAResource r = s.getXAResource();
            r.start(xid, XAResource.TMNOFLAGS);
            s.createProducer(q).send(s.createTextMessage("in doubt"));
            r.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(xid));
        }
        helper = new TallyRecoveryHelper(factory, "tally-test");
        XAResource[] resources = helper.getXAResources();
        assertEquals(1, resources.length);
        NamedXAResource named = assertInstanceOf(NamedXAResource.class, resources[0]);
        assertEquals("tally-test", named.getJndiName());
        assertEquals(TallyRecovery.PRODUCT_NAME, named.getProductName());
        assertTrue(contains(named.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN), xid), "prepared branch listed");

        EmbeddedBrokers.stop(name); // the helper's connection is closed by the broker; the next scan reconnects
        XAResource[] again = helper.getXAResources();
        assertEquals(1, again.length);
        assertTrue(contains(again[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN), xid),
                "prepared branch listed after the restart, through a new connection");
        again[0].commit(xid, false);
        assertTrue(!contains(again[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN), xid), "committed branch gone");

        try (Connection c = new TallyConnectionFactory(url()).createConnection()) {
            c.start();
            MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
            TextMessage m = (TextMessage) consumer.receive(5_000);
            assertNotNull(m, "the committed send is delivered");
            assertEquals("in doubt", m.getText());
            assertNull(consumer.receiveNoWait());
        }
    }

    @Test
    @DisplayName("a broker that cannot be reached gives no resource (Narayana retries next period) instead of an exception")
    void unreachableBrokerGivesNoResource() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        helper = new TallyRecoveryHelper(new TallyXAConnectionFactory("tcp://127.0.0.1:" + port), "tally-down");
        assertEquals(0, helper.getXAResources().length);
        assertEquals(0, helper.getXAResources().length);
    }

    @Test
    @DisplayName("a closed helper gives no resource")
    void closedHelper() throws Exception {
        helper = new TallyRecoveryHelper(new TallyXAConnectionFactory(url()), "tally-closed");
        assertEquals(1, helper.getXAResources().length);
        helper.close();
        assertEquals(0, helper.getXAResources().length);
    }
}
