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
