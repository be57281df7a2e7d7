package org.tallymq.jta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** NamedXAResource passes every call through and names the resource; NamingRecordPlugin copies the name into Narayana's record. */
class NamedXAResourceTest {

    /** Records the calls it gets; isSameRM is true for itself only. */
    private static final class Recording implements XAResource {
        final List<String> calls = new ArrayList<>();
        final Xid[] recovered = {new Xid() {
            @Override
            public int getFormatId() {
                return 1;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return new byte[] {1};
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[] {2};
            }
        }};

        @Override
        public void commit(Xid xid, boolean onePhase) {
            calls.add("commit " + onePhase);
        }

        @Override
        public void end(Xid xid, int flags) {
            calls.add("end " + flags);
        }

        @Override
        public void forget(Xid xid) {
            calls.add("forget");
        }

        @Override
        public int getTransactionTimeout() {
            calls.add("getTransactionTimeout");
            return 42;
        }

        @Override
        public boolean isSameRM(XAResource xares) {
            return xares == this;
        }

        @Override
        public int prepare(Xid xid) {
            calls.add("prepare");
            return XA_RDONLY;
        }

        @Override
        public Xid[] recover(int flag) {
            calls.add("recover " + flag);
            return recovered;
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            calls.add("rollback");
            throw new XAException(XAException.XAER_NOTA);
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            calls.add("setTransactionTimeout " + seconds);
            return true;
        }

        @Override
        public void start(Xid xid, int flags) {
            calls.add("start " + flags);
        }
    }

    @Test
    @DisplayName("every XA call reaches the wrapped resource unchanged, results and XAException error codes included")
    void delegates() throws Exception {
        Recording r = new Recording();
        NamedXAResource n = new NamedXAResource(r, "tally-orders", "Tally", "0.1.0");
        Xid x = r.recovered[0];
        n.start(x, XAResource.TMJOIN);
        n.end(x, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, n.prepare(x));
        n.commit(x, true);
        n.forget(x);
        assertArrayEquals(r.recovered, n.recover(XAResource.TMSTARTRSCAN));
        assertEquals(42, n.getTransactionTimeout());
        assertTrue(n.setTransactionTimeout(7));
        XAException e = assertThrows(XAException.class, () -> n.rollback(x));
        assertEquals(XAException.XAER_NOTA, e.errorCode);
        assertEquals(List.of("start " + XAResource.TMJOIN, "end " + XAResource.TMSUCCESS, "prepare", "commit true", "forget",
                "recover " + XAResource.TMSTARTRSCAN, "getTransactionTimeout", "setTransactionTimeout 7", "rollback"), r.calls);
    }

    @Test
    @DisplayName("the name, product and version are what Narayana's XAResourceWrapper reports; the wrapped resource is reachable")
    void names() {
        Recording r = new Recording();
        NamedXAResource n = new NamedXAResource(r, "tally-orders", "Tally", null);
        assertEquals("tally-orders", n.getJndiName());
        assertEquals("Tally", n.getProductName());
        assertEquals("", n.getProductVersion());
        assertSame(r, n.getResource());
        assertTrue(n.toString().contains("tally-orders"), n.toString());
        assertEquals(n, new NamedXAResource(r, "tally-orders", "Tally", ""));
        assertNotEquals(n, new NamedXAResource(r, "other", "Tally", ""));
        assertNotEquals(n, new NamedXAResource(new Recording(), "tally-orders", "Tally", ""));
    }

    @Test
    @DisplayName("isSameRM looks through wrappers on the other side, so two named resources of one resource manager are the same RM")
    void isSameRmUnwraps() throws Exception {
        Recording r = new Recording();
        NamedXAResource a = new NamedXAResource(r, "a", "Tally", "");
        NamedXAResource b = new NamedXAResource(r, "b", "Tally", "");
        assertTrue(a.isSameRM(b));
        assertTrue(a.isSameRM(new NamedXAResource(b, "c", "Tally", "")));
        assertTrue(a.isSameRM(r));
        assertFalse(a.isSameRM(new NamedXAResource(new Recording(), "a", "Tally", "")));
    }

    @Test
    @DisplayName("a missing resource or name is refused with a message that says what to pass")
    void badArguments() {
        Recording r = new Recording();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NamedXAResource(r, " ", "Tally", ""));
        assertTrue(e.getMessage().contains("recovery helper"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NamedXAResource(r, null, "Tally", ""));
        assertThrows(IllegalArgumentException.class, () -> new NamedXAResource(null, "a", "Tally", ""));
        assertThrows(IllegalArgumentException.class, () -> new NamedXAResource(r, "a", null, ""));
        assertThrows(IllegalArgumentException.class, () -> TallyRecovery.named(r, ""));
    }

    @Test
    @DisplayName("NamingRecordPlugin copies name, product and version of a wrapper into Narayana's XAResourceRecord, and leaves other records alone")
    void pluginTranscribes() {
        NamingRecordPlugin plugin = new NamingRecordPlugin();
        Recording r = new Recording();
        XAResourceRecord record = new XAResourceRecord(null, TallyRecovery.named(r, "tally-orders"), r.recovered[0], null);
        plugin.transcribeWrapperData(record);
        assertEquals("tally-orders", record.getJndiName());
        assertEquals("Tally", record.getProductName());

        XAResourceRecord plain = new XAResourceRecord(null, r, r.recovered[0], null);
        plugin.transcribeWrapperData(plain);
        assertEquals(null, plain.getJndiName());
        assertEquals(0, plugin.getEISName(new Recording()));
        assertEquals("unknown eis name", plugin.getEISName(0));
    }
}
