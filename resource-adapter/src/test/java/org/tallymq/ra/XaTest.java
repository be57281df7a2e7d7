package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;

/**
 * XATransaction support driven as a transaction manager drives it: the managed connection's XAResource
 * (outbound), and transacted delivery with the XAResource of the delivery session (inbound), against an embedded
 * broker.
 */
class XaTest {

    private static final String URL = "vm://ra-unit-xa?persistent=false";
    private static final AtomicInteger XIDS = new AtomicInteger();
    private final Queue queue = new TallyQueue("ra.unit.xa");
    private JMSContext reader;

    @BeforeEach
    void setUp() {
        reader = new TallyConnectionFactory(URL).createContext();
    }

    @AfterEach
    void tearDown() {
        reader.close();
    }

    static Xid xid() {
        int n = XIDS.incrementAndGet();
        byte[] gtrid = ByteBuffer.allocate(8).putLong(System.nanoTime() ^ n).array();
        byte[] bqual = ByteBuffer.allocate(4).putInt(n).array();
        return new Xid() {
            @Override
            public int getFormatId() {
                return 4711;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return gtrid;
            }

            @Override
            public byte[] getBranchQualifier() {
                return bqual;
            }
        };
    }

    private TallyManagedConnection managed(ConnectionRequest.Kind kind) throws ResourceException {
        TallyManagedConnectionFactory mcf = new TallyManagedConnectionFactory();
        mcf.setConnectionURL(URL);
        return (TallyManagedConnection) mcf.createManagedConnection(null, new ConnectionRequest(kind, null, null));
    }

    @Test
    @DisplayName("classic handle in an XA branch: rollback discards the send, two-phase commit delivers it; "
            + "Session.commit in the branch throws TransactionInProgressException, outside it IllegalStateException")
    void classicBranch() throws Exception {
        TallyManagedConnection mc = managed(ConnectionRequest.Kind.CLASSIC);
        try {
            XAResource xa = mc.getXAResource();
            Xid first = xid();
            xa.start(first, XAResource.TMNOFLAGS);
            Connection c = (Connection) mc.getConnection(null, null);
            Session s = c.createSession();
            assertTrue(s.getTransacted());
            s.createProducer(queue).send(s.createTextMessage("rolled back"));
            assertThrows(TransactionInProgressException.class, s::commit);
            xa.end(first, XAResource.TMSUCCESS);
            xa.rollback(first);
            c.close();
            mc.cleanup();

            Xid second = xid();
            xa.start(second, XAResource.TMNOFLAGS);
            c = (Connection) mc.getConnection(null, null);
            s = c.createSession();
            s.createProducer(queue).send(s.createTextMessage("committed"));
            xa.end(second, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa.prepare(second));
            xa.commit(second, false);
            assertFalse(s.getTransacted());
            assertThrows(IllegalStateException.class, s::commit);
            c.close();
            mc.cleanup();
            assertEquals("committed", reader.createConsumer(queue).receiveBody(String.class, 5_000));
            assertNull(reader.createConsumer(queue).receiveNoWait());
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("JMSContext handle in an XA branch: one-phase commit delivers the send")
    void contextBranch() throws Exception {
        TallyManagedConnection mc = managed(ConnectionRequest.Kind.CONTEXT);
        try {
            XAResource xa = mc.getXAResource();
            Xid x = xid();
            xa.start(x, XAResource.TMNOFLAGS);
            JMSContext c = (JMSContext) mc.getConnection(null, null);
            c.createProducer().send(queue, "one phase");
            xa.end(x, XAResource.TMSUCCESS);
            xa.commit(x, true);
            c.close();
            assertEquals("one phase", reader.createConsumer(queue).receiveBody(String.class, 5_000));
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("one managed connection serves a classic and a JMSContext handle in the same branch: one XAResource "
            + "covers both, and both sends commit together")
    void bothKindsOneBranch() throws Exception {
        TallyManagedConnection mc = managed(ConnectionRequest.Kind.CLASSIC);
        try {
            XAResource xa = mc.getXAResource();
            Xid x = xid();
            xa.start(x, XAResource.TMNOFLAGS);
            Connection c = (Connection) mc.getConnection(null, null);
            Session s = c.createSession();
            s.createProducer(queue).send(s.createTextMessage("classic"));
            JMSContext ctx = (JMSContext) mc.getConnection(null,
                    new ConnectionRequest(ConnectionRequest.Kind.CONTEXT, null, null));
            ctx.createProducer().setProperty("kind", "simplified").send(queue, "context");
            xa.end(x, XAResource.TMSUCCESS);
            try (jakarta.jms.JMSConsumer probe = reader.createConsumer(queue)) {
                assertNull(probe.receiveNoWait(), "nothing visible before the commit");
            }
            assertEquals(XAResource.XA_OK, xa.prepare(x));
            xa.commit(x, false);
            c.close();
            ctx.close();
            jakarta.jms.JMSConsumer in = reader.createConsumer(queue);
            assertEquals("classic", in.receiveBody(String.class, 5_000));
            Message second = in.receive(5_000);
            assertEquals("context", second.getBody(String.class));
            assertEquals("simplified", second.getStringProperty("kind"));
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("recovery: getXAResources gives a resource whose recover() lists a branch left prepared, and "
            + "commit through it delivers the branch's send (Connectors 2.1 section 13.4.4)")
    void recoveryResolvesAPreparedBranch() throws Exception {
        Queue inDoubt = new TallyQueue("ra.unit.xa.indoubt");
        TallyManagedConnection mc = managed(ConnectionRequest.Kind.CONTEXT);
        Xid x = xid();
        try {
            XAResource xa = mc.getXAResource();
            xa.start(x, XAResource.TMNOFLAGS);
            JMSContext c = (JMSContext) mc.getConnection(null, null);
            c.createProducer().send(inDoubt, "in doubt");
            xa.end(x, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, xa.prepare(x));
            c.close();
        } finally {
            mc.destroy(); // the "crash": the branch stays prepared in the broker
        }
        TallyResourceAdapter ra = new TallyResourceAdapter();
        try {
            TallyActivationSpec spec = new TallyActivationSpec();
            spec.setDestination("any");
            spec.setDestinationType("jakarta.jms.Queue");
            spec.setConnectionURL(URL);
            XAResource[] resources = ra.getXAResources(new jakarta.resource.spi.ActivationSpec[] {spec});
            assertEquals(1, resources.length);
            Xid found = null;
            for (Xid r : resources[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)) {
                if (java.util.Arrays.equals(r.getGlobalTransactionId(), x.getGlobalTransactionId())
                        && java.util.Arrays.equals(r.getBranchQualifier(), x.getBranchQualifier())) {
                    found = r;
                }
            }
            assertNotNull(found, "recover() lists the prepared branch");
            try (jakarta.jms.JMSConsumer probe = reader.createConsumer(inDoubt)) {
                assertNull(probe.receiveNoWait(), "a prepared send stays invisible");
            }
            resources[0].commit(found, false);
            assertEquals("in doubt", reader.createConsumer(inDoubt).receiveBody(String.class, 5_000));
        } finally {
            ra.stop();
        }
    }

    /** A container in miniature: each delivery in its own branch of the endpoint's XAResource. */
    static final class XaEndpoints implements MessageEndpointFactory {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) {
            return createEndpoint(xaResource, 0);
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
            assertNotNull(xaResource, "a transacted endpoint gets the XAResource of its delivery session");
            return new Endpoint(xaResource);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return true;
        }

        @Override
        public String getActivationName() {
            return "xa-endpoint";
        }

        @Override
        public Class<?> getEndpointClass() {
            return Endpoint.class;
        }

        final class Endpoint implements MessageEndpoint, MessageListener {
            private final XAResource xa;
            private Xid xid;
            private boolean failed;

            Endpoint(XAResource xa) {
                this.xa = xa;
            }

            @Override
            public void beforeDelivery(Method method) throws ResourceException {
                xid = xid();
                failed = false;
                try {
                    xa.start(xid, XAResource.TMNOFLAGS);
                } catch (XAException e) {
                    throw new ResourceException(e);
                }
            }

            @Override
            public void onMessage(Message message) {
                try {
                    String body = message.getBody(String.class);
                    seen.add(body + " redelivered=" + message.getJMSRedelivered());
                    if (body.startsWith("fail") && !message.getJMSRedelivered()) {
                        failed = true;
                        throw new java.lang.IllegalStateException("fails " + body + " once, on purpose");
                    }
                } catch (JMSException e) {
                    throw new java.lang.IllegalStateException(e);
                }
            }

            @Override
            public void afterDelivery() throws ResourceException {
                try {
                    xa.end(xid, failed ? XAResource.TMFAIL : XAResource.TMSUCCESS);
                    if (failed) {
                        xa.rollback(xid);
                    } else if (xa.prepare(xid) == XAResource.XA_OK) {
                        xa.commit(xid, false);
                    }
                } catch (XAException e) {
                    throw new ResourceException(e);
                }
            }

            @Override
            public void release() {
            }
        }
    }

    @Test
    @DisplayName("transacted delivery: a receive whose branch rolls back is delivered again; committed ones are gone")
    void transactedDelivery() throws Exception {
        TallyResourceAdapter ra = new TallyResourceAdapter();
        try {
            TallyActivationSpec spec = new TallyActivationSpec();
            spec.setDestination("ra.unit.xa.in");
            spec.setDestinationType("jakarta.jms.Queue");
            spec.setConnectionURL(URL);
            spec.setMaxSession(1);
            XaEndpoints endpoints = new XaEndpoints();
            ra.endpointActivation(endpoints, spec);
            Queue in = new TallyQueue("ra.unit.xa.in");
            reader.createProducer().send(in, "one");
            reader.createProducer().send(in, "fail-two");
            assertEquals("one redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
            assertEquals("fail-two redelivered=false", endpoints.seen.poll(30, TimeUnit.SECONDS));
            assertEquals("fail-two redelivered=true", endpoints.seen.poll(30, TimeUnit.SECONDS));
            ra.endpointDeactivation(endpoints, spec);
            assertNull(reader.createConsumer(in).receiveNoWait(), "both receives committed");
        } finally {
            ra.stop();
        }
    }
}
