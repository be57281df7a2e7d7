package org.tallymq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

/** Sends and receives through the adapter's pooled connection factory, in container transactions. */
@Stateless
public class SenderBean {

    @Resource(lookup = "java:/jms/tally/cf")
    private ConnectionFactory cf;

    @Resource
    private SessionContext ctx;

    /** Sends with a JMSContext in the caller's (or a new) container transaction; marks it rollback-only if asked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void send(Queue queue, String text, boolean rollback) {
        try (JMSContext c = cf.createContext()) {
            c.createProducer().send(queue, text);
        }
        if (rollback) {
            ctx.setRollbackOnly();
        }
    }

    /** Sends with the classic API in a container transaction; marks it rollback-only if asked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendClassic(Queue queue, String text, boolean rollback) throws JMSException {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession();
            MessageProducer p = s.createProducer(queue);
            p.send(s.createTextMessage(text));
        }
        if (rollback) {
            ctx.setRollbackOnly();
        }
    }

    /**
     * Calls what section 12.2 forbids in this container and returns, per call, the simple name of the exception
     * it threw (or "none").
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public java.util.Map<String, String> forbiddenCalls(Queue queue) throws JMSException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        try (Connection c = cf.createConnection(); JMSContext x = cf.createContext()) {
            out.put("Connection.setClientID", thrown(() -> c.setClientID("x")));
            out.put("Connection.setExceptionListener", thrown(() -> c.setExceptionListener(e -> { })));
            out.put("Connection.stop", thrown(c::stop));
            Session s = c.createSession();
            out.put("second Connection.createSession", thrown(c::createSession));
            out.put("Session.setMessageListener", thrown(() -> s.setMessageListener(m -> { })));
            out.put("Session.commit in a container transaction", thrown(s::commit));
            out.put("MessageConsumer.setMessageListener", thrown(() -> s.createConsumer(queue).setMessageListener(m -> { })));
            out.put("JMSContext.setClientID", thrown(() -> x.setClientID("x")));
            out.put("JMSContext.stop", thrown(x::stop));
            out.put("JMSContext.createContext", thrown(() -> x.createContext(JMSContext.AUTO_ACKNOWLEDGE)));
            out.put("JMSContext.commit in a container transaction", thrown(x::commit));
            out.put("JMSProducer.setAsync", thrown(() -> x.createProducer().setAsync(new jakarta.jms.CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            })));
        }
        ctx.setRollbackOnly();
        return out;
    }

    private interface JmsCall {
        void run() throws JMSException;
    }

    private static String thrown(JmsCall call) {
        try {
            call.run();
            return "none";
        } catch (JMSException | RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Receives one message outside any transaction (AUTO_ACKNOWLEDGE); null if none came in time. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String receive(Queue queue, long millis) throws JMSException {
        try (JMSContext c = cf.createContext()) {
            JMSConsumer consumer = c.createConsumer(queue);
            Message m = consumer.receive(millis);
            return m == null ? null : m.getBody(String.class);
        }
    }
}
