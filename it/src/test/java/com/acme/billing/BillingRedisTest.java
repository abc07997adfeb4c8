package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import io.managerhandlers.Manager;
import io.managerhandlers.redis.LocalRedis;
import io.managerhandlers.redis.LocalRedisExtension;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.HttpClientSupport;
import io.managerhandlers.testing.TimeBounds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of the billing service sharing one redis-server (started by the test on a free loopback
 * port, persistence off): one serves HTTP, the other is a worker. Everything through the generated
 * {@code Handlers} and {@code Topics}, as a user would write it.
 */
class BillingRedisTest {
    /** What the service's checkout gives its remote call to {@code quote} (see {@link Checkout}). */
    static final Duration BUS_TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    static final LocalRedisExtension redis = new LocalRedisExtension();
    Manager front;
    Manager worker;
    HttpClientSupport http;

    @BeforeEach
    void startInstances() {
        front = ManagerBootstrap.manager().redis(redis.url()).port(0).host("127.0.0.1").apiKey("it-key").build().start();
        worker = ManagerBootstrap.manager().redis(redis.url()).build().startWithoutServer();
        http = new HttpClientSupport(front.port(), "Bearer it-key");
    }

    @AfterEach
    void stopInstances() {
        front.stop();
        worker.stop();
    }

    private static Set<Integer> recorded(Manager manager) {
        return manager.state().get(RecordPayment.RECORDED).orElse(Set.of());
    }

    /**
     * Holds every update of the recorded payments on {@code manager} (an update is atomic, so a call of
     * {@code record-payment} there waits behind it) until {@code open} is counted down.
     */
    private static void holdPayments(Manager manager, CountDownLatch open) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> manager.state().update(RecordPayment.RECORDED, numbers -> {
            holding.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return numbers;
        }));
        holding.await();
    }

    /** How many consumers hold entries of the stream of record-payment (read, not yet acknowledged). */
    private static long consumersHoldingPayments() {
        return redis.commands().xpending("mh:req:record-payment", "mh").getConsumerMessageCount().values().stream()
                .filter(count -> count > 0).count();
    }

    @Test
    void twoHundredDispatchedCallsRunExactlyTwoHundredTimesOnBothInstances() throws Exception {
        // Both instances held until each has taken calls: an instance whose replicas are busy reads no more
        // than its window, so neither can take all 200.
        CountDownLatch open = new CountDownLatch(1);
        holdPayments(front, open);
        holdPayments(worker, open);
        Handlers handlers = Handlers.of(front);
        for (int i = 0; i < 200; i++) {
            handlers.recordPayment().remote().dispatch(new Payment(i, 100));
        }
        Eventually.await("both instances holding payments", () -> consumersHoldingPayments() == 2);
        open.countDown();
        // Every call ran and was acknowledged: none is left that could run a second time.
        Eventually.await("200 payments recorded and acknowledged", () -> recorded(front).size() + recorded(worker).size() >= 200
                && redis.commands().xpending("mh:req:record-payment", "mh").getCount() == 0);

        Set<Integer> onFront = recorded(front);
        Set<Integer> onWorker = recorded(worker);
        assertThat(onFront.size() + onWorker.size()).isEqualTo(200);
        Set<Integer> all = new TreeSet<>(onFront);
        all.addAll(onWorker);
        assertThat(all).hasSize(200).first().isEqualTo(0);
        assertThat(all).last().isEqualTo(199);
        assertThat(onFront).as("run on the HTTP instance").isNotEmpty();
        assertThat(onWorker).as("run on the worker").isNotEmpty();
    }

    @Test
    void aTypedRemoteCallReturnsTheRightRecord() {
        QuoteResponse quote = Handlers.of(worker).quote().remote()
                .publish(new QuoteRequest("ada", "us", 1000, Optional.of("WELCOME")));
        assertThat(quote).isEqualTo(new QuoteResponse("ada", 970, "USD", "redis"));
    }

    @Test
    void aRedisTopicReachesBothInstancesInOrder() throws Exception {
        List<FxRate> rates = List.of(new FxRate("USD", 1.08), new FxRate("GBP", 0.85), new FxRate("JPY", 162.5));
        rates.forEach(Topics.of(front).fxRates()::publish);

        Eventually.await("three rates on each instance", () -> heard(front).size() >= 3 && heard(worker).size() >= 3);
        assertThat(heard(front)).isEqualTo(rates);
        assertThat(heard(worker)).isEqualTo(rates);
    }

    private static List<FxRate> heard(Manager manager) {
        return manager.state().get(RateBoard.HEARD).orElse(List.of());
    }

    @Test
    void redisKilledMidRunGivesA5xxWithinTheTimeoutAndCallsSucceedOnceItIsBack() throws Exception {
        String body = "{\"customer\":\"ada\",\"region\":\"eu\",\"amountCents\":1000}";
        HttpResponse<String> before = http.post("/checkout", body);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).isEqualTo("{\"status\":\"Ok\",\"message\":{\"customer\":\"ada\",\"totalCents\":1200,"
                + "\"currency\":\"EUR\",\"pricedBy\":\"redis\"}}");

        redis.kill();
        long start = System.nanoTime();
        HttpResponse<String> lost = http.post("/checkout", body);
        TimeBounds.endedWithin(start, BUS_TIMEOUT, "a checkout while Redis is down");
        assertThat(lost.statusCode()).isBetween(500, 599);
        assertThat(lost.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(lost.body()).startsWith("{\"status\":\"Error\",\"message\":\"").contains("Redis at " + redis.url());

        redis.restart();                    // same port, empty: no streams, no groups
        HttpResponse<String> after = Eventually.get("a checkout succeeding once Redis is back",
                () -> http.post("/checkout", body), res -> res.statusCode() == 200);
        assertThat(after.body()).isEqualTo(before.body());
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/checkout", body).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void redisAbsentAtStartTheProcessExitsNonZeroNamingTheUrl() throws Exception {
        String url = "redis://127.0.0.1:" + LocalRedis.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RedisBillingMain.class.getName(), url)
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();   // a JVM on a loaded machine
            reader.join(30_000);
            assertThat(process.exitValue()).isNotZero();
            synchronized (output) {
                assertThat(output.toString()).contains("Cannot connect to Redis at " + url).doesNotContain("PORT=");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
