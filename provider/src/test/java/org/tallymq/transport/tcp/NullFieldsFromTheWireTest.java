package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.SessionMode;
import org.tallymq.server.TallyServer;

/**
 * Well-framed commands whose required fields are null (the codec lets null through for every
 * string, array, destination, enum and message field). Found by {@link WireFuzzTest}: the broker
 * throws a NullPointerException for each, logs it as SEVERE and answers FAILED(GENERIC) "internal
 * broker error". Bad input from the wire should get FAILED(PROTOCOL) with a message naming the
 * field, and log nothing SEVERE (issue 6 item 5; STYLE: no raw NPE for bad input).
 */
class NullFieldsFromTheWireTest {

    private static TallyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TallyServer.start(BrokerConfig.builder("null-fields").dataDir(Files.createTempDirectory("tally-null")).build(),
                new InetSocketAddress("127.0.0.1", 0), TcpOptions.defaults());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> commands() {
        DestinationRef q = DestinationRef.queue("null-fields");
        return Stream.of(
                Arguments.of("CREATE_SESSION mode null", new Command.CreateSession(9, null)),
                Arguments.of("SEND message null", new Command.Send(1, null)),
                Arguments.of("ACK deliveryIds null", new Command.Ack(1, null)),
                Arguments.of("RECOVER consumedDeliveryIds null", new Command.Recover(1, null)),
                Arguments.of("COMMIT consumedDeliveryIds null", new Command.Commit(2, null)),
                Arguments.of("ROLLBACK consumedDeliveryIds null", new Command.Rollback(2, null)),
                Arguments.of("BROWSE queue null", new Command.Browse(null, null)),
                Arguments.of("CREATE_CONSUMER destination null",
                        new Command.CreateConsumer(1, 7, null, null, false, null, false, false, 10)),
                Arguments.of("CREATE_TEMPORARY destination null", new Command.CreateTemporary(null)),
                Arguments.of("DELETE_TEMPORARY destination null", new Command.DeleteTemporary(null)),
                Arguments.of("BROWSE after a valid one", new Command.Browse(q, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void answeredWithProtocolErrorNotAnInternalError(String name, Command c) throws Exception {
        try (LogCapture logs = new LogCapture(Level.SEVERE).quiet();
             RawConnection raw = RawConnection.connect(server.address())) {
            assertInstanceOf(Command.Reply.Connected.class,
                    raw.call(1, new Command.Connect(Codec.PROTOCOL_VERSION, null, null, null)));
            assertInstanceOf(Command.Reply.Ok.class, raw.call(2, new Command.CreateSession(1, SessionMode.CLIENT_ACKNOWLEDGE)));
            assertInstanceOf(Command.Reply.Ok.class, raw.call(3, new Command.CreateSession(2, SessionMode.TRANSACTED)));
            Command reply = raw.call(4, c);
            if (c instanceof Command.Browse b && b.queue() != null) {
                assertInstanceOf(Command.Reply.Browsed.class, reply, "the connection still works");
                return;
            }
            Command.Reply.Failed failed = assertInstanceOf(Command.Reply.Failed.class, reply, name);
            assertEquals(ErrorCode.PROTOCOL, failed.code(), name + ": " + failed.message());
            List<String> severe = logs.messages(Level.SEVERE);
            assertTrue(severe.isEmpty(), "nothing SEVERE for bad input: " + severe);
        }
    }
}
