package io.managerhandlers.benchmarks;

import io.managerhandlers.Manager;
import io.managerhandlers.Remote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the shape of Redis costs, as paired measurements in one JVM (every method in turn, round after round,
 * as {@link RedisAlternating} does): request/reply through {@code Remote.publish} on a single server
 * against a three-master Cluster, at 1 and 16 in flight; and {@code Remote.dispatch} on a master with one
 * replica, returning at once ({@code redisReplicaAcks(0)}) against returning once the replica holds the
 * entry ({@code WAIT}, {@code redisReplicaAcks(1)}, the Sentinel default).
 *
 * <pre>
 * MH_BENCH_REDIS=redis://127.0.0.1:P MH_BENCH_REDIS_CLUSTER=redis-cluster://127.0.0.1:P1,127.0.0.1:P2 \
 * MH_BENCH_REDIS_REPLICATED=redis://127.0.0.1:PM java -Xms1g -Xmx1g -cp benchmarks.jar \
 *     io.managerhandlers.benchmarks.RedisTopologies [rounds=8] [seconds=2] [warmUpRounds=3]
 * </pre>
 * {@code benchmarks/run-redis.sh} with {@code TOPOLOGIES=1} starts the three and runs it.
 */
public final class RedisTopologies {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCH = 1_024;

    private RedisTopologies() {
    }

    private interface Call {
        void run(Remote remote) throws Exception;
    }

    private record Method(String name, Remote remote, int inFlight, Call call) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long nanosEach = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 2) * 1e9);
        int warmUpRounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Manager> managers = new ArrayList<>();
        try {
            Remote single = pair(managers, env("MH_BENCH_REDIS"), 0);
            Remote cluster = pair(managers, env("MH_BENCH_REDIS_CLUSTER"), 0);
            Remote noWait = pair(managers, env("MH_BENCH_REDIS_REPLICATED"), 0);
            Remote withWait = pair(managers, env("MH_BENCH_REDIS_REPLICATED"), 1);
            Call publish = remote -> {
                if (!"ping".equals(remote.publish("echo", "ping", TIMEOUT))) {
                    throw new IllegalStateException("no echo");
                }
            };
            Call dispatch = remote -> remote.dispatch("sink", "ping");
            List<Method> methods = List.of(
                    new Method("single publish x1", single, 1, publish),
                    new Method("cluster publish x1", cluster, 1, publish),
                    new Method("single publish x16", single, 16, publish),
                    new Method("cluster publish x16", cluster, 16, publish),
                    new Method("dispatch acks=0 x1", noWait, 1, dispatch),
                    new Method("dispatch WAIT 1 x1", withWait, 1, dispatch),
                    new Method("dispatch acks=0 x16", noWait, 16, dispatch),
                    new Method("dispatch WAIT 1 x16", withWait, 16, dispatch));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + (round < warmUpRounds ? " (warm-up)" : ""));
                for (Method method : methods) {
                    double rate = measure(method, nanosEach);
                    line.append(String.format("  %s %.0f", method.name(), rate));
                    if (round >= warmUpRounds) {
                        rates.computeIfAbsent(method.name(), name -> new ArrayList<>()).add(rate);
                    }
                }
                System.out.println(line);
            }
            Map<String, Double> medians = new LinkedHashMap<>();
            System.out.printf("%nCalls per second over %d rounds (median, min–max):%n", rounds - warmUpRounds);
            rates.forEach((name, values) -> {
                List<Double> sorted = values.stream().sorted().toList();
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                medians.put(name, median);
                System.out.printf("  %-24s %,9.0f  (%,.0f–%,.0f)%n", name, median, sorted.get(0),
                        sorted.get(sorted.size() - 1));
            });
            System.out.println("Ratios of the medians:");
            for (String n : List.of("x1", "x16")) {
                System.out.printf("  cluster / single publish %s = %.2f%n", n,
                        medians.get("cluster publish " + n) / medians.get("single publish " + n));
                System.out.printf("  WAIT 1 / acks=0 dispatch %s = %.2f%n", n,
                        medians.get("dispatch WAIT 1 " + n) / medians.get("dispatch acks=0 " + n));
            }
        } finally {
            managers.forEach(Manager::stop);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("Set " + name + " (benchmarks/run-redis.sh with TOPOLOGIES=1 does)");
        }
        return value;
    }

    /** A server (echo, sink) and a caller on one Redis; the caller's Remote. */
    private static Remote pair(List<Manager> managers, String url, int replicaAcks) {
        Manager server = Manager.builder().redis(url)
                .handler("echo", 4, m -> (data, call) -> data)
                .handler("sink", 4, m -> (data, call) -> data)
                .build().startWithoutServer();
        managers.add(server);
        Manager caller = Manager.builder().redis(url).redisReplicaAcks(replicaAcks).build().startWithoutServer();
        managers.add(caller);
        return caller.remote();
    }

    private static double measure(Method method, long nanos) throws Exception {
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            callers(method);
            calls += BATCH;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return calls / (elapsed / 1e9);
    }

    private static void callers(Method method) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int each = BATCH / method.inFlight();
        Thread[] callers = new Thread[method.inFlight()];
        for (int i = 0; i < callers.length; i++) {
            callers[i] = Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < each; n++) {
                        method.call().run(method.remote());
                    }
                } catch (Throwable thrown) {
                    failure.compareAndSet(null, thrown);
                }
            });
        }
        for (Thread thread : callers) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(method.name() + " failed", failure.get());
        }
    }
}
