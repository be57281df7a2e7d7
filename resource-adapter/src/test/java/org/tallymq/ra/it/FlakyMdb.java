package org.tallymq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Throws on the first delivery of every message of queue it.flaky, accepts the redelivery. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.flaky"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class FlakyMdb implements MessageListener {

    @EJB
    private Results results;

    @Override
    public void onMessage(Message message) {
        try {
            String text = message.getBody(String.class);
            results.record("flaky", text + " redelivered=" + message.getJMSRedelivered() + " count="
                    + message.getIntProperty("JMSXDeliveryCount"));
            if (!message.getJMSRedelivered()) {
                throw new IllegalStateException("FlakyMdb fails the first delivery of " + text + " on purpose");
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
