package org.tallymq.tck.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.tck.Tck;

/** The suite's first check: the provider named by the JNDI file carries a message at all. */
class TransportSmokeTest {

    @Test
    @DisplayName("A message sent to a queue is received (whatever transport the JNDI file names)")
    void roundTrip() throws Exception {
        try (Connection c = Tck.connectionFactory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(Tck.uniqueName("smoke"));
            s.createProducer(q).send(s.createTextMessage("ping"));
            MessageConsumer consumer = s.createConsumer(q);
            c.start();
            TextMessage m = (TextMessage) consumer.receive(Tck.RECEIVE_TIMEOUT_MS);
            assertNotNull(m, "the message did not come back");
            assertEquals("ping", m.getText());
        }
    }
}
