package org.tallymq.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyXAConnectionFactory;
import org.tallymq.server.EmbeddedBrokers;

/**
 * A prepared branch's consumed messages stay locked after a restart even when the broker restores the
 * queue paged (only ids on the heap beyond half the memory budget).
 */
class XaPagingTest {

    private final String name = "xa-paging-" + UUID.randomUUID();
    private final TallyQueue queue = new TallyQueue("deep");

    @AfterEach
    void stop() {
        EmbeddedBrokers.stop(name);
    }

    @Test
    void lockedMessagesBeyondThePagingThresholdStayLockedThenComeBackInOrder() throws Exception {
        Path dir = Files.createTempDirectory("tally-xa-paging");
        String url = "vm://" + name + "?dataDir=" + dir + "&memoryBudget=65536";
        String body = "x".repeat(1024);
        try (Connection c = new TallyConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(queue);
            for (int i = 0; i < 200; i++) {
                p.send(s.createTextMessage(i + ":" + body));
            }
        }
        Xid xid = XaTestBase.newXid();
        try (XAConnection xc = new TallyXAConnectionFactory(url).createXAConnection()) {
            xc.start();
            XASession xs = xc.createXASession();
            XAResource r = xs.getXAResource();
            r.start(xid, XAResource.TMNOFLAGS);
            MessageConsumer mc = xs.createConsumer(queue);
            for (int i = 0; i < 200; i++) {
                assertNotNull(mc.receive(5000), "message " + i);
            }
            r.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(xid));
        }
        EmbeddedBrokers.stop(name);

        try (Connection c = new TallyConnectionFactory(url).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer mc = s.createConsumer(queue);
            assertNull(mc.receive(500), "all 200 are locked by the prepared branch, the paged ones too");
            try (XAConnection xc = new TallyXAConnectionFactory(url).createXAConnection()) {
                xc.createXASession().getXAResource().rollback(xid);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                TextMessage m = (TextMessage) mc.receive(5000);
                assertNotNull(m, "message " + i + " after the rollback");
                order.add(Integer.parseInt(m.getText().substring(0, m.getText().indexOf(':'))));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, order);
            assertNull(mc.receive(300));
        }
    }
}
