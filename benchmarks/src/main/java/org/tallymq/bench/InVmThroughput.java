package org.tallymq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.tallymq.jms.TallyConnectionFactory;

/**
 * Non-persistent in-VM throughput and latency: 1 producer → 1 consumer on one queue, 1 KiB
 * messages, AUTO_ACKNOWLEDGE. Prints msgs/s, p50/p99 end-to-end latency and heap, for each of
 * several runs and their median.
 *
 * <pre>mvn -q -pl benchmarks -am package exec:java -DskipTests -Dexec.args="200000 5"</pre>
 *
 * Arguments: messages per run (default 200000), runs (default 5). The first run is a warm-up and
 * is not counted in the median.
 */
public final class InVmThroughput {

    private InVmThroughput() {
    }

    record Result(double msgsPerSec, double p50Micros, double p99Micros, double heapMiB) {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("in-VM, NON_PERSISTENT, 1 producer -> 1 consumer, 1 KiB bodies, %d messages per run%n", messages);
        System.out.printf("JVM %s, %d cores, max heap %d MiB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Result[] results = new Result[runs];
        for (int r = 0; r < runs; r++) {
            results[r] = run(messages, "bench-" + r);
            System.out.printf("run %d%s: %,.0f msgs/s, latency p50 %.1f µs, p99 %.1f µs, heap used %.1f MiB%n", r + 1,
                    r == 0 ? " (warm-up)" : "", results[r].msgsPerSec, results[r].p50Micros, results[r].p99Micros,
                    results[r].heapMiB);
        }
        Result[] counted = Arrays.copyOfRange(results, runs > 1 ? 1 : 0, runs);
        System.out.printf("median of %d runs: %,.0f msgs/s, p50 %.1f µs, p99 %.1f µs, heap %.1f MiB%n", counted.length,
                median(counted, Result::msgsPerSec), median(counted, Result::p50Micros),
                median(counted, Result::p99Micros), median(counted, Result::heapMiB));
        System.exit(0);
    }

    private static double median(Result[] rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = Arrays.stream(rs).mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Result run(int messages, String queueName) throws Exception {
        TallyConnectionFactory cf = new TallyConnectionFactory("vm://bench?dataDir=target/bench-data");
        byte[] body = new byte[1024];
        long[] latencies = new long[messages];
        try (Connection producerConn = cf.createConnection(); Connection consumerConn = cf.createConnection()) {
            Session ps = producerConn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session cs = consumerConn.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = ps.createQueue(queueName);
            MessageProducer producer = ps.createProducer(q);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.setDisableMessageTimestamp(true);
            MessageConsumer consumer = cs.createConsumer(q);
            consumerConn.start();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread receiver = new Thread(() -> {
                try {
                    for (int i = 0; i < messages; i++) {
                        Message m = consumer.receive(30_000);
                        if (m == null) {
                            throw new IllegalStateException("message " + i + " did not arrive");
                        }
                        latencies[i] = System.nanoTime() - m.getLongProperty("sentNanos");
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "bench-consumer");
            long start = System.nanoTime();
            receiver.start();
            for (int i = 0; i < messages; i++) {
                BytesMessage m = ps.createBytesMessage();
                m.writeBytes(body);
                m.setLongProperty("sentNanos", System.nanoTime());
                producer.send(m);
            }
            receiver.join();
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("benchmark run failed", failure.get());
            }
            Arrays.sort(latencies);
            double heap = usedHeapMiB();
            return new Result(messages / (elapsed / 1e9), latencies[messages / 2] / 1e3,
                    latencies[(int) (messages * 0.99)] / 1e3, heap);
        }
    }

    private static double usedHeapMiB() throws JMSException {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
