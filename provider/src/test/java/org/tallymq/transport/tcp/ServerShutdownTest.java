package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.server.TallyServer;

/** What a client sees when the standalone broker stops (issue 6 item 1: SIGTERM stops cleanly). */
class ServerShutdownTest {

    @Test
    @DisplayName("closing the server tells each client why (ExceptionListener), stops accepting, and unlocks the data directory")
    void clientsLearnThatTheBrokerIsShuttingDown() throws Exception {
        Path dir = Files.createTempDirectory("tally-shutdown");
        TallyServer server = TallyServer.start(BrokerConfig.builder("shutdown").dataDir(dir).build(),
                new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
        InetSocketAddress address = server.address();
        Connection c = new TallyConnectionFactory("tcp://127.0.0.1:" + address.getPort()).createConnection();
        try {
            CompletableFuture<JMSException> listened = new CompletableFuture<>();
            java.util.concurrent.CountDownLatch calls = new java.util.concurrent.CountDownLatch(2);
            c.setExceptionListener(e -> {
                listened.complete(e);
                calls.countDown();
            });
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);

            server.close();

            JMSException e = listened.get(30, TimeUnit.SECONDS);
            assertTrue(e.getMessage().contains("shutting down"), "the client hears that the broker is shutting down: "
                    + e.getMessage());
            org.junit.jupiter.api.Assertions.assertFalse(calls.await(1, TimeUnit.SECONDS),
                    "the ExceptionListener hears of the loss once (the goodbye and the socket closing are one loss)");
            assertThrows(JMSException.class, () -> s.createProducer(s.createQueue("q")).send(s.createTextMessage("x")),
                    "sending after the broker stopped fails");
            assertInstanceOf(IOException.class, refused(address), "the port no longer accepts connections");
            TallyServer again = TallyServer.start(BrokerConfig.builder("shutdown-2").dataDir(dir).build(),
                    new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
            again.close(); // the data directory was unlocked
        } finally {
            c.close();
        }
    }

    private static Object refused(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            return "connected";
        } catch (IOException e) {
            return e;
        }
    }
}
