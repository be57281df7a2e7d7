package org.tallymq.samples.exactlyonce;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tallymq.samples.exactlyonce.OrderProcessor.Order;

/**
 * Test-only: the exactly-once application as the crash tests run it, in a JVM of its own.
 *
 * <pre>
 * CrashWorker seed   DIR URL N        sends order-1..order-N to IN, exits 0
 * CrashWorker work   DIR URL          recovery on (1 s period), processes orders until killed, halted at a
 *                                     crash point, the broker is lost (exit 3) or IN stays empty 5 s (exit 0)
 * CrashWorker settle DIR URL N        lets recovery finish, processes what is left, then checks and prints
 *                                     one RESULT line; exit 0 when settled, 2 when not within 120 s
 * </pre>
 *
 * System properties of {@code work}: {@code crash.point}/{@code crash.after} (see {@link CrashPoint}) and
 * {@code crash.order} ({@code TALLY_FIRST}, {@code H2_FIRST} or {@code ALTERNATE}, the default).
 *
 * <p>Output lines the harness reads: {@code READY tallyPrepared=.. h2Prepared=.. log=..} (what was in doubt
 * when it started), {@code COMMITTED order-n}, {@code HALT at ...}, {@code BROKER-LOST}, {@code RESULT ...}.
 */
public final class CrashWorker {

    /** Exit status when the connection to the broker failed (the broker was killed). */
    static final int BROKER_LOST = 3;

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("com.arjuna").setLevel(Level.WARNING);
        String mode = args[0];
        Path dir = Path.of(args[1]);
        String url = args[2];
        ExactlyOnceApp.Settings settings = new ExactlyOnceApp.Settings(dir, url, "crash-worker", 1, 1_500);
        switch (mode) {
            case "seed" -> {
                try (ExactlyOnceApp app = ExactlyOnceApp.start(settings)) {
                    app.sendOrders(1, Integer.parseInt(args[3]));
                }
                System.out.println("SEEDED " + args[3]);
                System.exit(0);
            }
            case "work" -> work(settings);
            case "settle" -> settle(settings, Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("mode " + mode + ": expected seed, work or settle");
        }
    }

    private static void work(ExactlyOnceApp.Settings settings) throws Exception {
        ExactlyOnceApp app = ExactlyOnceApp.start(settings);
        app.connection().setExceptionListener(e -> {
            System.out.println("BROKER-LOST " + e.getMessage());
            System.out.flush();
            Runtime.getRuntime().halt(BROKER_LOST);
        });
        System.out.println("READY tallyPrepared=" + app.tallyPrepared().size() + " h2Prepared=" + app.database().preparedBranches()
                + " log=" + app.transactionsInLog().size());
        System.out.flush();
        String orderProperty = System.getProperty("crash.order", "ALTERNATE");
        long idleSince = System.nanoTime();
        int n = 0;
        try (OrderProcessor p = app.processor(CrashPoint::wrap)) {
            while (System.nanoTime() - idleSince < 5_000_000_000L) {
                Order order = orderProperty.equals("ALTERNATE") ? (n++ % 2 == 0 ? Order.TALLY_FIRST : Order.H2_FIRST)
                        : Order.valueOf(orderProperty);
                try {
                    String id = p.processOne(order, 200);
                    if (id != null) {
                        System.out.println("COMMITTED " + id);
                        idleSince = System.nanoTime();
                    }
                } catch (ProcessingException e) {
                    System.out.println("FAILED " + e.getMessage());
                    Thread.sleep(100);
                }
            }
        }
        System.out.println("IDLE");
        System.out.flush();
        Runtime.getRuntime().halt(0); // a clean exit is not the point here; keep it as abrupt as the others
    }

    private static void settle(ExactlyOnceApp.Settings settings, int seeded) throws Exception {
        ExactlyOnceApp app = ExactlyOnceApp.start(settings);
        System.out.println("READY tallyPrepared=" + app.tallyPrepared().size() + " h2Prepared=" + app.database().preparedBranches()
                + " log=" + app.transactionsInLog().size());
        long deadline = System.nanoTime() + 120_000_000_000L;
        int quietRounds = 0;
        int processedHere = 0;
        String state = "";
        try (OrderProcessor p = app.processor((name, r) -> r)) {
            while (quietRounds < 3 && System.nanoTime() < deadline) {
                boolean did = false;
                String id;
                while ((id = p.processOne(Order.TALLY_FIRST, 300)) != null) {
                    processedHere++;
                    did = true;
                }
                int tally = app.tallyPrepared().size();
                int h2 = app.database().preparedBranches();
                int log = app.transactionsInLog().size();
                state = "tallyPrepared=" + tally + " h2Prepared=" + h2 + " log=" + log;
                quietRounds = (!did && tally == 0 && h2 == 0 && log == 0) ? quietRounds + 1 : 0;
                if (quietRounds < 3) {
                    Thread.sleep(1_000);
                }
            }
        }
        Map<String, Integer> rows = app.database().rowsPerOrder();
        Map<String, Integer> out = app.drainConfirmations(1_000);
        int in = app.inDepth();
        List<?> tally = app.tallyPrepared();
        int h2 = app.database().preparedBranches();
        int log = app.transactionsInLog().size();
        int lost = 0;
        int duplicated = 0;
        int partial = 0;
        for (int i = 1; i <= seeded; i++) {
            String key = "order-" + i;
            int r = rows.getOrDefault(key, 0);
            int o = out.getOrDefault(key, 0);
            if (r == 0 && o == 0) {
                lost++;
            } else if (r == 0 || o == 0) {
                partial++;
            }
            if (r > 1 || o > 1) {
                duplicated++;
            }
        }
        int unknown = 0;
        for (String k : rows.keySet()) {
            if (!k.matches("order-\\d+") || Integer.parseInt(k.substring(6)) > seeded) {
                unknown++;
            }
        }
        int rowCount = rows.values().stream().mapToInt(Integer::intValue).sum();
        int outCount = out.values().stream().mapToInt(Integer::intValue).sum();
        boolean settled = quietRounds >= 3;
        System.out.println("RESULT settled=" + settled + " seeded=" + seeded + " rows=" + rowCount + " out=" + outCount + " in=" + in
                + " lost=" + lost + " duplicated=" + duplicated + " partial=" + partial + " unknown=" + unknown
                + " tallyPrepared=" + tally.size() + " h2Prepared=" + h2 + " log=" + log + " processedBySettle=" + processedHere
                + (settled ? "" : " lastState=" + state.replace(' ', ',')));
        System.out.flush();
        Runtime.getRuntime().halt(settled ? 0 : 2);
    }
}
