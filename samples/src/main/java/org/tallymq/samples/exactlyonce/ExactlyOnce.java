package org.tallymq.samples.exactlyonce;

import jakarta.jms.JMSException;
import java.io.IOException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.samples.exactlyonce.OrderProcessor.Order;

/**
 * Exactly-once across a database and a queue: Narayana JTA (standalone, its transaction log in a directory),
 * H2 (a file database, through its XADataSource) and Tally XA (an embedded broker by default). Each order
 * is received from {@code IN}, inserted as a row and confirmed on {@code OUT} in one transaction, committed
 * with two-phase commit. At the end it checks that rows = confirmations = orders processed, IN is empty and
 * nothing is left in doubt.
 *
 * <pre>
 * mvn -q -pl samples -am package exec:java -DskipTests -Dsample.main=org.tallymq.samples.exactlyonce.ExactlyOnce
 * mvn ... -Dexec.args="200 tcp://127.0.0.1:61716"     # 200 orders, through a standalone broker
 * </pre>
 *
 * Arguments: number of orders (default 20), broker URL (default an embedded broker with its data in
 * {@code target/exactly-once/tally}). Every run starts from an empty {@code target/exactly-once} (and, over
 * TCP, expects empty IN and OUT queues). Exit status 0 when the check passes, 1 when it does not.
 */
public final class ExactlyOnce {

    /** The input queue: orders. */
    public static final String IN = "orders.in";
    /** The output queue: confirmations. */
    public static final String OUT = "orders.out";
    /** The message property carrying the order id (also the row's ORDER_ID). */
    public static final String ORDER_ID = "orderId";

    private ExactlyOnce() {
    }

    public static void main(String[] args) throws JMSException, SQLException, XAException, IOException, ProcessingException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Path.of("target", "exactly-once").toAbsolutePath();
        String url = args.length > 1 ? args[1] : "vm://exactly-once?dataDir=" + dir.resolve("tally");
        deleteTree(dir);
        Logger.getLogger("com.arjuna").setLevel(Level.SEVERE); // Narayana's INFO lines say nothing a sample user needs
        System.out.println("exactly-once sample: " + orders + " orders, broker " + url + ", data in " + dir);
        int processed = 0;
        boolean ok;
        try (ExactlyOnceApp app = ExactlyOnceApp.start(new ExactlyOnceApp.Settings(dir, url, "exactly-once-sample", 10, 20_000))) {
            app.sendOrders(1, orders);
            System.out.println("sent " + orders + " orders to " + IN);
            long start = System.nanoTime();
            long lastCommit = start;
            try (OrderProcessor processor = app.processor((name, resource) -> resource)) {
                String id;
                // Narayana prepares and commits in enlistment order; alternating it only shows that either order works
                while ((id = processor.processOne(processed % 2 == 0 ? Order.TALLY_FIRST : Order.H2_FIRST, 1_000)) != null) {
                    processed++;
                    lastCommit = System.nanoTime();
                    if (processed <= 5 || processed == orders) {
                        System.out.println(id + ": received from " + IN + ", row inserted into ORDERS, confirmation sent to "
                                + OUT + ", committed by two-phase commit (Tally + H2)");
                    } else if (processed == 6) {
                        System.out.println("...");
                    }
                }
            }
            double seconds = Math.max(1e-9, (lastCommit - start) / 1e9);
            System.out.printf("processed %d orders in %.2f s (%.0f transactions/s)%n", processed, seconds, processed / seconds);
            ok = check(app, processed);
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean check(ExactlyOnceApp app, int processed) throws JMSException, SQLException, XAException, IOException {
        Map<String, Integer> rows = app.database().rowsPerOrder();
        Map<String, Integer> confirmations = app.drainConfirmations(500);
        int rowCount = rows.values().stream().mapToInt(Integer::intValue).sum();
        int outCount = confirmations.values().stream().mapToInt(Integer::intValue).sum();
        int in = app.inDepth();
        List<?> tally = app.tallyPrepared();
        int h2 = app.database().preparedBranches();
        List<String> log = app.transactionsInLog();
        boolean ok = rowCount == processed && outCount == processed && rows.keySet().equals(confirmations.keySet())
                && rows.size() == processed && in == 0 && tally.isEmpty() && h2 == 0 && log.isEmpty();
        System.out.printf("check: %d processed, %d rows (%d distinct orders), %d confirmations in %s, %d left in %s, "
                        + "in doubt: Tally %d, H2 %d, Narayana log %d -> %s%n",
                processed, rowCount, rows.size(), outCount, OUT, in, IN, tally.size(), h2, log.size(),
                ok ? "OK: rows = OUT = messages processed" : "MISMATCH");
        return ok;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
