package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.SessionMode;
import org.tallymq.server.TallyServer;

/**
 * JMSXUserID cannot be forged by a client that writes its own frames (bypassing the client library,
 * which refuses to set it): with populateUserId the broker overwrites it with the authenticated user,
 * or removes it when there is none. Spec 3.5.9: JMSXUserID is set by the provider on send.
 */
class UserIdFromTheWireTest {

    private static MessageData forged(String queue) {
        return new MessageData(BodyType.TEXT, "ID:forged-1", 0, null, null, DestinationRef.queue(queue), null,
                MessageData.NON_PERSISTENT, 4, 0, 0, null, Map.of("JMSXUserID", "admin"),
                "forged".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a message claiming JMSXUserID=admin as {@code user}, receives it with the JMS API, returns its JMSXUserID. */
    private static String sendForgedAndReceive(BrokerConfig.Builder builder, String user, String password) throws Exception {
        try (TallyServer server = TallyServer.start(builder.dataDir(Files.createTempDirectory("tally-userid")).build(),
                new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
             RawConnection raw = RawConnection.connect(server.address())) {
            assertInstanceOf(Command.Reply.Connected.class,
                    raw.call(1, new Command.Connect(Codec.PROTOCOL_VERSION, user, password, null)));
            assertInstanceOf(Command.Reply.Ok.class, raw.call(2, new Command.CreateSession(1, SessionMode.AUTO_ACKNOWLEDGE)));
            assertInstanceOf(Command.Reply.Ok.class, raw.call(3, new Command.Send(1, forged("userid.wire"))));
            TallyConnectionFactory cf = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort());
            try (Connection c = cf.createConnection(user, password)) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Message m = s.createConsumer(s.createQueue("userid.wire")).receive(10_000);
                assertNotNull(m, "the forged message arrived");
                return m.getStringProperty("JMSXUserID");
            }
        }
    }

    @Test
    @DisplayName("populateUserId: a JMSXUserID written into a SEND frame is replaced by the authenticated user")
    void overwrittenWithTheAuthenticatedUser() throws Exception {
        assertEquals("mallory", sendForgedAndReceive(BrokerConfig.builder("userid-auth")
                .users(Map.of("mallory", "m-pw")).populateUserId(true), "mallory", "m-pw"));
    }

    @Test
    @DisplayName("populateUserId without authentication: a forged JMSXUserID is removed")
    void removedWithoutAUser() throws Exception {
        assertNull(sendForgedAndReceive(BrokerConfig.builder("userid-anon").populateUserId(true), null, null));
    }
}
