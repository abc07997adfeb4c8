package io.managerhandlers.benchmarks;

import io.managerhandlers.Endpoint;
import io.managerhandlers.Manager;
import io.managerhandlers.TypeToken;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The manager-handlers in-process bus. Every method here has a twin of the same name in
 * {@link VertxBusBenchmark}; run both in one JMH run ({@code java -jar benchmarks.jar Bus}) and compare
 * line by line. All results are operations (round trips, or messages handled) per second; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated by the whole JVM per operation.
 *
 * <p>Warm-up is 5 × 2 s: measured here, both buses (Vert.x in particular, from its event loops) take 6 to
 * 10 s of this load before their code is compiled and their scores settle; 3 × 2 s left half the forks cold.
 *
 * <p>Two handlers of {@link #replicas} replicas each (1: at most one call of each runs at a time, like one
 * Vert.x consumer on its event loop; 8 and 64: what users set for concurrency, against as many Vert.x
 * consumer instances): {@code echo} answers its {@code Long} input, {@code sink} counts it. No HTTP server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BusBenchmark {
    /**
     * Messages per invocation in the batched benchmarks (asynchronous window, fire and forget). Equal to the
     * default queue capacity of a handler, so a fire-and-forget batch never waits for room in the queue
     * (Vert.x has no such back-pressure); were the queue smaller, {@code dispatch} would block until the
     * handler caught up, and the benchmark would still measure messages handled per second.
     */
    static final int BATCH = 10_000;
    /** Virtual threads in {@link #requestReply16Virtual()}, and the calls each makes per invocation. */
    static final int VIRTUAL_CALLERS = 16;
    static final int CALLS_PER_VIRTUAL_CALLER = 1_000;

    /** Replicas of each handler; Vert.x deploys as many instances of its consumers' verticle. */
    @Param({"1", "8", "64"})
    public int replicas;

    /** One boxed value (from the Long cache), sent by every call: no boxing on either side. */
    private final Long value = 42L;

    private Manager manager;
    private Endpoint<Long, Long> echo;
    private Endpoint<Long, Long> sink;
    private final Countdown sunk = new Countdown();

    @Setup(Level.Trial)
    public void start() {
        TypeToken<Long> longs = TypeToken.of(Long.class);
        manager = Manager.builder()
                .handler("echo", replicas, longs, longs, m -> (input, call) -> input)
                .handler("sink", replicas, longs, longs, m -> (input, call) -> {
                    sunk.handled();
                    return input;
                })
                .build()
                .startWithoutServer();
        echo = manager.endpoint("echo", longs, longs);
        sink = manager.endpoint("sink", longs, longs);
        if (!value.equals(echo.publish(value))) {
            throw new IllegalStateException("echo does not echo");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        manager.stop();
    }

    /** Scenario 1: request/reply, one blocking (platform) caller. */
    @Benchmark
    @Threads(1)
    public Long requestReply1Thread() {
        return echo.publish(value);
    }

    /** Scenario 2: request/reply, 16 blocking platform threads (JMH threads) sharing the endpoint. */
    @Benchmark
    @Threads(16)
    public Long requestReply16Threads() {
        return echo.publish(value);
    }

    /**
     * Scenario 2, virtual: 16 virtual threads, each making {@value #CALLS_PER_VIRTUAL_CALLER} blocking calls;
     * one operation is one round trip. Starting the 16 threads is amortised over 16 000 calls.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(VIRTUAL_CALLERS * CALLS_PER_VIRTUAL_CALLER)
    public void requestReply16Virtual() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] callers = new Thread[VIRTUAL_CALLERS];
        for (int i = 0; i < callers.length; i++) {
            callers[i] = Thread.ofVirtual().start(() -> {
                try {
                    for (int n = 0; n < CALLS_PER_VIRTUAL_CALLER; n++) {
                        echo.publish(value);
                    }
                } catch (Throwable thrown) {
                    failure.compareAndSet(null, thrown);
                }
            });
        }
        for (Thread caller : callers) {
            caller.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    /** How many asynchronous requests are kept outstanding. */
    @State(Scope.Benchmark)
    public static class InFlight {
        @Param({"1", "16"})
        public int inFlight;
    }

    /**
     * Scenario 3: {@code inFlight} asynchronous chains ({@code publishAsync}, and the next request issued
     * from the completion of the previous one) until {@value #BATCH} round trips are complete.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void asyncWindow(InFlight window) throws InterruptedException {
        Window w = new Window(window.inFlight, BATCH);
        for (int i = 0; i < window.inFlight; i++) {
            chain(w);
        }
        w.await();
    }

    /** Issues requests while they complete at once; otherwise continues from the completion. */
    private void chain(Window w) {
        while (w.next()) {
            CompletableFuture<Long> reply = echo.publishAsync(value);
            if (!reply.isDone()) {
                reply.whenComplete((out, failure) -> {
                    if (failure != null) {
                        w.fail(failure);
                    } else {
                        chain(w);
                    }
                });
                return;
            }
            if (reply.isCompletedExceptionally()) {
                reply.whenComplete((out, failure) -> w.fail(failure));
                return;
            }
        }
    }

    /**
     * Scenario 4: {@value #BATCH} {@code dispatch} calls from one platform thread, then wait until the
     * handler has run {@value #BATCH} times: messages handled per second.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void fireAndForget() throws InterruptedException {
        sunk.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            sink.dispatch(value);
        }
        sunk.await();
    }

    /**
     * Scenario 4 from inside: the same batch dispatched from a virtual thread, as a handler would (the
     * counterpart of Vert.x sending from an event loop).
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void fireAndForgetFromInside() throws InterruptedException {
        sunk.expect(BATCH);
        Thread sender = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < BATCH; i++) {
                sink.dispatch(value);
            }
        });
        sender.join();
        sunk.await();
    }
}
