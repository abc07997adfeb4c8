package io.managerhandlers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.managerhandlers.BusException;
import io.managerhandlers.Endpoint;
import io.managerhandlers.HandlerException;
import io.managerhandlers.Manager;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.managerhandlers.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of one service on a three-master Redis Cluster (redis-cluster://). */
class RedisClusterTest {
    static RedisNodes nodes;
    static List<RedisNodes.Node> masters;

    public record Order(String sku, int quantity) {
    }

    public record Priced(String sku, long cents, String pricedBy) {
    }

    private final List<Manager> managers = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        nodes = new RedisNodes();
        masters = nodes.cluster();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    @AfterEach
    void stopManagers() {
        managers.forEach(Manager::stop);
    }

    private String url() {
        // Two of the three as seeds: the client finds the third from the topology.
        return "redis-cluster://127.0.0.1:" + masters.get(0).port + ",127.0.0.1:" + masters.get(1).port;
    }

    private Manager instance(String name, Map<Integer, AtomicInteger> runs, List<String> heard) {
        Manager manager = Manager.builder()
                .redis(url())
                .busTimeout(Duration.ofSeconds(10))
                .handler("price", 2, TypeToken.of(Order.class), TypeToken.of(Priced.class), m -> (order, call) ->
                        new Priced(order.sku(), 50L * order.quantity(), name))
                .handler("count", 4, TypeToken.of(Integer.class), TypeToken.of(Integer.class), m -> (n, call) -> {
                    runs.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    return n;
                })
                .handler("echo", 2, m -> (data, call) -> name + ": " + data)
                .handler("fail", 1, m -> (data, call) -> {
                    throw new IllegalStateException("out of stock: " + data);
                })
                .subscriber(m -> new Object(), (subscriber, on) ->
                        on.on("news", Transport.REDIS, TypeToken.of(String.class), heard::add))
                .build()
                .startWithoutServer();
        managers.add(manager);
        return manager;
    }

    @Test
    void callsDispatchesAndTopicsWorkAcrossTheClusterSlots() throws Exception {
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> runsB = new ConcurrentHashMap<>();
        List<String> heardA = new CopyOnWriteArrayList<>();
        List<String> heardB = new CopyOnWriteArrayList<>();
        Manager a = instance("a", runs, heardA);
        Manager b = instance("b", runsB, heardB);

        // A remote call and a typed remote call answer, from either instance.
        assertThat(a.remote().publish("echo", "hi", Duration.ofSeconds(10))).matches("[ab]: hi");
        Endpoint<Order, Priced> price = b.endpoint("price", TypeToken.of(Order.class), TypeToken.of(Priced.class));
        Set<String> pricedBy = ConcurrentHashMap.newKeySet();
        for (int i = 1; i <= 20; i++) {
            Priced priced = price.remote().publish(new Order("apple", i));
            assertThat(priced.cents()).isEqualTo(50L * i);
            pricedBy.add(priced.pricedBy());
        }
        assertThat(pricedBy).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> a.remote().publish("fail", "kiwi", Duration.ofSeconds(10)))
                .isInstanceOf(HandlerException.class).hasMessageContaining("out of stock: kiwi");
        assertThatThrownBy(() -> a.remote().publish("nobody", "x", Duration.ofSeconds(10)))
                .isInstanceOf(NoSuchHandlerException.class);

        // 200 dispatches run exactly 200 times in total, on both instances.
        Endpoint<Integer, Integer> count = a.endpoint("count", TypeToken.of(Integer.class), TypeToken.of(Integer.class));
        for (int i = 0; i < 200; i++) {
            count.remote().dispatch(i);
        }
        Eventually.await("200 dispatches run", () -> total(runs) + total(runsB) >= 200);
        // Anything that would run twice would be claimed after the claim idle time; it is not shortened here,
        // so a second run would come from a second delivery, which the stream's consumer group never makes.
        assertThat(total(runs) + total(runsB)).isEqualTo(200);
        Set<Integer> all = ConcurrentHashMap.newKeySet();
        all.addAll(runs.keySet());
        all.addAll(runsB.keySet());
        assertThat(all).hasSize(200);
        assertThat(runs).as("ran on a").isNotEmpty();
        assertThat(runsB).as("ran on b").isNotEmpty();

        // A REDIS topic reaches both instances, in order.
        Topic<String> news = b.topic("news", TypeToken.of(String.class));
        for (int i = 0; i < 20; i++) {
            news.publish("n" + i);
        }
        Eventually.await("20 messages heard on both instances", () -> heardA.size() >= 20 && heardB.size() >= 20);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add("n" + i);
        }
        assertThat(heardA).containsExactlyElementsOf(sent);
        assertThat(heardB).containsExactlyElementsOf(sent);

        // The framework's keys live on more than one master.
        int holding = 0;
        for (RedisNodes.Node master : masters) {
            if (!master.cli("--scan", "--pattern", "mh:*").isBlank()) {
                holding++;
            }
        }
        assertThat(holding).as("masters holding mh:* keys").isGreaterThanOrEqualTo(2);

        // redisReplicaAcks on a Cluster: the WAIT goes to the master of the stream's slot, which has no
        // replica here, so the dispatch fails within the bus timeout, saying why.
        Manager waiting = Manager.builder().redis(url()).busTimeout(Duration.ofSeconds(1)).redisReplicaAcks(1)
                .build().startWithoutServer();
        managers.add(waiting);
        assertThatThrownBy(() -> waiting.remote().dispatch("count", "1000"))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("0 of the 1 replica(s)");
    }

    @Test
    void aClusterUrlWithADatabaseOrNoNodeIsAClearErrorThatHidesThePassword() {
        assertThatThrownBy(() -> Manager.builder().redis("redis-cluster://:secret@127.0.0.1:7000/3").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis-cluster://***@127.0.0.1:7000/3")
                .hasMessageContaining("no database")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Manager.builder().redis("redis-cluster://127.0.0.1:7000,").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an empty seed node");
        assertThatThrownBy(() -> Manager.builder().redis("redis-sentinel://127.0.0.1:26379").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis-sentinel://127.0.0.1:26379")
                .hasMessageContaining("sentinelMasterId");
        assertThatThrownBy(() -> Manager.builder().redisReplicaAcks(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redisReplicaAcks");
    }

    private static int total(Map<Integer, AtomicInteger> runs) {
        return runs.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
