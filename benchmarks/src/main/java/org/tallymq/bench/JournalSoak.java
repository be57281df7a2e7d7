package org.tallymq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * Soak: a steady persistent produce/consume load for a while, printing once a second the messages
 * moved, the backlog, and the journal's size on disk, to show that disk use follows the live data
 * (reclaim and compaction keep up) instead of growing with the total written.
 *
 * <pre>mvn -q -pl benchmarks -am package exec:java -DskipTests -Dbench.main=org.tallymq.bench.JournalSoak -Dexec.args="60 /tmp/tally-soak"</pre>
 *
 * Arguments: seconds (default 60), data directory (default a new temporary one).
 */
public final class JournalSoak {

    private JournalSoak() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("tally-soak");
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://soak?dataDir=" + dir);
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        System.out.printf("soak: %d s of 1 KiB PERSISTENT messages, 4 producers and 1 CLIENT_ACKNOWLEDGE consumer, journal in %s%n",
                seconds, dir.resolve("journal"));
        try (Connection consumerConn = cf.createConnection()) {
            Thread[] producers = new Thread[4];
            for (int p = 0; p < producers.length; p++) {
                producers[p] = new Thread(() -> {
                    try (Connection c = cf.createConnection()) {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageProducer producer = s.createProducer(s.createQueue("soak"));
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        byte[] body = new byte[1024];
                        while (System.nanoTime() < end) {
                            BytesMessage m = s.createBytesMessage();
                            m.writeBytes(body);
                            producer.send(m);
                            sent.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }, "soak-producer-" + p);
                producers[p].start();
            }
            Session cs = consumerConn.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue q = cs.createQueue("soak");
            MessageConsumer consumer = cs.createConsumer(q);
            consumerConn.start();
            Thread consumerThread = new Thread(() -> {
                try {
                    int sinceAck = 0;
                    while (true) {
                        Message m = consumer.receive(2_000);
                        if (m == null) {
                            if (System.nanoTime() > end) {
                                return;
                            }
                            continue;
                        }
                        received.incrementAndGet();
                        if (++sinceAck == 50) {
                            m.acknowledge();
                            sinceAck = 0;
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "soak-consumer");
            consumerThread.start();
            long maxBytes = 0;
            long lastSent = 0;
            for (int second = 1; second <= seconds + 5 && (consumerThread.isAlive()); second++) {
                Thread.sleep(1_000);
                long bytes = journalBytes(dir.resolve("journal"));
                maxBytes = Math.max(maxBytes, bytes);
                long s = sent.get();
                System.out.printf("t=%3ds sent %,9d (%,6d/s) received %,9d backlog %,7d journal %,7.1f MiB in %d files%n", second, s,
                        s - lastSent, received.get(), s - received.get(), bytes / 1048576.0, journalFiles(dir.resolve("journal")));
                lastSent = s;
            }
            for (Thread t : producers) {
                t.join();
            }
            consumerThread.join();
            System.out.printf("total sent %,d (%,.1f MiB of bodies), largest journal on disk %,.1f MiB%n", sent.get(),
                    sent.get() / 1024.0, maxBytes / 1048576.0);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("soak failed", failure.get());
        }
        System.exit(0);
    }

    private static long journalBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long journalFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
