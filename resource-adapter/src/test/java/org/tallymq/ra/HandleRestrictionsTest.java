package org.tallymq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.jms.TallyQueue;

/**
 * Handles follow Jakarta Messaging 3.1 section 12.2 ("Restrictions on the use of the Jakarta Messaging API in the
 * Jakarta EE web or EJB container") and section 7.3.5 (no asynchronous send there), against an embedded broker and
 * the unpooled connection manager (no server).
 */
class HandleRestrictionsTest {

    private static final CompletionListener NO_OP = new CompletionListener() {
        @Override
        public void onCompletion(Message message) {
        }

        @Override
        public void onException(Message message, Exception exception) {
        }
    };

    private PooledConnectionFactory cf;
    private final Queue queue = new TallyQueue("ra.unit.restrictions");

    @BeforeEach
    void setUp() throws ResourceException {
        TallyManagedConnectionFactory mcf = new TallyManagedConnectionFactory();
        mcf.setConnectionURL("vm://ra-unit-restrictions?persistent=false");
        cf = (PooledConnectionFactory) mcf.createConnectionFactory();
    }

    private Connection connection;
    private JMSContext context;

    @AfterEach
    void tearDown() throws JMSException {
        if (connection != null) {
            connection.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    @DisplayName("12.2: Connection.setClientID, setExceptionListener, stop and connection consumers throw "
            + "IllegalStateException")
    void connectionRestrictions() throws JMSException {
        connection = cf.createConnection();
        assertThrows(IllegalStateException.class, () -> connection.setClientID("x"));
        assertThrows(IllegalStateException.class, () -> connection.setExceptionListener(e -> { }));
        assertThrows(IllegalStateException.class, connection::stop);
        assertThrows(IllegalStateException.class, () -> connection.createConnectionConsumer(queue, null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> connection.createSharedConnectionConsumer(null, "s", null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> connection.createDurableConnectionConsumer(null, "s", null, null, 1));
        assertThrows(IllegalStateException.class,
                () -> connection.createSharedDurableConnectionConsumer(null, "s", null, null, 1));
        assertNull(connection.getExceptionListener());
    }

    @Test
    @DisplayName("12.2: a second open session on a connection throws IllegalStateException; after close, one may "
            + "be created again")
    void oneSessionPerConnection() throws JMSException {
        connection = cf.createConnection();
        Session first = connection.createSession();
        assertThrows(IllegalStateException.class, () -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
        first.close();
        assertNotNull(connection.createSession(Session.AUTO_ACKNOWLEDGE));
    }

    @Test
    @DisplayName("12.2: Session.setMessageListener/getMessageListener and MessageConsumer.setMessageListener/"
            + "getMessageListener throw IllegalStateException; Session.run throws")
    void sessionAndConsumerRestrictions() throws JMSException {
        connection = cf.createConnection();
        Session s = connection.createSession();
        assertThrows(IllegalStateException.class, () -> s.setMessageListener(m -> { }));
        assertThrows(IllegalStateException.class, s::getMessageListener);
        assertThrows(UnsupportedOperationException.class, s::run);
        MessageConsumer c = s.createConsumer(queue);
        assertThrows(IllegalStateException.class, () -> c.setMessageListener(m -> { }));
        assertThrows(IllegalStateException.class, c::getMessageListener);
    }

    @Test
    @DisplayName("7.3.5: MessageProducer.send with a CompletionListener throws IllegalStateException")
    void noAsyncSendClassic() throws JMSException {
        connection = cf.createConnection();
        Session s = connection.createSession();
        MessageProducer p = s.createProducer(queue);
        TextMessage m = s.createTextMessage("x");
        assertThrows(IllegalStateException.class, () -> p.send(m, NO_OP));
        assertThrows(IllegalStateException.class, () -> p.send(queue, m, NO_OP));
    }

    @Test
    @DisplayName("12.2: JMSContext.setClientID, setExceptionListener, stop, createContext throw "
            + "IllegalStateRuntimeException; so do JMSConsumer.setMessageListener and JMSProducer.setAsync")
    void contextRestrictions() {
        context = cf.createContext();
        assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("x"));
        assertThrows(IllegalStateRuntimeException.class, () -> context.setExceptionListener(e -> { }));
        assertThrows(IllegalStateRuntimeException.class, context::stop);
        assertThrows(IllegalStateRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, () -> context.createConsumer(queue).setMessageListener(m -> { }));
        assertThrows(IllegalStateRuntimeException.class, () -> context.createProducer().setAsync(NO_OP));
    }

    @Test
    @DisplayName("outside a transaction the handles send and receive (non-transacted, AUTO_ACKNOWLEDGE)")
    void sendAndReceive() throws JMSException {
        context = cf.createContext();
        assertFalse(context.getTransacted());
        context.createProducer().setPriority(7).send(queue, "via context");
        connection = cf.createConnection();
        Session s = connection.createSession(true, Session.SESSION_TRANSACTED); // arguments ignored (12.3)
        assertFalse(s.getTransacted());
        s.createProducer(queue).send(s.createTextMessage("via connection"));
        connection.start();
        MessageConsumer c = s.createConsumer(queue);
        Message first = c.receive(10_000);
        assertEquals("via context", first.getBody(String.class));
        assertEquals(7, first.getJMSPriority());
        assertEquals("via connection", c.receive(10_000).getBody(String.class));
    }

    @Test
    @DisplayName("a closed handle throws IllegalStateException; close is idempotent")
    void closedHandle() throws JMSException {
        Connection c = cf.createConnection();
        Session s = c.createSession();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::createSession);
        assertThrows(IllegalStateException.class, () -> s.createProducer(queue));
        JMSContext x = cf.createContext();
        x.close();
        assertThrows(IllegalStateRuntimeException.class, x::createProducer);
    }
}
