package io.managerhandlers.benchmarks;

import static io.managerhandlers.benchmarks.BusBenchmark.BATCH;
import static io.managerhandlers.benchmarks.BusBenchmark.CALLS_PER_VIRTUAL_CALLER;
import static io.managerhandlers.benchmarks.BusBenchmark.VIRTUAL_CALLERS;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The Vert.x 5 EventBus, local delivery in the same JVM: the twin of {@link BusBenchmark}, method for
 * method, with the same JMH settings, JVM flags, messages and batch sizes.
 *
 * <p>No copying: the body is a {@code Long}, whose built-in codec ({@code LongMessageCodec.transform})
 * hands the same reference to the consumer, so no custom codec is needed (and Vert.x does not let one
 * replace a built-in type's codec). Consumers are {@code localConsumer}s registered by a deployed verticle
 * on its own event loop; setup waits for their registration to complete (no {@code NO_HANDLERS} race).
 * Vert.x runs with its defaults: 2 × cores event loops.
 *
 * <p>{@link #replicas} instances of the consumers' verticle ({@code DeploymentOptions.setInstances}, Vert.x's
 * way to scale a consumer), each with its own context, spread over the event loops; Vert.x delivers a
 * point-to-point message to them in turn. "The consumers' loop" below is that of the first instance found
 * on another event loop than the requester's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class VertxBusBenchmark {
    static final String ECHO = "echo";
    static final String SINK = "sink";

    /** Instances of the consumers' verticle: the twin of {@link BusBenchmark#replicas}. */
    @Param({"1", "8", "64"})
    public int replicas;

    private final Long value = 42L;

    private Vertx vertx;
    private EventBus bus;
    /** An event-loop context other than the consumers': where the asynchronous chains run, Vert.x style. */
    private Context requester;
    /** The event-loop context of a consumer instance, on another event loop than {@link #requester}. */
    private Context consumers;
    private final Countdown sunk = new Countdown();

    /** The two consumers, on the event loop of this verticle's context. */
    private final class Consumers extends VerticleBase {
        Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            EventBus eb = vertx.eventBus();
            return Future.all(
                    eb.<Long>localConsumer(ECHO, message -> message.reply(message.body())).completion(),
                    eb.<Long>localConsumer(SINK, message -> sunk.handled()).completion());
        }
    }

    /** Does nothing but own an event-loop context. */
    private static final class Requester extends VerticleBase {
        Context context() {
            return context;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        vertx = Vertx.vertx();
        bus = vertx.eventBus();
        // The requester first: contexts take the event loops in turn, so the first consumer gets the next one.
        Requester verticle = new Requester();
        vertx.deployVerticle(verticle).await();
        requester = verticle.context();
        List<Consumers> instances = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            Consumers instance = new Consumers();
            instances.add(instance);
            return instance;
        }, new DeploymentOptions().setInstances(replicas)).await();
        Thread requesterThread = threadOf(requester);
        consumers = instances.stream().map(Consumers::context)
                .filter(context -> threadOf(context) != requesterThread)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Every consumer landed on the requester's event loop"));
        Long answer = bus.<Long>request(ECHO, value).await().body();
        if (answer != value) {
            throw new IllegalStateException("echo does not echo the same reference");
        }
    }

    private static Thread threadOf(Context context) {
        return Future.<Thread>future(promise -> context.runOnContext(ignored -> promise.complete(Thread.currentThread())))
                .await();
    }

    @TearDown(Level.Trial)
    public void stop() {
        vertx.close().await();
    }

    /** Scenario 1: request/reply, one blocking platform caller ({@code Future.await()} off the event loop). */
    @Benchmark
    @Threads(1)
    public Long requestReply1Thread() {
        return bus.<Long>request(ECHO, value).await().body();
    }

    /** Scenario 2: request/reply, 16 blocking platform threads. */
    @Benchmark
    @Threads(16)
    public Long requestReply16Threads() {
        return bus.<Long>request(ECHO, value).await().body();
    }

    /** Scenario 2, virtual: 16 plain virtual threads, each making the same number of blocking calls. */
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
                        bus.<Long>request(ECHO, value).await();
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

    @State(Scope.Benchmark)
    public static class InFlight {
        @Param({"1", "16"})
        public int inFlight;
    }

    /**
     * Where the Vert.x-style senders run: {@code same}, on the consumers' own event loop (a verticle calling a
     * consumer it shares a context with: every hop is a task on one thread's queue, no wake-ups: Vert.x at
     * its fastest), or {@code other}, on another event loop (two verticles, each hop a cross-thread wake-up:
     * the usual layout when verticles are deployed independently).
     */
    @State(Scope.Benchmark)
    public static class Loop {
        @Param({"same", "other"})
        public String loop;
    }

    private Context senderContext(Loop placement) {
        return "same".equals(placement.loop) ? consumers : requester;
    }

    /**
     * Scenario 3, in Vert.x's own style: {@code inFlight} chains started on an event loop ({@link Loop}), each
     * sending its next request from the reply handler ({@code request().onComplete}), until {@value
     * BusBenchmark#BATCH} round trips are complete.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void asyncWindow(InFlight window, Loop placement) throws InterruptedException {
        Window w = new Window(window.inFlight, BATCH);
        senderContext(placement).runOnContext(ignored -> {
            for (int i = 0; i < window.inFlight; i++) {
                chain(w);
            }
        });
        w.await();
    }

    private void chain(Window w) {
        if (w.next()) {
            bus.<Long>request(ECHO, value).onComplete(reply -> {
                if (reply.failed()) {
                    w.fail(reply.cause());
                } else {
                    chain(w);
                }
            });
        }
    }

    /**
     * Scenario 4: {@value BusBenchmark#BATCH} {@code send}s from one platform thread (off the event loop), then
     * wait until the consumer has handled them all.
     */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void fireAndForget() throws InterruptedException {
        sunk.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            bus.send(SINK, value);
        }
        sunk.await();
    }

    /** Scenario 4 in Vert.x's own style: the same batch sent from an event loop ({@link Loop}). */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void fireAndForgetFromInside(Loop placement) throws InterruptedException {
        sunk.expect(BATCH);
        senderContext(placement).runOnContext(ignored -> {
            for (int i = 0; i < BATCH; i++) {
                bus.send(SINK, value);
            }
        });
        sunk.await();
    }
}
