package org.tallymq.client;

import static javax.transaction.xa.XAResource.TMENDRSCAN;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyXAConnectionFactory;

/**
 * XA through the public API (XAConnectionFactory, XASession, XAResource), as a transaction manager
 * drives it. Subclasses run it in-VM and over TCP. The error-code matrix is in
 * {@code org.tallymq.broker.XaTransactions}; {@link #matrix} checks each of its cells.
 */
abstract class XaTestBase {

    /** The URL of the broker under test (it may change across {@link #restartBroker()}). */
    abstract String url();

    /** Stops the broker and starts it again on the same data directory; open connections are gone. */
    abstract void restartBroker() throws Exception;

    /** The running broker (for what an operator does to it). */
    abstract org.tallymq.broker.Broker broker();

    private static final AtomicLong GTRIDS = new AtomicLong();
    private final List<Connection> connections = new ArrayList<>();
    private Queue queue;
    private XAConnection xac;
    private XASession xs;
    private XAResource xr;

    /** A Xid of our own class, as a transaction manager would pass it. */
    record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual.clone();
        }
    }

    static Xid newXid() {
        byte[] g = ByteBuffer.allocate(16).putLong(System.nanoTime()).putLong(GTRIDS.incrementAndGet()).array();
        return new TestXid(0x7A11, g, new byte[]{1});
    }

    @BeforeEach
    void open() throws Exception {
        queue = new TallyQueue("xa." + UUID.randomUUID());
        xac = xaFactory().createXAConnection();
        connections.add(xac);
        xac.start();
        xs = xac.createXASession();
        xr = xs.getXAResource();
    }

    @AfterEach
    void closeAll() {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (Exception e) {
                // already gone (restart)
            }
        }
    }

    TallyXAConnectionFactory xaFactory() {
        return new TallyXAConnectionFactory(url());
    }

    private Connection plain() throws Exception {
        Connection c = new TallyConnectionFactory(url()).createConnection();
        connections.add(c);
        c.start();
        return c;
    }

    private void sendPlain(String... texts) throws Exception {
        Session s = plain().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(queue);
        for (String t : texts) {
            p.send(s.createTextMessage(t));
        }
        s.close();
    }

    /** What a plain consumer can take from the queue now (and acknowledges). */
    private List<String> drain() throws Exception {
        Session s = plain().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer c = s.createConsumer(queue);
        List<String> out = new ArrayList<>();
        for (Message m = c.receive(500); m != null; m = c.receive(300)) {
            out.add(((TextMessage) m).getText());
        }
        s.close();
        return out;
    }

    private static int code(XAException e) {
        return e.errorCode;
    }

    private static int xaFails(Executable e) {
        XAException x = assertThrows(XAException.class, e::run);
        assertNotNull(x.getMessage(), "an XAException from Tally says what happened");
        return x.errorCode;
    }

    @FunctionalInterface
    interface Executable {
        void run() throws Exception;
    }

    // ---- the API ---------------------------------------------------------------------------------

    @Test
    @DisplayName("XASession: getTransacted is true; commit/rollback throw TransactionInProgressException (XASession javadoc)")
    void xaSessionRefusesLocalCompletion() throws Exception {
        assertTrue(xs.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, xs.getAcknowledgeMode());
        assertThrows(TransactionInProgressException.class, xs::commit);
        assertThrows(TransactionInProgressException.class, xs::rollback);
        assertTrue(xs.getSession() == xs);
    }

    @Test
    @DisplayName("XAJMSContext: session mode SESSION_TRANSACTED; commit/rollback throw TransactionInProgressRuntimeException")
    void xaContextRefusesLocalCompletion() throws Exception {
        try (XAJMSContext ctx = xaFactory().createXAContext()) {
            assertTrue(ctx.getTransacted());
            assertEquals(Session.SESSION_TRANSACTED, ctx.getSessionMode());
            assertThrows(TransactionInProgressRuntimeException.class, ctx::commit);
            assertThrows(TransactionInProgressRuntimeException.class, ctx::rollback);
            assertTrue(ctx.getContext() == ctx);
            Xid xid = newXid();
            XAResource r = ctx.getXAResource();
            r.start(xid, TMNOFLAGS);
            ctx.createProducer().send(queue, "ctx-in-branch");
            r.end(xid, TMSUCCESS);
            assertEquals(List.of(), drain(), "a branch's send is invisible before commit");
            r.commit(xid, true);
            assertEquals(List.of("ctx-in-branch"), drain());
        }
    }

    @Test
    @DisplayName("Outside a global transaction an XASession acts as AUTO_ACKNOWLEDGE: sends visible, receives acknowledged")
    void outsideATransactionTheSessionIsAutoAcknowledge() throws Exception {
        xs.createProducer(queue).send(xs.createTextMessage("outside"));
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("outside", ((TextMessage) c.receive(2000)).getText());
        c.close();
        assertEquals(List.of(), drain(), "the receive outside a branch acknowledged the message");
    }

    // ---- two-phase and one-phase commit, rollback ---------------------------------------------------

    @Test
    @DisplayName("Sends in a branch are invisible until commit; two-phase commit makes them visible; consumed messages are gone")
    void twoPhaseCommit() throws Exception {
        sendPlain("in-1");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("in-1", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("out-1"));
        xr.end(xid, TMSUCCESS);
        c.close();
        assertEquals(List.of(), drain(), "before prepare: the send is invisible and the consumed message locked");
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        assertEquals(List.of(), drain(), "prepared: still invisible and locked");
        xr.commit(xid, false);
        assertEquals(List.of("out-1"), drain(), "committed: the send is visible and the consumed message is gone");
    }

    @Test
    @DisplayName("Rollback drops the branch's sends and returns its consumed messages, redelivered with JMSXDeliveryCount 2")
    void rollbackReturnsConsumedMessages() throws Exception {
        sendPlain("in-1");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("in-1", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("dropped"));
        xr.end(xid, TMSUCCESS);
        c.close();
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        xr.rollback(xid);
        Session s = plain().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = s.createConsumer(queue).receive(2000);
        assertEquals("in-1", ((TextMessage) m).getText());
        assertTrue(m.getJMSRedelivered());
        assertEquals(2, m.getIntProperty("JMSXDeliveryCount"));
        m.acknowledge();
        assertEquals(List.of(), drain(), "the dropped send never appears");
    }

    @Test
    @DisplayName("One-phase commit of an unprepared branch; rollback of an unprepared branch")
    void onePhaseCommitAndUnpreparedRollback() throws Exception {
        Xid a = newXid();
        xr.start(a, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("one-phase"));
        xr.end(a, TMSUCCESS);
        xr.commit(a, true);
        Xid b = newXid();
        xr.start(b, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("rolled-back"));
        xr.end(b, TMSUCCESS);
        xr.rollback(b);
        assertEquals(List.of("one-phase"), drain());
    }

    @Test
    @DisplayName("A branch that did nothing prepares XA_RDONLY and is forgotten (commit afterwards: XAER_NOTA)")
    void readOnlyBranch() throws Exception {
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, xr.prepare(xid));
        assertEquals(XAException.XAER_NOTA, xaFails(() -> xr.commit(xid, false)));
    }

    @Test
    @DisplayName("Non-persistent sends take part in a branch too")
    void nonPersistentSendsInABranch() throws Exception {
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageProducer p = xs.createProducer(queue);
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        p.send(xs.createTextMessage("np"));
        xr.end(xid, TMSUCCESS);
        assertEquals(List.of(), drain());
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        xr.commit(xid, false);
        assertEquals(List.of("np"), drain());
    }

    @Test
    @DisplayName("Two sessions of the broker join one branch (isSameRM, TMJOIN); suspend and resume")
    void joinSuspendResume() throws Exception {
        XASession other = xac.createXASession();
        XAResource or = other.getXAResource();
        assertTrue(xr.isSameRM(or));
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        or.start(xid, TMJOIN);
        xs.createProducer(queue).send(xs.createTextMessage("from-first"));
        other.createProducer(queue).send(other.createTextMessage("from-joined"));
        xr.end(xid, TMSUSPEND);
        or.end(xid, TMSUCCESS);
        xr.start(xid, TMRESUME);
        xs.createProducer(queue).send(xs.createTextMessage("after-resume"));
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        xr.commit(xid, false);
        List<String> got = drain();
        got.sort(null);
        assertEquals(List.of("after-resume", "from-first", "from-joined"), got);
    }

    @Test
    @DisplayName("isSameRM is false for another broker and for a non-Tally XAResource")
    void isSameRmIsFalseForOthers() throws Exception {
        try (XAConnection elsewhere = new TallyXAConnectionFactory("vm://xa-other-" + UUID.randomUUID() + "?persistent=false")
                .createXAConnection()) {
            XAResource foreign = elsewhere.createXASession().getXAResource();
            assertFalse(xr.isSameRM(foreign));
        }
        assertFalse(xr.isSameRM(null));
    }

    // ---- recovery -----------------------------------------------------------------------------------

    @Test
    @DisplayName("recover() lists prepared branches from any connection; TMSTARTRSCAN/TMENDRSCAN; commit from another connection")
    void recoverFromAnotherConnection() throws Exception {
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("recovered"));
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        xac.close();
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            Xid[] found = r.recover(TMSTARTRSCAN);
            assertTrue(contains(found, xid), "the prepared branch is listed: " + Arrays.toString(found));
            assertEquals(0, r.recover(XAResource.TMNOFLAGS).length, "the whole list came with TMSTARTRSCAN");
            assertEquals(0, r.recover(TMENDRSCAN).length);
            assertEquals(XAException.XAER_INVAL, xaFails(() -> r.recover(XAResource.TMNOFLAGS)),
                    "no scan is open after TMENDRSCAN");
            r.commit(xid, false);
            assertFalse(contains(r.recover(TMSTARTRSCAN | TMENDRSCAN), xid), "a committed branch is no longer listed");
        }
        assertEquals(List.of("recovered"), drain());
    }

    @Test
    @DisplayName("A prepared branch survives a broker restart: sends stay invisible, consumed messages stay locked, then commit")
    void preparedBranchSurvivesRestartAndCommits() throws Exception {
        sendPlain("consumed-in-branch", "untouched");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("consumed-in-branch", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("sent-in-branch"));
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        closeAll();
        connections.clear();
        restartBroker();

        assertEquals(List.of("untouched"), drain(), "after the restart: the consumed message is locked, the send invisible");
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertTrue(contains(r.recover(TMSTARTRSCAN | TMENDRSCAN), xid), "recover() reports the branch after the restart");
            r.commit(xid, false);
        }
        assertEquals(List.of("sent-in-branch"), drain(), "commit after restart: send visible, consumed message gone");
        restartBroker();
        assertEquals(List.of(), drain(), "and the outcome itself is durable");
    }

    @Test
    @DisplayName("A prepared branch rolled back after a restart returns its consumed message (redelivered) and drops its send")
    void preparedBranchSurvivesRestartAndRollsBack() throws Exception {
        sendPlain("consumed-in-branch");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("consumed-in-branch", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("sent-in-branch"));
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        closeAll();
        connections.clear();
        restartBroker();
        try (XAConnection other = xaFactory().createXAConnection()) {
            other.createXASession().getXAResource().rollback(xid);
        }
        Session s = plain().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message m = s.createConsumer(queue).receive(2000);
        assertEquals("consumed-in-branch", ((TextMessage) m).getText());
        assertTrue(m.getJMSRedelivered());
        m.acknowledge();
        s.close();
        assertEquals(List.of(), drain());
        restartBroker();
        try (XAConnection other = xaFactory().createXAConnection()) {
            assertFalse(contains(other.createXASession().getXAResource().recover(TMSTARTRSCAN | TMENDRSCAN), xid));
        }
    }

    @Test
    @DisplayName("An unprepared branch does not survive a restart: its send is gone, its consumed message comes back")
    void unpreparedBranchRollsBackAtRestart() throws Exception {
        sendPlain("consumed");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("consumed", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("never"));
        xr.end(xid, TMSUCCESS);
        closeAll();
        connections.clear();
        restartBroker();
        assertEquals(List.of("consumed"), drain());
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertEquals(XAException.XAER_NOTA, xaFails(() -> r.prepare(xid)));
        }
    }

    @Test
    @DisplayName("Closing the XA connection after end leaves the branch for the transaction manager (JMS Connection.close)")
    void closedConnectionLeavesTheBranchToTheTransactionManager() throws Exception {
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("kept"));
        xs.close(); // inside the association: the work stays in the branch
        xr.end(xid, TMSUCCESS);
        xac.close();
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertEquals(XAResource.XA_OK, r.prepare(xid));
            r.commit(xid, false);
        }
        assertEquals(List.of("kept"), drain());
    }

    @Test
    @DisplayName("A prepared branch survives the loss of its connection; recover and commit from another")
    void preparedBranchSurvivesConnectionLoss() throws Exception {
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("survivor"));
        xr.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        ((TallyConnection) xac).channel.close("test: the connection drops"); // no Disconnect: the broker sees a loss
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertTrue(contains(r.recover(TMSTARTRSCAN | TMENDRSCAN), xid));
            r.commit(xid, false);
        }
        assertEquals(List.of("survivor"), drain());
    }

    @Test
    @DisplayName("An unprepared branch whose connection is lost is rolled back: message back, later prepare gets XA_RBCOMMFAIL")
    void unpreparedBranchRolledBackOnConnectionLoss() throws Exception {
        sendPlain("taken-then-back");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("taken-then-back", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("never"));
        ((TallyConnection) xac).channel.close("test: the connection drops");
        List<String> back = List.of();
        long deadline = System.currentTimeMillis() + 10_000;
        while (back.isEmpty() && System.currentTimeMillis() < deadline) { // the broker notices the loss asynchronously
            back = drain();
        }
        assertEquals(List.of("taken-then-back"), back);
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertEquals(XAException.XA_RBCOMMFAIL, xaFails(() -> r.prepare(xid)));
        }
        assertEquals(List.of(), drain());
    }

    @Test
    @DisplayName("A branch not prepared within its timeout is rolled back by the broker; later calls get XA_RBTIMEOUT")
    void timeout() throws Exception {
        sendPlain("locked-then-back");
        assertTrue(xr.setTransactionTimeout(1));
        assertEquals(1, xr.getTransactionTimeout());
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("locked-then-back", ((TextMessage) c.receive(2000)).getText());
        xr.end(xid, TMSUCCESS);
        c.close();
        List<String> back = List.of();
        long deadline = System.currentTimeMillis() + 15_000;
        while (back.isEmpty() && System.currentTimeMillis() < deadline) { // waits for the broker's timer, not for a speed
            back = drain();
        }
        assertEquals(List.of("locked-then-back"), back, "the timed-out branch's consumed message is back in the queue");
        assertEquals(XAException.XA_RBTIMEOUT, xaFails(() -> xr.prepare(xid)));
        assertEquals(XAException.XA_RBTIMEOUT, xaFails(() -> xr.rollback(xid)));
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.setTransactionTimeout(-1)));
    }

    @Test
    @DisplayName("An operator's heuristic commit is recorded: recover reports it, commit/rollback get XA_HEURCOM, forget ends it")
    void heuristicCommitIsReportedUntilForgotten() throws Exception {
        sendPlain("consumed-in-branch");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("consumed-in-branch", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("sent-in-branch"));
        xr.end(xid, TMSUCCESS);
        c.close();
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        broker().completeXaBranchHeuristically(org.tallymq.protocol.XidData.of(xid), true);
        assertEquals(List.of("sent-in-branch"), drain(), "the heuristic commit applied the branch");
        assertTrue(contains(xr.recover(TMSTARTRSCAN | TMENDRSCAN), xid), "recover reports the heuristic outcome");
        assertEquals(XAException.XA_HEURCOM, xaFails(() -> xr.commit(xid, false)));
        assertEquals(XAException.XA_HEURCOM, xaFails(() -> xr.rollback(xid)));
        closeAll();
        connections.clear();
        restartBroker();
        try (XAConnection other = xaFactory().createXAConnection()) {
            XAResource r = other.createXASession().getXAResource();
            assertTrue(contains(r.recover(TMSTARTRSCAN | TMENDRSCAN), xid), "the heuristic outcome survives a restart");
            assertEquals(XAException.XA_HEURCOM, xaFails(() -> r.commit(xid, false)));
            r.forget(xid);
            assertFalse(contains(r.recover(TMSTARTRSCAN | TMENDRSCAN), xid), "forgotten");
            assertEquals(XAException.XAER_NOTA, xaFails(() -> r.forget(xid)));
        }
        restartBroker();
        try (XAConnection other = xaFactory().createXAConnection()) {
            assertFalse(contains(other.createXASession().getXAResource().recover(TMSTARTRSCAN | TMENDRSCAN), xid),
                    "forgetting is durable");
        }
        assertEquals(List.of(), drain(), "the consumed message stays acknowledged");
    }

    @Test
    @DisplayName("An operator's heuristic rollback returns the consumed message; commit then gets XA_HEURRB")
    void heuristicRollback() throws Exception {
        sendPlain("consumed-in-branch");
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        MessageConsumer c = xs.createConsumer(queue);
        assertEquals("consumed-in-branch", ((TextMessage) c.receive(2000)).getText());
        xs.createProducer(queue).send(xs.createTextMessage("dropped"));
        xr.end(xid, TMSUCCESS);
        c.close();
        assertEquals(XAResource.XA_OK, xr.prepare(xid));
        broker().completeXaBranchHeuristically(org.tallymq.protocol.XidData.of(xid), false);
        assertEquals(List.of("consumed-in-branch"), drain());
        assertEquals(XAException.XA_HEURRB, xaFails(() -> xr.commit(xid, false)));
        assertEquals(XAException.XA_HEURRB, xaFails(() -> xr.rollback(xid)));
        xr.forget(xid);
        assertThrows(IllegalStateException.class,
                () -> broker().completeXaBranchHeuristically(org.tallymq.protocol.XidData.of(newXid()), true),
                "only a prepared branch can be completed by hand");
    }

    // ---- the error-code matrix ----------------------------------------------------------------------

    /** Puts a new branch in a state of the matrix, using this session; returns its Xid. */
    private Xid branchIn(String state) throws Exception {
        Xid xid = newXid();
        switch (state) {
            case "unknown" -> {
            }
            case "active" -> {
                xr.start(xid, TMNOFLAGS);
                xs.createProducer(queue).send(xs.createTextMessage("w"));
            }
            case "idle" -> {
                xr.start(xid, TMNOFLAGS);
                xs.createProducer(queue).send(xs.createTextMessage("w"));
                xr.end(xid, TMSUCCESS);
            }
            case "rollback-only" -> {
                xr.start(xid, TMNOFLAGS);
                xs.createProducer(queue).send(xs.createTextMessage("w"));
                xr.end(xid, TMFAIL);
            }
            case "prepared" -> {
                xr.start(xid, TMNOFLAGS);
                xs.createProducer(queue).send(xs.createTextMessage("w"));
                xr.end(xid, TMSUCCESS);
                assertEquals(XAResource.XA_OK, xr.prepare(xid));
            }
            default -> throw new IllegalArgumentException(state);
        }
        return xid;
    }

    /** Runs a request from a second session (so "active" stays active in the first). 0 = it succeeded. */
    private int outcome(XAResource r, String request, Xid xid) {
        try {
            switch (request) {
                case "start TMNOFLAGS" -> r.start(xid, TMNOFLAGS);
                case "start TMJOIN" -> r.start(xid, TMJOIN);
                case "start TMRESUME" -> r.start(xid, TMRESUME);
                case "prepare" -> {
                    return r.prepare(xid) == XAResource.XA_OK ? 0 : XAResource.XA_RDONLY;
                }
                case "commit one-phase" -> r.commit(xid, true);
                case "commit two-phase" -> r.commit(xid, false);
                case "rollback" -> r.rollback(xid);
                case "forget" -> r.forget(xid);
                default -> throw new IllegalArgumentException(request);
            }
            return 0;
        } catch (XAException e) {
            return code(e);
        }
    }

    @Test
    @DisplayName("Error-code matrix (XaTransactions javadoc): every request in every branch state")
    void matrix() throws Exception {
        int ok = 0;
        int dupid = XAException.XAER_DUPID;
        int nota = XAException.XAER_NOTA;
        int proto = XAException.XAER_PROTO;
        int rb = XAException.XA_RBROLLBACK;
        String[] states = {"unknown", "active", "idle", "rollback-only", "prepared"};
        Object[][] rows = {
                {"start TMNOFLAGS", new int[]{ok, dupid, dupid, dupid, dupid}},
                {"start TMJOIN", new int[]{nota, ok, ok, rb, proto}},
                {"start TMRESUME", new int[]{nota, proto, proto, rb, proto}},
                {"prepare", new int[]{nota, proto, ok, rb, proto}},
                {"commit one-phase", new int[]{nota, proto, ok, rb, proto}},
                {"commit two-phase", new int[]{nota, proto, proto, proto, ok}},
                {"rollback", new int[]{nota, proto, ok, ok, ok}},
                {"forget", new int[]{nota, nota, nota, nota, nota}},
        };
        List<String> wrong = new ArrayList<>();
        for (Object[] row : rows) {
            String request = (String) row[0];
            int[] expected = (int[]) row[1];
            for (int i = 0; i < states.length; i++) {
                XASession second = xac.createXASession();
                Xid xid = branchIn(states[i]);
                int got = outcome(second.getXAResource(), request, xid);
                if (got != expected[i]) {
                    wrong.add(request + " on " + states[i] + ": expected " + expected[i] + ", got " + got);
                }
                cleanUp(second, xid);
                second.close();
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Ends whatever the matrix left behind, so the next cell starts clean. */
    private void cleanUp(XASession second, Xid xid) throws Exception {
        XAResource sr = second.getXAResource();
        for (XAResource r : List.of(xr, sr)) {
            try {
                r.end(xid, TMSUCCESS);
            } catch (XAException e) {
                // not associated
            }
        }
        try {
            xr.rollback(xid);
        } catch (XAException e) {
            // unknown or already ended
        }
    }

    @Test
    @DisplayName("Matrix, end: TMSUCCESS/TMFAIL/TMSUSPEND on an unassociated session or unknown Xid; bad flags and null Xids")
    void endAndFlagErrors() throws Exception {
        Xid unknown = newXid();
        assertEquals(XAException.XAER_NOTA, xaFails(() -> xr.end(unknown, TMSUCCESS)));
        Xid idle = branchIn("idle");
        assertEquals(XAException.XAER_PROTO, xaFails(() -> xr.end(idle, TMSUCCESS)), "end on an ended association");
        Xid active = branchIn("active");
        XASession second = xac.createXASession();
        assertEquals(XAException.XAER_PROTO, xaFails(() -> second.getXAResource().end(active, TMSUCCESS)),
                "end from a session not associated with the branch");
        assertEquals(XAException.XAER_PROTO, xaFails(() -> xr.start(newXid(), TMNOFLAGS)),
                "start while the session is associated");
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.end(active, TMJOIN)));
        xr.end(active, TMFAIL);
        assertEquals(XAException.XA_RBROLLBACK, xaFails(() -> xr.prepare(active)), "TMFAIL made it rollback-only");
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.start(newXid(), TMSUSPEND)));
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.start(null, TMNOFLAGS)));
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.commit(null, false)));
        assertEquals(XAException.XAER_INVAL, xaFails(() -> xr.recover(0x4000)));
        xr.rollback(idle);
    }

    @Test
    @DisplayName("The broker ended a branch (timeout): start TMJOIN, end, prepare, one-phase commit and rollback get XA_RB*")
    void endedByBrokerRow() throws Exception {
        xr.setTransactionTimeout(1);
        Xid xid = newXid();
        xr.start(xid, TMNOFLAGS);
        xs.createProducer(queue).send(xs.createTextMessage("w"));
        int endCode;
        long deadline = System.currentTimeMillis() + 15_000;
        Thread.sleep(1500);
        XASession second = xac.createXASession();
        XAResource sr = second.getXAResource();
        int join = 0;
        while (System.currentTimeMillis() < deadline) {
            try {
                sr.start(xid, TMJOIN);
                sr.end(xid, TMSUCCESS);
                Thread.sleep(200); // the broker's timer has not fired yet on this loaded machine
            } catch (XAException e) {
                join = e.errorCode;
                break;
            }
        }
        assertEquals(XAException.XA_RBTIMEOUT, join, "start TMJOIN");
        endCode = xaFails(() -> xr.end(xid, TMSUCCESS));
        assertEquals(XAException.XA_RBTIMEOUT, endCode, "end");
        assertEquals(XAException.XA_RBTIMEOUT, xaFails(() -> xr.prepare(xid)), "prepare");
        assertEquals(XAException.XA_RBTIMEOUT, xaFails(() -> xr.commit(xid, true)), "commit one-phase");
        assertEquals(XAException.XAER_NOTA, xaFails(() -> xr.commit(xid, false)), "commit two-phase");
        assertEquals(XAException.XA_RBTIMEOUT, xaFails(() -> xr.rollback(xid)), "rollback");
        assertEquals(XAException.XAER_DUPID, xaFails(() -> xr.start(xid, TMNOFLAGS)), "start TMNOFLAGS");
        assertEquals(XAException.XAER_NOTA, xaFails(() -> xr.forget(xid)), "forget");
        assertEquals(List.of(), drain(), "the timed-out branch's send never appears");
    }

    private static boolean contains(Xid[] xids, Xid xid) {
        for (Xid x : xids) {
            if (x.getFormatId() == xid.getFormatId() && Arrays.equals(x.getGlobalTransactionId(), xid.getGlobalTransactionId())
                    && Arrays.equals(x.getBranchQualifier(), xid.getBranchQualifier())) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("JMSConsumer of an XAJMSContext: a receive in a branch is acknowledged only by the commit")
    void contextReceiveInBranch() throws Exception {
        sendPlain("ctx-in");
        try (XAJMSContext ctx = xaFactory().createXAContext()) {
            XAResource r = ctx.getXAResource();
            Xid xid = newXid();
            r.start(xid, TMNOFLAGS);
            JMSConsumer c = ctx.createConsumer(queue);
            assertEquals("ctx-in", c.receiveBody(String.class, 2000));
            r.end(xid, TMSUCCESS);
            c.close();
            r.rollback(xid);
            Xid again = newXid();
            r.start(again, TMNOFLAGS);
            JMSConsumer c2 = ctx.createConsumer(queue);
            Message m = c2.receive(2000);
            assertNotNull(m);
            assertTrue(m.getJMSRedelivered());
            r.end(again, TMSUCCESS);
            c2.close();
            r.commit(again, true);
        }
        assertEquals(List.of(), drain());
    }
}
