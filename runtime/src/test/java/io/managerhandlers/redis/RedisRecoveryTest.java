package io.managerhandlers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Manager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens when things go wrong: an instance dies holding work, a caller gives up, a dispatched call
 * keeps failing, Redis dies and comes back, Redis is not there at all. The claim idle time is cut to
 * 600 ms (the internal knob) so that a dead instance's work is taken over within a second or two.
 */
class RedisRecoveryTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static LocalRedis redis;

    private final List<Manager> managers = new ArrayList<>();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> raw;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        System.setProperty("managerhandlers.redis.claim-idle-ms", "600");
        System.setProperty("managerhandlers.redis.sweep-ms", "150");
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        System.clearProperty("managerhandlers.redis.claim-idle-ms");
        System.clearProperty("managerhandlers.redis.sweep-ms");
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void connect() {
        client = RedisClient.create(redis.url());
        connection = client.connect();
        raw = connection.sync();
        raw.flushall();
    }

    @AfterEach
    void stopAll() {
        managers.forEach(Manager::stop);
        connection.close();
        client.shutdown();
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

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void workHeldByADeadInstanceIsClaimedAndRunExactlyOnce() throws Exception {
        groupFor("work");
        Manager caller = caller();
        caller.remote().dispatch("work", "job-1");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(
                () -> caller.remote().publish("work", "job-2", Duration.ofSeconds(10)));
        await(() -> raw.xlen("mh:req:work") == 2, Duration.ofSeconds(5));
        assertThat(takeAsDeadInstance("work")).hasSize(2);

        List<String> ran = new CopyOnWriteArrayList<>();
        started(Manager.builder().redis(redis.url()).handler("work", 2, m -> (data, call) -> {
            ran.add(data);
            return "done " + data;
        }));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("done job-2");
        await(() -> ran.size() >= 2 && pending("work") == 0, Duration.ofSeconds(5));
        Thread.sleep(1_500);             // two more claim idle times: nothing runs again
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
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        AtomicInteger ran = new AtomicInteger();
        started(Manager.builder().redis(redis.url()).handler("late", 1, m -> (data, call) -> {
            ran.incrementAndGet();
            return data;
        }));
        Thread.sleep(1_500);
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

        await(() -> raw.xlen("mh:dead:flaky") == 1, Duration.ofSeconds(10));
        List<StreamMessage<String, String>> dead = raw.xrange("mh:dead:flaky", io.lettuce.core.Range.unbounded());
        assertThat(dead).hasSize(1);
        Map<String, String> letter = dead.get(0).getBody();
        assertThat(letter).containsEntry("data", "payment-7").containsEntry("deliveries", "3")
                .containsEntry("error", "Handler 'flaky' failed: ledger offline for payment-7");
        assertThat(attempts).hasValue(3);
        assertThat(pending("flaky")).isZero();
        await(() -> !reported.isEmpty(), Duration.ofSeconds(2));
        assertThat(reported).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("mh:dead:flaky").contains("3 deliveries").contains("ledger offline for payment-7"));
        Thread.sleep(1_000);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void redisLostMidRunFailsCallsWithA5xxWithinTheirTimeoutAndTheServiceRecoversWhenItIsBack() throws Exception {
        Manager front = Manager.builder().redis(redis.url()).port(0).host("127.0.0.1")
                .busTimeout(Duration.ofSeconds(2))
                .handler("front", 4, m -> (data, call) -> m.remote().publish("echo", data, Duration.ofSeconds(2)))
                .build().start();
        managers.add(front);
        started(Manager.builder().redis(redis.url()).handler("echo", 2, m -> (data, call) -> "echo " + data));

        assertThat(post(front, "/front", "one").body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"echo one\"}");

        redis.kill();
        long start = System.nanoTime();
        HttpResponse<String> lost = post(front, "/front", "two");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(lost.statusCode()).isBetween(500, 599);
        assertThat(lost.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(lost.body()).startsWith("{\"status\":\"Error\",\"message\":\"").contains("Redis");
        assertThat(took).isLessThan(Duration.ofMillis(2_500));

        redis.restart();
        HttpResponse<String> back = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            back = post(front, "/front", "three");
            if (back.statusCode() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(back.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"echo three\"}");
        for (int i = 0; i < 20; i++) {
            assertThat(post(front, "/front", "n" + i).statusCode()).isEqualTo(200);
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
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        // The HTTP server that started meanwhile is stopped.
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", httpPort).close())
                .isInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> Manager.builder().redis("http://nope").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://nope");
    }

    private static HttpResponse<String> post(Manager manager, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + manager.port() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
