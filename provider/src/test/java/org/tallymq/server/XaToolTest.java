package org.tallymq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyXAConnectionFactory;
import org.tallymq.protocol.XidData;

/** {@code tally xa}: an operator lists in-doubt branches of a stopped broker and completes one by hand. */
class XaToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return XaTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listCommitAndTheRecordedOutcome() throws Exception {
        Path dir = Files.createTempDirectory("tally-xa-tool");
        String name = "xa-tool-" + UUID.randomUUID();
        String url = "vm://" + name + "?dataDir=" + dir;
        XidData xid = XidData.of(42, new byte[]{1, 2}, new byte[]{3});
        try (XAConnection c = new TallyXAConnectionFactory(url).createXAConnection()) {
            XASession s = c.createXASession();
            XAResource r = s.getXAResource();
            r.start(xid, XAResource.TMNOFLAGS);
            s.createProducer(new TallyQueue("tool")).send(s.createTextMessage("in doubt"));
            r.end(xid, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(xid));
            assertEquals(1, run("list", dir.toString()), "refuses while the broker runs: " + err);
            assertTrue(err.toString().contains("in use by another Tally broker"), err.toString());
        } finally {
            EmbeddedBrokers.stop(name);
        }

        assertEquals(0, run("list", dir.toString()), err.toString());
        assertEquals("42:0102:03", out.toString().trim());
        assertEquals(64, run("commit", dir.toString(), "not-an-xid"));
        assertEquals(1, run("commit", dir.toString(), "42:0102:04"), "no such prepared branch");
        assertTrue(err.toString().contains("no prepared XA branch 42:0102:04"), err.toString());
        assertEquals(0, run("commit", dir.toString(), "42:0102:03"), err.toString());
        assertEquals(0, run("list", dir.toString()));
        assertEquals("42:0102:03", out.toString().trim(), "still reported, now as heuristically committed");

        try (XAConnection c = new TallyXAConnectionFactory(url).createXAConnection()) {
            XAResource r = c.createXASession().getXAResource();
            XAException e = org.junit.jupiter.api.Assertions.assertThrows(XAException.class, () -> r.commit(xid, false));
            assertEquals(XAException.XA_HEURCOM, e.errorCode);
            c.start();
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) s.createConsumer(new TallyQueue("tool")).receive(2000);
            assertEquals("in doubt", m.getText(), "the operator's commit made the send visible");
            r.forget(xid);
        } finally {
            EmbeddedBrokers.stop(name);
        }
        assertEquals(0, run("list", dir.toString()));
        assertEquals("", out.toString().trim());
    }
}
