package org.tallymq.transport.tcp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.tallymq.protocol.Codec;
import org.tallymq.protocol.Command;
import org.tallymq.protocol.Frame;

/**
 * A bare socket speaking the Tally frame format, for tests that play a client (or a broker) by
 * hand. Not thread-safe.
 */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, 10_000);
        return new RawConnection(s, 10_000);
    }

    /** This end's address as the far side logs it, {@code 127.0.0.1:PORT}. */
    String localAddress() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    void send(long correlationId, Command c) throws IOException {
        out.write(Codec.encode(new Frame(correlationId, c)));
        out.flush();
    }

    /** Writes bytes as they are (a frame, a part of one, or garbage). */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The body (after the length prefix) of the next frame, heartbeats included. */
    byte[] readBody() throws IOException {
        int len = in.readInt();
        Codec.checkFrameLength(len, TcpOptions.DEFAULT_MAX_FRAME_BYTES);
        byte[] body = new byte[len];
        in.readFully(body);
        return body;
    }

    /** The next frame, skipping heartbeats. @throws EOFException when the far side closed */
    Frame read() throws IOException {
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

    /** Sends a request and returns the reply with its correlation id (pushed frames in between are skipped). */
    Command call(long correlationId, Command c) throws IOException {
        send(correlationId, c);
        while (true) {
            Frame f = read();
            if (f.correlationId() == correlationId) {
                return f.command();
            }
        }
    }

    /** Reads until the far side closes; true if it did (end of stream or reset). */
    boolean awaitClose() throws IOException {
        try {
            byte[] buf = new byte[4096];
            while (socket.getInputStream().read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
