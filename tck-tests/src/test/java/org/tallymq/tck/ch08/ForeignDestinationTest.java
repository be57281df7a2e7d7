package org.tallymq.tck.ch08;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.ClassicSupport;

/**
 * Javadoc of {@code InvalidDestinationException}: "This exception must be thrown when a destination either is not
 * understood by a provider or is no longer valid." A {@code Destination} that is neither a Queue nor a Topic of any
 * provider cannot be understood by one.
 */
@DisplayName("10.3 InvalidDestinationException for destinations the provider does not understand")
class ForeignDestinationTest extends ClassicSupport {

    /** Neither a Queue nor a Topic: no provider can know where it points. */
    private static final Destination NOWHERE = new Destination() {
        @Override
        public String toString() {
            return "a Destination that is neither Queue nor Topic";
        }
    };

    @Test
    @DisplayName("8.1/10.3 createConsumer on a destination that is neither Queue nor Topic → InvalidDestinationException")
    void consumer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(NOWHERE));
    }

    @Test
    @DisplayName("7.1/10.3 createProducer on, or send to, a destination that is neither Queue nor Topic → InvalidDestinationException")
    void producer() throws JMSException {
        Session s = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThrows(InvalidDestinationException.class, () -> s.createProducer(NOWHERE));
        MessageProducer unidentified = s.createProducer(null);
        Message m = s.createTextMessage("x");
        assertThrows(InvalidDestinationException.class, () -> unidentified.send(NOWHERE, m));
    }
}
