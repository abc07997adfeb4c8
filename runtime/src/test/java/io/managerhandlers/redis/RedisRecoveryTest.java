package io.managerhandlers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.sync.RedisCommands;
import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Manager;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.HttpClientSupport;
import io.managerhandlers.testing.TimeBounds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens when things go wrong: an instance dies holding work, a caller gives up, a dispatched call
 * keeps failing, Redis dies and comes back, Redis is not there at all. The claim idle time is cut to
 * 600 ms (the internal knob) so that a dead instance's work is taken over within a second or two; a sweep
 * runs every 150 ms. "Nothing runs again" is checked after the sweeps of two more claim idle times, counted
 * in what Redis runs ({@link RedisMonitor}), not after a sleep.
 */
class RedisRecoveryTest {
    static final int CLAIM_IDLE_MILLIS = 600;
    static final int SWEEP_MILLIS = 150;
    /** Sweeps of one stream that span two claim idle times at least. */
    static final int SWEEPS_OF_TWO_CLAIM_IDLE_TIMES = 2 * CLAIM_IDLE_MILLIS / SWEEP_MILLIS + 1;
    /** How long a manager's start waits for its Redis connections: twice the runtime's 5 s connect timeout. */
    static final Duration START_DEADLINE = Duration.ofSeconds(10);

    @RegisterExtension
    static final LocalRedisExtension redis = new LocalRedisExtension();

    private final List<Manager> managers = new ArrayList<>();
    private RedisCommands<String, String> raw;

    @BeforeAll
    static void shortenTheClaimIdleTime() {
        System.setProperty("managerhandlers.redis.claim-idle-ms", Integer.toString(CLAIM_IDLE_MILLIS));
        System.setProperty("managerhandlers.redis.sweep-ms", Integer.toString(SWEEP_MILLIS));
    }

    @AfterAll
    static void restoreTheClaimIdleTime() {
        System.clearProperty("managerhandlers.redis.claim-idle-ms");
        System.clearProperty("managerhandlers.redis.sweep-ms");
    }

    @BeforeEach
    void connect() {
        raw = redis.commands();
        raw.flushall();
    }

    @AfterEach
    void stopAll() {
        managers.forEach(Manager::stop);
    }

    private Manager started(Manager.Builder builder) {
        Manager manager = builder.build().startWithoutServer();
        managers.add(manager);
        return manager;
    }

    /** A caller that serves nothing itself (its one handler is not the one under test). */
    private Manager caller() {
        return started(Manager.builder().redis(redis.url()).handler("caller-only", 1, m -> (d, c) -> d));
    }

    /** Takes what is waiting in a handler's stream as an instance that then dies: never runs, never acknowledges. */
    private List<StreamMessage<String, String>> takeAsDeadInstance(String handler) {
        return raw.xreadgroup(Consumer.from("mh", "dead-instance"), XReadArgs.Builder.count(10),
                StreamOffset.lastConsumed("mh:req:" + handler));
    }

    private void groupFor(String handler) {
        raw.xgroupCreate(StreamOffset.latest("mh:req:" + handler), "mh", XGroupCreateArgs.Builder.mkstream());
    }

    private long pending(String handler) {
        return raw.xpending("mh:req:" + handler, "mh").getCount();
    }

    @Test
    void workHeldByADeadInstanceIsClaimedAndRunExactlyOnce() throws Exception {
        groupFor("work");
        Manager caller = caller();
        caller.remote().dispatch("work", "job-1");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                () -> caller.remote().publish("work", "job-2", Duration.ofSeconds(60)));
        Eventually.await("both requests in the stream", () -> raw.xlen("mh:req:work") == 2);
        assertThat(takeAsDeadInstance("work")).hasSize(2);

        List<String> ran = new CopyOnWriteArrayList<>();
        started(Manager.builder().redis(redis.url()).handler("work", 2, m -> (data, call) -> {
            ran.add(data);
            return "done " + data;
        }));

        assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo("done job-2");
        Eventually.await("both jobs run and acknowledged", () -> ran.size() >= 2 && pending("work") == 0);
        try (RedisMonitor monitor = redis.monitor()) {
            monitor.awaitMore(SWEEPS_OF_TWO_CLAIM_IDLE_TIMES, "XAUTOCLAIM", "mh:req:work");   // nothing runs again
        }
        assertThat(ran).containsExactlyInAnyOrder("job-1", "job-2");
        assertThat(pending("work")).isZero();
    }

    @Test
    void aRequestWhoseCallerGaveUpIsAcknowledgedWithoutRunning() throws Exception {
        groupFor("late");
        Manager caller = caller();
        long start = System.nanoTime();
        assertThatThrownBy(() -> caller.remote().publish("late", "too late", Duration.ofMillis(300)))
                .isInstanceOf(BusTimeoutException.class);
        TimeBounds.endedWithin(start, Duration.ofMillis(300), "a call nobody serves");

        AtomicInteger ran = new AtomicInteger();
        try (RedisMonitor monitor = redis.monitor()) {
            started(Manager.builder().redis(redis.url()).handler("late", 1, m -> (data, call) -> {
                ran.incrementAndGet();
                return data;
            }));
            Eventually.await("the worker acknowledging the late request", () -> monitor.count("XACK", "mh:req:late") > 0
                    && pending("late") == 0);
        }
        assertThat(takeAsDeadInstance("late")).as("the worker took the entry").isEmpty();
        assertThat(pending("late")).as("and acknowledged it").isZero();
        assertThat(ran).as("without running it").hasValue(0);
    }

    @Test
    void aDispatchedCallThatKeepsFailingGoesToTheDeadLettersAfterThreeDeliveries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<BusException> reported = new CopyOnWriteArrayList<>();
        Manager worker = started(Manager.builder().redis(redis.url())
                .onDispatchFailure(reported::add)
                .handler("flaky", 1, m -> (data, call) -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("ledger offline for " + data);
                }));

        worker.remote().dispatch("flaky", "payment-7");

        Eventually.await("a dead letter", () -> raw.xlen("mh:dead:flaky") == 1);
        List<StreamMessage<String, String>> dead = raw.xrange("mh:dead:flaky", io.lettuce.core.Range.unbounded());
        assertThat(dead).hasSize(1);
        Map<String, String> letter = dead.get(0).getBody();
        assertThat(letter).containsEntry("data", "payment-7").containsEntry("deliveries", "3")
                .containsEntry("error", "Handler 'flaky' failed: ledger offline for payment-7");
        assertThat(attempts).hasValue(3);
        assertThat(pending("flaky")).isZero();
        Eventually.await("the dispatch failure reported", () -> !reported.isEmpty());
        assertThat(reported).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("mh:dead:flaky").contains("3 deliveries").contains("ledger offline for payment-7"));
        try (RedisMonitor monitor = redis.monitor()) {
            monitor.awaitMore(SWEEPS_OF_TWO_CLAIM_IDLE_TIMES, "XAUTOCLAIM", "mh:req:flaky");  // no fourth delivery
        }
        assertThat(attempts).hasValue(3);
    }

    @Test
    void redisLostMidRunFailsCallsWithA5xxWithinTheirTimeoutAndTheServiceRecoversWhenItIsBack() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        Manager front = Manager.builder().redis(redis.url()).port(0).host("127.0.0.1")
                .busTimeout(timeout)
                .handler("front", 4, m -> (data, call) -> m.remote().publish("echo", data, timeout))
                .build().start();
        managers.add(front);
        HttpClientSupport http = new HttpClientSupport(front.port(), null);
        started(Manager.builder().redis(redis.url()).handler("echo", 2, m -> (data, call) -> "echo " + data));

        assertThat(http.post("/front", "one").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"echo one\"}");

        redis.kill();
        long start = System.nanoTime();
        HttpResponse<String> lost = http.post("/front", "two");
        assertThat(lost.statusCode()).isBetween(500, 599);
        assertThat(lost.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(lost.body()).startsWith("{\"status\":\"Error\",\"message\":\"").contains("Redis");
        TimeBounds.endedWithin(start, timeout, "a call while Redis is down");

        redis.restart();
        HttpResponse<String> back = Eventually.get("a call succeeding once Redis is back",
                () -> http.post("/front", "three"), res -> res.statusCode() == 200);
        assertThat(back.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"echo three\"}");
        for (int i = 0; i < 20; i++) {
            assertThat(http.post("/front", "n" + i).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void redisUnreachableAtStartFailsStartNamingTheUrlWithoutItsPassword() throws Exception {
        int port = LocalRedis.freePort();
        int httpPort = LocalRedis.freePort();
        Manager.Builder builder = Manager.builder().redis("redis://:s3cret@127.0.0.1:" + port).port(httpPort)
                .handler("echo", 1, m -> (data, call) -> data);
        Manager manager = builder.build();
        long start = System.nanoTime();
        assertThatThrownBy(manager::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot connect to Redis at redis://***@127.0.0.1:" + port + ": ")
                .message().doesNotContain("s3cret");
        TimeBounds.endedWithin(start, START_DEADLINE, "a start that cannot reach Redis");
        // The HTTP server that started meanwhile is stopped.
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", httpPort).close())
                .isInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> Manager.builder().redis("http://nope").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://nope");
    }
}
