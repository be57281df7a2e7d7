package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.jms.TallyQueue;

/**
 * LocalTransaction support, driven as a server drives it (begin, use the handle, commit or rollback), against an
 * embedded broker: the sends of the handle belong to the transaction (Jakarta Messaging 3.1 section 12.3).
 */
class LocalTransactionTest {

    private static final String URL = "vm://ra-unit-localtx?persistent=false";
    private TallyManagedConnectionFactory mcf;
    private final Queue queue = new TallyQueue("ra.unit.localtx");
    private JMSContext reader;

    @BeforeEach
    void setUp() {
        mcf = new TallyManagedConnectionFactory();
        mcf.setConnectionURL(URL);
        reader = new TallyConnectionFactory(URL).createContext();
    }

    @AfterEach
    void tearDown() {
        reader.close();
    }

    private String receive() {
        return reader.createConsumer(queue).receiveBody(String.class, 5_000);
    }

    @Test
    @DisplayName("classic handle: rollback discards the send, commit delivers it; Session.commit in the transaction "
            + "throws TransactionInProgressException")
    void classic() throws ResourceException, JMSException {
        ConnectionRequest req = new ConnectionRequest(ConnectionRequest.Kind.CLASSIC, null, null);
        TallyManagedConnection mc = (TallyManagedConnection) mcf.createManagedConnection(null, req);
        try {
            LocalTransaction tx = mc.getLocalTransaction();
            tx.begin();
            Connection c = (Connection) mc.getConnection(null, req);
            Session s = c.createSession();
            assertTrue(s.getTransacted());
            s.createProducer(queue).send(s.createTextMessage("rolled back"));
            assertThrows(TransactionInProgressException.class, s::commit);
            tx.rollback();
            c.close();
            mc.cleanup();

            tx.begin();
            c = (Connection) mc.getConnection(null, req);
            s = c.createSession();
            s.createProducer(queue).send(s.createTextMessage("committed"));
            tx.commit();
            c.close();
            mc.cleanup();
            assertEquals("committed", receive());
            assertNull(reader.createConsumer(queue).receiveNoWait());
        } finally {
            mc.destroy();
        }
    }

    @Test
    @DisplayName("JMSContext handle: rollback discards the send, commit delivers it; JMSContext.commit in the "
            + "transaction throws TransactionInProgressRuntimeException")
    void context() throws ResourceException {
        ConnectionRequest req = new ConnectionRequest(ConnectionRequest.Kind.CONTEXT, null, null);
        TallyManagedConnection mc = (TallyManagedConnection) mcf.createManagedConnection(null, req);
        try {
            LocalTransaction tx = mc.getLocalTransaction();
            tx.begin();
            JMSContext c = (JMSContext) mc.getConnection(null, req);
            c.createProducer().send(queue, "rolled back");
            assertThrows(TransactionInProgressRuntimeException.class, c::commit);
            tx.rollback();
            c.close();
            mc.cleanup();

            tx.begin();
            c = (JMSContext) mc.getConnection(null, req);
            c.createProducer().send(queue, "committed");
            tx.commit();
            c.close();
            mc.cleanup();
            assertEquals("committed", receive());
        } finally {
            mc.destroy();
        }
    }
}
