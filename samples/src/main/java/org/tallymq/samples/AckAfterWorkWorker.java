package org.tallymq.samples;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * A CLIENT_ACKNOWLEDGE worker: it acknowledges a job only after the work is done, so a job whose
 * work fails (or whose worker dies) comes back. Here the work fails once on purpose: the worker
 * calls {@code Session.recover()}, the job comes back with JMSRedelivered=true and
 * JMSXDeliveryCount=2, and the second attempt succeeds and is acknowledged.
 *
 * <pre>mvn -q -pl samples -am package exec:java -DskipTests -Dsample.main=org.tallymq.samples.AckAfterWorkWorker</pre>
 */
public final class AckAfterWorkWorker {

    private AckAfterWorkWorker() {
    }

    public static void main(String[] args) throws JMSException {
        ConnectionFactory factory = new TallyConnectionFactory("vm://worker-sample");
        try (Connection connection = factory.createConnection()) {
            Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue jobs = producerSession.createQueue("jobs");
            MessageProducer producer = producerSession.createProducer(jobs);
            for (int i = 1; i <= 3; i++) {
                producer.send(producerSession.createTextMessage("job-" + i));
            }

            Session work = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = work.createConsumer(jobs);
            connection.start();
            int done = 0;
            boolean failedOnce = false;
            while (done < 3) {
                Message m = consumer.receive(5_000);
                if (m == null) {
                    throw new IllegalStateException("expected more jobs");
                }
                String job = ((TextMessage) m).getText();
                int attempt = m.getIntProperty("JMSXDeliveryCount");
                if (job.equals("job-2") && !failedOnce) {
                    failedOnce = true;
                    System.out.println(job + ": attempt " + attempt + " failed; recovering (not acknowledged)");
                    work.recover();
                    continue;
                }
                System.out.println(job + ": attempt " + attempt + (m.getJMSRedelivered() ? " (redelivered)" : "")
                        + " done; acknowledging");
                m.acknowledge(); // acknowledges every message this session has consumed so far
                done++;
            }
            System.out.println("all jobs done");
        }
    }
}
