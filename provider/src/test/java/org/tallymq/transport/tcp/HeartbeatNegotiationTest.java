package org.tallymq.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tallymq.broker.BrokerConfig;
import org.tallymq.jms.TallyConnectionFactory;
import org.tallymq.protocol.BodyType;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.DestinationRef;
import org.tallymq.protocol.MessageData;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.ErrorCode;
import org.tallymq.protocol.Frame;
import org.tallymq.server.TallyServer;

/**
 * Heartbeat negotiation (protocol version 2, see the table in {@link Codec}): the client proposes
 * its period after CONNECTED, the broker answers the period both use; version-1 peers keep working
 * as before. Plus the frame limit for a peer that has not authenticated yet.
 *
 * <p>Waits are bounded generously and nothing asserts how fast: the broker below is configured with a
 * 10-minute heartbeat, so a silent client closed within a minute proves it used the negotiated one.
 */
class HeartbeatNegotiationTest {

    private static final int WAIT_MS = 60_000;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private TallyServer server(TcpOptions options) throws IOException {
        TallyServer s = TallyServer.start(BrokerConfig.builder("hb").dataDir(Files.createTempDirectory("tally-hb")).build(),
                new InetSocketAddress("127.0.0.1", 0), options);
        cleanup.add(s);
        return s;
    }

    private RawConnection raw(TallyServer server) throws IOException {
        Socket s = new Socket();
        s.connect(server.address(), 10_000);
        RawConnection r = new RawConnection(s, WAIT_MS);
        cleanup.add(r);
        return r;
    }

    @Test
    @DisplayName("a version-2 client proposes a period; the broker answers it and closes the client when it then stays silent")
    void brokerUsesTheAgreedPeriod() throws Exception {
        TallyServer server = server(TcpOptions.defaults().withHeartbeat(Duration.ofMinutes(10)));
        RawConnection c = raw(server);
        Command.Reply.Connected connected = assertInstanceOf(Command.Reply.Connected.class,
                c.call(1, new Command.Connect(2, null, null, null)));
        assertEquals(2, connected.protocolVersion(), "the broker speaks version 2 with a version-2 client");
        Command agreed = c.call(2, new Command.SetHeartbeat(200));
        assertEquals(new Command.Reply.HeartbeatAgreed(200), agreed);
        try (LogCapture logs = new LogCapture(Level.WARNING).quiet()) {
            // silent from now on: the broker declares it dead after 3 x 200 ms, not 3 x 10 min
            assertTrue(c.awaitClose(), "the broker closed the silent client within " + WAIT_MS + " ms");
            assertTrue(logs.messages(Level.WARNING).stream().anyMatch(m -> m.contains("within the dead-peer timeout")
                    && m.contains(c.localAddress())), "the reason names the client: " + logs.messages(Level.WARNING));
        }
    }

    @Test
    @DisplayName("the broker keeps a proposal within its bounds (100 ms to 10 min)")
    void proposalsAreBounded() throws Exception {
        TallyServer server = server(TcpOptions.defaults());
        RawConnection c = raw(server);
        c.call(1, new Command.Connect(Codec.PROTOCOL_VERSION, null, null, null));
        assertEquals(new Command.Reply.HeartbeatAgreed(100), c.call(2, new Command.SetHeartbeat(1)));
        assertEquals(new Command.Reply.HeartbeatAgreed(600_000), c.call(3, new Command.SetHeartbeat(Long.MAX_VALUE)));
        assertEquals(new Command.Reply.HeartbeatAgreed(100), c.call(4, new Command.SetHeartbeat(-5)), "a negative proposal gets the minimum");
    }

    @Test
    @DisplayName("a version-1 client gets the version-1 CONNECTED (no version field) and SetHeartbeat is a protocol violation")
    void versionOneClient() throws Exception {
        TallyServer server = server(TcpOptions.defaults());
        RawConnection c = raw(server);
        c.send(1, new Command.Connect(1, null, null, null));
        byte[] body = c.readBody();
        Frame f = Codec.decode(ByteBuffer.wrap(body), Integer.MAX_VALUE);
        assertEquals(new Command.Reply.Connected(((Command.Reply.Connected) f.command()).connectionId(), "hb"),
                f.command(), "a version-1 CONNECTED");
        assertEquals(Codec.encode(new Frame(1, f.command())).length - 4, body.length, "nothing after brokerName");
        try (LogCapture logs = new LogCapture(Level.WARNING).quiet()) {
            Command answer = c.call(2, new Command.SetHeartbeat(500));
            assertEquals(ErrorCode.PROTOCOL, assertInstanceOf(Command.Reply.Failed.class, answer).code());
            assertTrue(c.awaitClose(), "the connection is closed after the protocol violation");
        }
    }

    @Test
    @DisplayName("a version-0 CONNECT is refused with FAILED(PROTOCOL) naming the versions the broker speaks")
    void versionZero() throws Exception {
        TallyServer server = server(TcpOptions.defaults());
        RawConnection c = raw(server);
        try (LogCapture logs = new LogCapture(Level.WARNING).quiet()) {
            Command.Reply.Failed failed = assertInstanceOf(Command.Reply.Failed.class,
                    c.call(1, new Command.Connect(0, null, null, null)));
            assertEquals(ErrorCode.PROTOCOL, failed.code());
            assertTrue(failed.message().contains("versions 1 to " + Codec.PROTOCOL_VERSION), failed.message());
        }
    }

    @Test
    @DisplayName("a client of this version and a version-1 broker: the client sends no SetHeartbeat and works as before")
    void versionOneBroker() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<Command>> seen = CompletableFuture.supplyAsync(() -> {
                List<Command> commands = new ArrayList<>();
                try (Socket s = fake.accept()) {
                    s.setSoTimeout(WAIT_MS);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    Frame connect = readFrame(in);
                    commands.add(connect.command());
                    // a version-1 broker answers every CONNECT with the version-1 layout
                    out.write(Codec.encode(new Frame(connect.correlationId(), new Command.Reply.Connected("c1", "old"))));
                    out.flush();
                    Frame next = readFrame(in); // the next thing the client sends: Disconnect when it closes
                    commands.add(next.command());
                    out.write(Codec.encode(new Frame(next.correlationId(), Command.Reply.OK)));
                    out.flush();
                } catch (IOException e) {
                    commands.add(null);
                }
                return commands;
            });
            Connection c = new TallyConnectionFactory("tcp://127.0.0.1:" + fake.getLocalPort()).createConnection();
            c.close();
            List<Command> commands = seen.get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertEquals(Codec.PROTOCOL_VERSION, assertInstanceOf(Command.Connect.class, commands.get(0)).protocolVersion());
            assertFalse(commands.get(1) instanceof Command.SetHeartbeat, "no SetHeartbeat to a version-1 broker: " + commands);
        }
    }

    @Test
    @DisplayName("a client of this version over TCP negotiates: the connection works and stays up across idle periods")
    void clientNegotiates() throws Exception {
        TallyServer server = server(TcpOptions.defaults().withHeartbeat(Duration.ofMinutes(10)));
        TallyConnectionFactory cf = new TallyConnectionFactory("tcp://127.0.0.1:" + server.address().getPort()
                + "?heartbeat=200");
        try (Connection c = cf.createConnection()) {
            CompletableFuture<JMSException> lost = new CompletableFuture<>();
            c.setExceptionListener(lost::complete);
            Thread.sleep(2_000); // ten agreed periods idle: both ends beat every 200 ms, neither declares the other dead
            c.createSession().close();
            assertFalse(lost.isDone(), "an idle, healthy connection is not lost: " + lost.getNow(null));
        }
    }

    @Test
    @DisplayName("before CONNECT is answered a frame above 64 KiB closes the connection, with a warning naming the peer")
    void largeFrameBeforeConnect() throws Exception {
        TallyServer server = server(TcpOptions.defaults());
        RawConnection c = raw(server);
        try (LogCapture logs = new LogCapture(Level.WARNING).quiet()) {
            // a length prefix of 64 KiB + 1: refused from the prefix, before the body is read or buffered
            c.sendRaw(ByteBuffer.allocate(4).putInt(TcpOptions.DEFAULT_MAX_PRE_CONNECT_FRAME_BYTES + 1).array());
            assertTrue(c.awaitClose(), "closed");
            assertTrue(logs.messages(Level.WARNING).stream().anyMatch(m -> m.contains("bad frame from " + c.localAddress())
                    && m.contains("before CONNECT was answered")), logs.messages(Level.WARNING).toString());
        }
        // after CONNECT, the same peer may send frames up to the full maximum
        RawConnection ok = raw(server);
        ok.call(1, new Command.Connect(Codec.PROTOCOL_VERSION, null, null, null));
        ok.call(2, new Command.CreateSession(1, org.tallymq.protocol.SessionMode.AUTO_ACKNOWLEDGE));
        byte[] big = new byte[200_000];
        Command sent = ok.call(3, new Command.Send(1, sampleMessage(big)));
        assertEquals(Command.Reply.OK, sent, "a 200 KB message after CONNECT is accepted");
    }

    private static MessageData sampleMessage(byte[] body) {
        return new MessageData(BodyType.BYTES, "ID:hb-big", 0, null, null, DestinationRef.queue("hb.big"), null,
                MessageData.NON_PERSISTENT, 4, 0, 0, null, null, body);
    }

    private static Frame readFrame(DataInputStream in) throws IOException {
        while (true) {
            int len = in.readInt();
            Codec.checkFrameLength(len, TcpOptions.DEFAULT_MAX_FRAME_BYTES);
            byte[] body = new byte[len];
            in.readFully(body);
            Frame f = Codec.decode(ByteBuffer.wrap(body), TcpOptions.DEFAULT_MAX_FRAME_BYTES);
            if (!(f.command() instanceof Command.Heartbeat)) {
                return f;
            }
        }
    }
}
