package org.tallymq.bench;

import jakarta.jms.MessageProducer;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.tallymq.broker.Broker;
import org.tallymq.jms.TallyQueue;
import org.tallymq.jms.TallyXAConnectionFactory;
import org.tallymq.protocol.XidData;
import org.tallymq.server.EmbeddedBrokers;

/**
 * Tally's side of XA alone, without a transaction manager or a database: each worker thread runs XA
 * transactions of one persistent 1 KiB send (start, send, end, prepare, commit) through its own
 * XASession of an embedded broker, for a time window. Prints transactions/s and the journal's forces
 * per transaction (from the journal's own counter), so it shows whether concurrent prepares and commits
 * share forces (group commit), next to the machine's fsync limit measured in the same run.
 *
 * <pre>java -cp ... org.tallymq.bench.XaBench DATA_DIR [seconds per window] [repetitions]</pre>
 */
public final class XaBench {

    private static final int BODY = 1024;

    private XaBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/xa-bench");
        double window = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(dir);
        System.out.printf("XaBench: 1 persistent %d-byte send per XA transaction, %s s windows, %d repetitions%n", BODY, window, reps);
        for (int rep = 1; rep <= reps; rep++) {
            double fsync = FsyncProbe.limit(dir.resolve("fsync.probe"), Math.min(window, 3));
            StringBuilder line = new StringBuilder(String.format("rep %d: fsync %.0f/s", rep, fsync));
            for (int threads : new int[]{1, 4, 16}) {
                for (boolean onePhase : new boolean[]{false, true}) {
                    double[] r = run(dir.resolve("rep" + rep + "-" + threads + (onePhase ? "-1pc" : "-2pc")), threads, onePhase, window);
                    line.append(String.format("; %d thr %s %.0f tx/s (%.2f× fsync) %.2f forces/tx", threads,
                            onePhase ? "1PC" : "2PC", r[0], r[0] / fsync, r[1]));
                }
            }
            System.out.println(line);
        }
    }

    /** @return {transactions per second, journal forces per transaction} */
    private static double[] run(Path dir, int threads, boolean onePhase, double window) throws Exception {
        String name = "xa-bench-" + dir.getFileName();
        String url = "vm://" + name + "?dataDir=" + dir;
        TallyXAConnectionFactory cf = new TallyXAConnectionFactory(url);
        List<XAConnection> connections = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        AtomicLong gtrids = new AtomicLong();
        long[] deadline = new long[1];
        Throwable[] failure = new Throwable[1];
        try {
            for (int t = 0; t < threads; t++) {
                XAConnection c = cf.createXAConnection();
                connections.add(c);
                XASession s = c.createXASession();
                MessageProducer p = s.createProducer(new TallyQueue("xa-bench"));
                XAResource r = s.getXAResource();
                byte[] body = new byte[BODY];
                workers.add(new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline[0]) {
                            Xid xid = XidData.of(1, ByteBuffer.allocate(8).putLong(gtrids.incrementAndGet()).array(), new byte[]{1});
                            r.start(xid, XAResource.TMNOFLAGS);
                            var m = s.createBytesMessage();
                            m.writeBytes(body);
                            p.send(m);
                            r.end(xid, XAResource.TMSUCCESS);
                            if (onePhase) {
                                r.commit(xid, true);
                            } else {
                                r.prepare(xid);
                                r.commit(xid, false);
                            }
                            done.incrementAndGet();
                        }
                    } catch (Exception | AssertionError e) {
                        failure[0] = e;
                    }
                }));
            }
            Broker broker = EmbeddedBrokers.get(name);
            long forcesBefore = broker.storeForces();
            long start = System.nanoTime();
            deadline[0] = start + (long) (window * 1e9);
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long forces = broker.storeForces() - forcesBefore;
            if (failure[0] != null) {
                throw new IllegalStateException("a worker failed: " + failure[0], failure[0]);
            }
            return new double[]{done.get() / seconds, done.get() == 0 ? 0 : (double) forces / done.get()};
        } finally {
            for (XAConnection c : connections) {
                c.close();
            }
            EmbeddedBrokers.stop(name);
        }
    }

}
