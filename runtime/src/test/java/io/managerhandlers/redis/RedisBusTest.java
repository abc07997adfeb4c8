package io.managerhandlers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Endpoint;
import io.managerhandlers.HandlerException;
import io.managerhandlers.Manager;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.TimeBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two instances of one service sharing a real redis-server: who runs what, and what comes back. */
class RedisBusTest {
    @RegisterExtension
    static final LocalRedisExtension redis = new LocalRedisExtension();
    static final ObjectMapper JSON = new ObjectMapper();

    public record Order(String sku, int quantity) {
    }

    public record Priced(String sku, long cents, String pricedBy, String source) {
    }

    public record Price(String sku, long cents) {
    }

    private final List<Manager> managers = new ArrayList<>();
    /** Holds {@code slow} until the test is over: a caller that waited for it instead of its deadline would hang. */
    private final CountDownLatch slowRelease = new CountDownLatch(1);

    @AfterEach
    void stopManagers() {
        slowRelease.countDown();
        managers.forEach(Manager::stop);
    }

    /**
     * Holds the calls of {@code price} and {@code count} until both instances run one: then neither can have
     * taken all the work. An instance whose replicas are held reads no more than its window, so the other one
     * gets the rest.
     */
    static final class BothInstances {
        final Set<String> entered = ConcurrentHashMap.newKeySet();
        final CountDownLatch open = new CountDownLatch(1);

        void enter(String instance) throws InterruptedException {
            entered.add(instance);
            open.await();
        }

        void openWhenBothRan() throws InterruptedException {
            Eventually.await("a call running on each instance", () -> entered.containsAll(List.of("a", "b")));
            open.countDown();
        }
    }

    /** One instance of the service: {@code price}, {@code count}, {@code fail}, {@code slow}, and a REDIS topic. */
    private Manager instance(String name, Set<Integer> counted, List<Price> prices, boolean compat) {
        return instance(name, counted, prices, compat, null);
    }

    private Manager instance(String name, Set<Integer> counted, List<Price> prices, boolean compat, BothInstances gate) {
        TypeToken<Order> orders = TypeToken.of(Order.class);
        TypeToken<Priced> priced = TypeToken.of(Priced.class);
        TypeToken<Integer> ints = TypeToken.of(Integer.class);
        Manager manager = Manager.builder()
                .redis(redis.url())
                .redisCompat(compat)
                .busTimeout(Duration.ofSeconds(30))
                .handler("price", 2, orders, priced, m -> (order, call) -> {
                    if (gate != null) {
                        gate.enter(name);
                    }
                    return new Priced(order.sku(), 50L * order.quantity(), name, call.source());
                })
                .handler("count", 2, ints, ints, m -> (n, call) -> {
                    if (gate != null) {
                        gate.enter(name);
                    }
                    Thread.sleep(2);
                    if (!counted.add(n)) {
                        throw new AssertionError("ran twice here: " + n);
                    }
                    return n;
                })
                .handler("fail", 1, m -> (data, call) -> {
                    throw new IllegalStateException("out of stock: " + data);
                })
                .handler("slow", 1, m -> (data, call) -> {
                    slowRelease.await();
                    return data;
                })
                .handler("echo", 1, m -> (data, call) -> "Echo from " + name + ": " + data)
                .handler("trace-id", 1, m -> (data, call) -> call.traceId())
                .subscriber(m -> new Object(), (subscriber, on) ->
                        on.on("prices", Transport.REDIS, TypeToken.of(Price.class), prices::add))
                .build()
                .startWithoutServer();
        managers.add(manager);
        return manager;
    }

    private Manager instance(String name) {
        return instance(name, ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), false);
    }

    @Test
    void twoHundredDispatchedCallsRunExactlyOnceEachSpreadOverBothInstances() throws Exception {
        Set<Integer> onA = ConcurrentHashMap.newKeySet();
        Set<Integer> onB = ConcurrentHashMap.newKeySet();
        BothInstances gate = new BothInstances();
        Manager a = instance("a", onA, new CopyOnWriteArrayList<>(), false, gate);
        instance("b", onB, new CopyOnWriteArrayList<>(), false, gate);
        Endpoint<Integer, Integer> count = a.endpoint("count", TypeToken.of(Integer.class), TypeToken.of(Integer.class));

        for (int i = 0; i < 200; i++) {
            count.remote().dispatch(i);
        }
        gate.openWhenBothRan();

        // Every call ran and was acknowledged: none is left that could run a second time.
        Eventually.await("200 calls run and acknowledged", () -> onA.size() + onB.size() >= 200
                && redis.commands().xpending("mh:req:count", "mh").getCount() == 0);
        assertThat(onA.size() + onB.size()).isEqualTo(200);
        Set<Integer> all = ConcurrentHashMap.newKeySet();
        all.addAll(onA);
        all.addAll(onB);
        assertThat(all).hasSize(200).allMatch(n -> n >= 0 && n < 200);
        assertThat(onA).as("calls run on instance a").isNotEmpty();
        assertThat(onB).as("calls run on instance b").isNotEmpty();
    }

    @Test
    void aTypedRemoteCallReturnsTheRecordFromWhicheverInstanceRanIt() throws Exception {
        BothInstances gate = new BothInstances();
        Manager a = instance("a", ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), false, gate);
        instance("b", ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), false, gate);
        Endpoint<Order, Priced> price = a.endpoint("price", TypeToken.of(Order.class), TypeToken.of(Priced.class));

        Set<String> answeredBy = ConcurrentHashMap.newKeySet();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Priced>> answers = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                Order order = new Order("apple", i);
                answers.add(callers.submit(() -> price.remote().publish(order)));
            }
            gate.openWhenBothRan();
            for (int i = 1; i <= 40; i++) {
                Priced answer = answers.get(i - 1).get(30, TimeUnit.SECONDS);
                assertThat(answer.sku()).isEqualTo("apple");
                assertThat(answer.cents()).isEqualTo(50L * i);
                assertThat(answer.source()).isEqualTo("redis");
                answeredBy.add(answer.pricedBy());
            }
        }
        assertThat(answeredBy).containsExactlyInAnyOrder("a", "b");
        // The untyped side: JSON in, JSON out.
        assertThat(a.remote().publish("price", "{\"sku\":\"pear\",\"quantity\":2}", Duration.ofSeconds(30)))
                .startsWith("{\"sku\":\"pear\",\"cents\":100,");
        // In process, the same endpoint does not touch Redis.
        assertThat(price.publish(new Order("fig", 1))).isEqualTo(new Priced("fig", 50, "a", "local"));
    }

    @Test
    void remoteFailuresAreTheExceptionsALocalCallWouldThrow() {
        Manager a = instance("a");
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.remote().publish("fail", "kiwi", Duration.ofSeconds(30)))
                .isInstanceOf(HandlerException.class)
                .hasMessageContaining("out of stock: kiwi");
        assertThatThrownBy(() -> a.remote().publish("slow", "x", Duration.ofMillis(300)))
                .isInstanceOf(BusTimeoutException.class)
                .hasMessageContaining("'slow'");
        TimeBounds.endedWithin(start, Duration.ofMillis(300), "a failure, then a call that times out");
        assertThatThrownBy(() -> a.remote().publish("price", "not json", Duration.ofSeconds(30)))
                .isInstanceOf(HandlerException.class)
                .hasMessageContaining("cannot read its input");
        assertThatThrownBy(() -> a.remote().publish("nobody", "x", Duration.ofSeconds(30)))
                .isInstanceOf(NoSuchHandlerException.class);
        assertThatThrownBy(() -> a.remote().dispatch("nobody", "x"))
                .isInstanceOf(NoSuchHandlerException.class);
    }

    @Test
    void aRedisTopicReachesEveryInstanceInOrder() throws Exception {
        List<Price> onA = new CopyOnWriteArrayList<>();
        List<Price> onB = new CopyOnWriteArrayList<>();
        Manager a = instance("a", ConcurrentHashMap.newKeySet(), onA, false);
        instance("b", ConcurrentHashMap.newKeySet(), onB, false);
        Topic<Price> prices = a.topic("prices", TypeToken.of(Price.class));

        List<Price> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Price price = new Price("sku-" + i, i);
            sent.add(price);
            prices.publish(price);
        }
        Eventually.await("50 prices on each instance", () -> onA.size() >= 50 && onB.size() >= 50);
        assertThat(onA).containsExactlyElementsOf(sent);
        assertThat(onB).containsExactlyElementsOf(sent);
    }

    @Test
    void aRustFormatCallerGetsOneReplyFromTwoCompatInstances() throws Exception {
        instance("a", ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), true);
        instance("b", ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), true);
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> replies = client.connectPubSub();
                var commands = client.connect()) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            replies.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(channel + " " + message);
                }
            });
            replies.sync().subscribe("rust-caller_42");
            RedisMonitor monitor = redis.monitor();

            long receivers = commands.sync().publish("echo",
                    "{\"id\":\"42\",\"message\":\"hello\",\"reply_channel\":\"rust-caller_42\"}");

            assertThat(receivers).isEqualTo(2);          // both instances hear it...
            String reply = heard.poll(30, TimeUnit.SECONDS);
            assertThat(reply).startsWith("rust-caller_42 ");
            JsonNode json = JSON.readTree(reply.substring("rust-caller_42 ".length()));
            assertThat(json.get("id").asText()).isEqualTo("42");
            assertThat(json.get("message").asText()).matches("Echo from [ab]: hello");
            assertThat(json.get("reply_channel").asText()).isEmpty();
            // ...both claim it (SET NX) and have decided who runs it; exactly one answered.
            Eventually.await("both instances claiming request 42", () -> monitor.count("SET", "mh:compat:echo:42") == 2);
            monitor.catchUp();
            assertThat(monitor.count("PUBLISH", "rust-caller_42")).as("...and exactly one answers").isEqualTo(1);
            monitor.close();
            assertThat(heard.poll()).isNull();

            // A failure answers too, marked so that our callers can throw (the crate ignores the extra field).
            commands.sync().publish("fail", "{\"id\":\"43\",\"message\":\"kiwi\",\"reply_channel\":\"rust-caller_42\"}");
            JsonNode failed = JSON.readTree(heard.poll(30, TimeUnit.SECONDS).substring("rust-caller_42 ".length()));
            assertThat(failed.get("message").asText()).contains("out of stock: kiwi");
            assertThat(failed.get("error").asBoolean()).isTrue();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aRustFormatResponderIsCalledByACompatManager() throws Exception {
        Manager a = instance("a", ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), true);
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> requests = client.connectPubSub();
                var commands = client.connect()) {
            List<JsonNode> received = new CopyOnWriteArrayList<>();
            AtomicInteger dispatched = new AtomicInteger();
            // The Rust service: answers {"id","message","reply_channel"} on reply_channel, from its listener
            // without blocking (an asynchronous publish).
            requests.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    try {
                        JsonNode request = JSON.readTree(message);
                        received.add(request);
                        String replyChannel = request.get("reply_channel").asText();
                        if (replyChannel.isEmpty()) {
                            dispatched.incrementAndGet();
                            return;
                        }
                        commands.async().publish(replyChannel, JSON.createObjectNode()
                                .put("id", "rust-" + request.get("id").asText())
                                .put("message", "Hello, " + request.get("message").asText())
                                .put("reply_channel", "").toString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            requests.sync().subscribe("rust-greeter");

            assertThat(a.remote().publish("rust-greeter", "Ada", Duration.ofSeconds(30))).isEqualTo("Hello, Ada");
            assertThat(a.remote().publish("rust-greeter", "Grace", Duration.ofSeconds(30))).isEqualTo("Hello, Grace");
            a.remote().dispatch("rust-greeter", "fire");

            Eventually.await("the dispatched request", () -> dispatched.get() > 0);
            assertThat(dispatched).hasValue(1);
            assertThat(received).hasSize(3);
            JsonNode first = received.get(0);
            assertThat(first.get("message").asText()).isEqualTo("Ada");
            // <caller>_<uuid>: the caller is this instance; its one pattern subscription hears every reply.
            assertThat(first.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(first.get("reply_channel").asText()).endsWith("_" + first.get("id").asText());
            // Nobody listening on a channel: no such handler, at once rather than at the timeout.
            assertThatThrownBy(() -> a.remote().publish("nobody-listens", "x", Duration.ofSeconds(30)))
                    .isInstanceOf(NoSuchHandlerException.class);
        } finally {
            client.shutdown();
        }
    }

    /**
     * The request entry as the README describes it, written and read by hand: an entry is two fields, the
     * call's envelope (seven lines) and its input; an entry in the layout of earlier versions (one field per
     * item) is served too; the reply is {@code <id>\n<status><payload>} on the channel the entry names.
     */
    @Test
    void aRequestEntryIsItsEnvelopeAndItsInputAndTheOlderLayoutIsServedToo() throws Exception {
        Manager a = instance("a");
        var raw = redis.commands();
        String input = "the entry of " + System.nanoTime();      // other tests of this class call echo too
        assertThat(a.remote().publish("echo", input, Duration.ofSeconds(30))).isEqualTo("Echo from a: " + input);
        var written = raw.xrange("mh:req:echo", io.lettuce.core.Range.unbounded()).stream()
                .filter(entry -> input.equals(entry.getBody().get("data"))).toList();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getBody()).containsOnlyKeys("call", "data");
        String[] envelope = written.get(0).getBody().get("call").split("\n", -1);
        assertThat(envelope).hasSize(7);
        assertThat(envelope[0]).isEqualTo("request");
        assertThat(Long.parseLong(envelope[2])).isGreaterThan(System.currentTimeMillis());   // the deadline
        assertThat(envelope[3]).startsWith("mh:rep:");
        assertThat(envelope[5]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");             // traceparent

        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> replies = client.connectPubSub()) {
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            replies.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    frames.add(message);
                }
            });
            replies.sync().subscribe("mh:rep:by-hand");
            String deadline = Long.toString(System.currentTimeMillis() + 30_000);
            raw.xadd("mh:req:echo", Map.of("call", "request\nby-hand-1\n" + deadline + "\nmh:rep:by-hand\nby-hand\n\n",
                    "data", "new layout"));
            assertThat(frames.poll(30, TimeUnit.SECONDS)).isEqualTo("by-hand-1\nOEcho from a: new layout");
            raw.xadd("mh:req:echo", Map.of("id", "by-hand-2", "kind", "request", "reply", "mh:rep:by-hand",
                    "deadline", deadline, "source", "by-hand", "data", "old layout"));
            assertThat(frames.poll(30, TimeUnit.SECONDS)).isEqualTo("by-hand-2\nOEcho from a: old layout");
            // The caller's trace, read from either layout: the handler runs in it.
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
            raw.xadd("mh:req:trace-id", Map.of("call", "request\nby-hand-3\n" + deadline + "\nmh:rep:by-hand\nby-hand\n"
                    + traceparent + "\nvendor=abc", "data", "x"));
            assertThat(frames.poll(30, TimeUnit.SECONDS)).isEqualTo("by-hand-3\nO" + traceId);
            raw.xadd("mh:req:trace-id", Map.of("id", "by-hand-4", "kind", "request", "reply", "mh:rep:by-hand",
                    "deadline", deadline, "source", "by-hand", "data", "x", "traceparent", traceparent));
            assertThat(frames.poll(30, TimeUnit.SECONDS)).isEqualTo("by-hand-4\nO" + traceId);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void topicsAndCallsKeepWorkingFromEitherSide() throws Exception {
        Map<String, Integer> sums = new ConcurrentHashMap<>();
        Manager a = instance("a");
        Manager b = instance("b");
        for (Manager caller : List.of(a, b)) {
            for (int i = 0; i < 10; i++) {
                String answer = caller.remote().publish("echo", "m" + i, Duration.ofSeconds(30));
                assertThat(answer).matches("Echo from [ab]: m" + i);
                sums.merge(answer.substring(10, 11), 1, Integer::sum);
            }
        }
        assertThat(sums.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    }
}
