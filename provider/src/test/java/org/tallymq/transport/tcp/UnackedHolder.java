package org.tallymq.transport.tcp;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.tallymq.client.ConnectionOptions;
import org.tallymq.client.TallyConnection;

/**
 * A client in a JVM of its own for {@link DeadPeerTest}: receives {@code count} messages from a
 * queue in a CLIENT_ACKNOWLEDGE session, acknowledges none, prints {@code HOLDING <count>} and
 * waits to be killed (or stopped).
 *
 * <p>Arguments: {@code PORT QUEUE COUNT HEARTBEAT_MILLIS}.
 */
public final class UnackedHolder {

    private UnackedHolder() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String queue = args[1];
        int count = Integer.parseInt(args[2]);
        TcpOptions tcp = TcpOptions.defaults().withHeartbeat(Duration.ofMillis(Long.parseLong(args[3])));
        TallyConnection c = TallyConnection.open(ConnectionOptions.parse("tcp://127.0.0.1:" + port), client -> {
            try {
                return TcpConnector.connect("127.0.0.1", port, client, tcp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null, null);
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
        c.start();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(30_000);
            if (m == null) {
                System.out.println("MISSING " + i);
                System.exit(2);
            }
        }
        System.out.println("HOLDING " + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
