package org.tallymq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The exactly-once bean: for each order of queue it.orders it inserts a row into the XA datasource and sends a reply
 * to it.replies, in the delivery's container (XA) transaction. Orders whose text starts with "fail-once" make it
 * throw after both, on their first delivery only, so that transaction rolls back.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/tally/queue/orders"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class OrderMdb implements MessageListener {

    @Resource(lookup = "java:jboss/datasources/TallyItXA")
    private DataSource ds;

    @Resource(lookup = "java:/jms/tally/cf")
    private ConnectionFactory cf;

    @Resource(lookup = "java:/jms/tally/queue/replies")
    private Queue replies;

    @EJB
    private Results results;

    @Override
    public void onMessage(Message message) {
        try {
            String order = message.getBody(String.class);
            results.record("orders", order + " redelivered=" + message.getJMSRedelivered());
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO processed_orders(order_id) VALUES (?)")) {
                ps.setString(1, order);
                ps.executeUpdate();
            }
            try (JMSContext jms = cf.createContext()) {
                jms.createProducer().send(replies, "done:" + order);
            }
            if (order.startsWith("fail-once") && !message.getJMSRedelivered()) {
                throw new IllegalStateException("OrderMdb fails the first delivery of " + order
                        + " after the insert and the reply, on purpose");
            }
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
