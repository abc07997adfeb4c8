package io.managerhandlers.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis request/reply comparison as paired measurements: the methods of {@link RedisBenchmark} in
 * turn, a few seconds each, round after round, in one JVM against one {@code redis-server}, so that the
 * methods compared see the same machine within seconds of each other.
 *
 * <p>Why beside JMH: JMH runs each method in forks of its own, one after another. On this shared 2-core
 * virtual machine a fork can sit in a slow state for its whole life (one run measured {@code ours} forks at
 * 8k, 13k and 25k round trips per second, and {@code rawPingPongBlocking} forks at 11–28k and 33–35k), which
 * moves the ratio between two methods more than the methods differ. Here every round runs every method, and
 * the ratio of the medians compares rounds run seconds apart. The setup, the methods and what one operation
 * is are {@link RedisBenchmark}'s own.
 *
 * <pre>
 * MH_BENCH_REDIS=redis://127.0.0.1:PORT java -Xms1g -Xmx1g -cp benchmarks.jar \
 *     io.managerhandlers.benchmarks.RedisAlternating [inFlight=16] [rounds=12] [seconds=2] [warmUpRounds=4]
 * </pre>
 * The first rounds are warm-up and not counted: four by default, so that every method has had about 8 s of
 * load before it is measured (at 16 in flight the JIT was still compiling after two rounds, 9–14 s in).
 */
public final class RedisAlternating {
    private RedisAlternating() {
    }

    /** One method of {@link RedisBenchmark}: an invocation, and how many round trips it makes. */
    private record Method(String name, int roundTrips, Invocation invocation) {
    }

    private interface Invocation {
        void run(RedisBenchmark benchmark) throws Exception;
    }

    private static final List<Method> METHODS = List.of(
            new Method("ours", RedisBenchmark.BATCH, RedisBenchmark::ours),
            new Method("oursTyped", RedisBenchmark.BATCH, RedisBenchmark::oursTyped),
            new Method("rawPingPong", RedisBenchmark.BATCH, RedisBenchmark::rawPingPong),
            new Method("rawPingPongBlocking", RedisBenchmark.BATCH, RedisBenchmark::rawPingPongBlocking),
            new Method("perRequestConnections", RedisBenchmark.BATCH_NEW_CONNECTIONS,
                    RedisBenchmark::perRequestConnections),
            new Method("perRequestSubscription", RedisBenchmark.BATCH_NEW_CONNECTIONS,
                    RedisBenchmark::perRequestSubscription),
            new Method("perRequestSubscriptionShared", RedisBenchmark.BATCH,
                    RedisBenchmark::perRequestSubscriptionShared));

    public static void main(String[] args) throws Exception {
        int inFlight = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        long nanosEach = (long) ((args.length > 2 ? Double.parseDouble(args[2]) : 2) * 1e9);
        int warmUpRounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        if (rounds <= warmUpRounds) {
            throw new IllegalArgumentException("rounds must be more than the " + warmUpRounds + " of warm-up");
        }
        List<Method> methods = chosen();
        RedisBenchmark benchmark = new RedisBenchmark();
        benchmark.inFlight = inFlight;
        benchmark.start();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        try {
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + (round < warmUpRounds ? " (warm-up)" : ""));
                for (Method method : methods) {
                    double rate = measure(benchmark, method, nanosEach);
                    line.append(String.format("  %s %.0f", method.name(), rate));
                    if (round >= warmUpRounds) {
                        rates.computeIfAbsent(method.name(), name -> new ArrayList<>()).add(rate);
                    }
                }
                System.out.println(line);
            }
        } finally {
            benchmark.stop();
        }
        report(inFlight, rates);
    }

    /** The methods named in {@code -Dmh.bench.methods=a,b} (all when unset), in their usual order. */
    private static List<Method> chosen() {
        String names = System.getProperty("mh.bench.methods", "");
        if (names.isBlank()) {
            return METHODS;
        }
        List<String> wanted = List.of(names.split(","));
        List<String> known = METHODS.stream().map(Method::name).toList();
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("mh.bench.methods names '" + name + "', which is none of " + known);
            }
        }
        return METHODS.stream().filter(method -> wanted.contains(method.name())).toList();
    }

    /** Invocations of one method for about {@code nanos}: round trips per second. */
    private static double measure(RedisBenchmark benchmark, Method method, long nanos) throws Exception {
        long start = System.nanoTime();
        long roundTrips = 0;
        long elapsed;
        do {
            method.invocation().run(benchmark);
            roundTrips += method.roundTrips();
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return roundTrips / (elapsed / 1e9);
    }

    private static void report(int inFlight, Map<String, List<Double>> rates) {
        System.out.printf("%n%d in flight, round trips per second over %d rounds (median, min–max):%n", inFlight,
                rates.values().iterator().next().size());
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((name, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            medians.put(name, median);
            System.out.printf("  %-30s %,9.0f  (%,.0f–%,.0f)%n", name, median, sorted.get(0),
                    sorted.get(sorted.size() - 1));
        });
        System.out.println("Ratios of the medians:");
        for (String ours : List.of("ours", "oursTyped")) {
            for (String other : List.of("rawPingPongBlocking", "rawPingPong", "perRequestConnections",
                    "perRequestSubscription", "perRequestSubscriptionShared")) {
                if (!medians.containsKey(ours) || !medians.containsKey(other)) {
                    continue;
                }
                System.out.printf("  %s / %s = %.2f%n", ours, other, medians.get(ours) / medians.get(other));
            }
        }
    }
}
