package org.tallymq.sample.mdb;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
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
 * A message-driven bean on Tally: for each order on the queue it writes a row and sends a confirmation, and the
 * receive, the row and the confirmation commit together or not at all (the container's XA transaction: Tally's
 * delivery session, the datasource and the pooled Tally connection are its three branches). If the bean throws,
 * all three roll back and Tally delivers the order again.
 *
 * <p>Which resource adapter delivers to it is server configuration (see README.md beside this directory): WildFly
 * jboss-ejb3.xml, GlassFish glassfish-ejb-jar.xml, Open Liberty server.xml.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/tally/orders"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")})
public class OrderListener implements MessageListener {

    @Resource(lookup = "java:/jms/tally/cf")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/tally/confirmations")
    private Queue confirmations;

    @Resource(lookup = "java:jboss/datasources/OrdersXA")
    private DataSource orders;

    @Override
    public void onMessage(Message message) {
        try {
            String order = message.getBody(String.class);
            try (Connection db = orders.getConnection();
                 PreparedStatement insert = db.prepareStatement("INSERT INTO orders(id) VALUES (?)")) {
                insert.setString(1, order);
                insert.executeUpdate();
            }
            try (JMSContext jms = connectionFactory.createContext()) { // takes part in the container transaction
                jms.createProducer().send(confirmations, "confirmed " + order);
            }
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException("order not processed; the container rolls back and Tally redelivers it", e);
        }
    }
}
