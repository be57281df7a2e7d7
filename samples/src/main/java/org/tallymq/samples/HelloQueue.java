package org.tallymq.samples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * The smallest Tally program: an embedded broker starts on the first connection; one message goes
 * to a queue and comes back.
 *
 * <pre>mvn -q -pl samples -am package exec:java -DskipTests</pre>
 */
public final class HelloQueue {

    private HelloQueue() {
    }

    public static void main(String[] args) throws JMSException {
        ConnectionFactory factory = new TallyConnectionFactory(); // vm://default, data in ./tally-data
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("hello");

            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("Hello from Tally"));

            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            TextMessage received = (TextMessage) consumer.receive(5_000);
            if (received == null) {
                throw new IllegalStateException("the message did not come back within 5 s");
            }
            System.out.println("received: " + received.getText() + " (" + received.getJMSMessageID() + ")");
        }
    }
}
