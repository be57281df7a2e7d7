package org.tallymq.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tallymq.protocol.Acceptor;
import org.tallymq.protocol.Endpoint;
import org.tallymq.protocol.Frame;
import org.tallymq.protocol.Peer;

/**
 * The in-VM channel: brokers register under a name, clients connect by that name, and frames
 * (immutable command records) are handed across without encoding. The client and the broker
 * still speak only in protocol commands, exactly as over TCP.
 *
 * <p>Ordering: each direction is ordered because each side's {@link Endpoint} is called on the
 * sender's thread in send order, and both endpoints hand work to their own single thread.
 */
public final class InVmTransport {

    private static final Map<String, Acceptor> BROKERS = new ConcurrentHashMap<>();
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private InVmTransport() {
    }

    public static void register(String brokerName, Acceptor broker) {
        if (BROKERS.putIfAbsent(brokerName, broker) != null) {
            throw new IllegalStateException("an in-VM broker named '" + brokerName + "' is already registered");
        }
    }

    public static void unregister(String brokerName, Acceptor broker) {
        BROKERS.remove(brokerName, broker);
    }

    public static boolean isRegistered(String brokerName) {
        return BROKERS.containsKey(brokerName);
    }

    /**
     * Connects {@code client} to the broker registered as {@code brokerName}.
     *
     * @return the peer through which the client sends frames to the broker
     * @throws IllegalStateException when no broker of that name runs in this JVM
     */
    public static Peer connect(String brokerName, Endpoint client) {
        Acceptor acceptor = BROKERS.get(brokerName);
        if (acceptor == null) {
            throw new IllegalStateException("no in-VM broker named '" + brokerName + "' is running in this JVM");
        }
        String address = "vm://" + brokerName + "#" + CONNECTIONS.incrementAndGet();
        Link link = new Link(address);
        link.toClient = client;
        link.toBroker = acceptor.accept(link.clientSide);
        return link.brokerSide;
    }

    /** Both directions of one in-VM connection. */
    private static final class Link {
        final String address;
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Endpoint toClient;
        volatile Endpoint toBroker;

        /** What the broker holds: sends go to the client. */
        final Peer clientSide = new Peer() {
            @Override
            public void send(Frame frame) {
                if (!closed.get()) {
                    toClient.receive(frame);
                }
            }

            @Override
            public void close(String reason) {
                closeLink(reason, true);
            }

            @Override
            public String address() {
                return address;
            }
        };

        /** What the client holds: sends go to the broker. */
        final Peer brokerSide = new Peer() {
            @Override
            public void send(Frame frame) {
                if (closed.get()) {
                    throw new IllegalStateException("the in-VM connection " + address + " is closed");
                }
                toBroker.receive(frame);
            }

            @Override
            public void close(String reason) {
                closeLink(reason, false);
            }

            @Override
            public String address() {
                return address;
            }
        };

        Link(String address) {
            this.address = address;
        }

        private void closeLink(String reason, boolean byBroker) {
            if (closed.compareAndSet(false, true)) {
                // tell the side that did not close
                if (byBroker) {
                    toClient.peerClosed(reason);
                } else {
                    toBroker.peerClosed(reason);
                }
            }
        }
    }
}
