package io.managerhandlers.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.managerhandlers.Manager;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import io.managerhandlers.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code REDIS} topics under {@code redisCompat(true)} speak the Rust crate's way: the channel named after the
 * topic, the bare payload. The crate's side here is a raw Lettuce subscriber and publisher.
 */
class RedisCompatTopicTest {
    static LocalRedis redis;

    public record Price(String sku, long cents) {
    }

    private final List<Manager> managers = new ArrayList<>();
    private RedisClient crate;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stopAll() {
        managers.forEach(Manager::stop);
        if (crate != null) {
            crate.shutdown();
        }
    }

    private Manager instance(List<String> news, List<Price> prices) {
        Manager manager = Manager.builder()
                .redis(redis.url())
                .redisCompat(true)
                .handler("echo", 1, m -> (data, call) -> data)
                .subscriber(m -> new Object(), (subscriber, on) -> on
                        .on("news", Transport.REDIS, TypeToken.of(String.class), news::add)
                        .on("prices", Transport.REDIS, TypeToken.of(Price.class), prices::add))
                .build()
                .startWithoutServer();
        managers.add(manager);
        return manager;
    }

    @Test
    void aCrateSubscriberHearsOurTopicsOnTheirOwnChannelsInOrderAndWeHearItsMessages() throws Exception {
        List<String> news = new CopyOnWriteArrayList<>();
        List<Price> prices = new CopyOnWriteArrayList<>();
        Manager manager = instance(news, prices);
        crate = RedisClient.create(redis.url());
        try (StatefulRedisPubSubConnection<String, String> subscriber = crate.connectPubSub();
                var publisher = crate.connect()) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    heard.add(channel + " " + message);
                }
            });
            subscriber.sync().subscribe("news", "prices");

            Topic<String> newsTopic = manager.topic("news", TypeToken.of(String.class));
            Topic<Price> priceTopic = manager.topic("prices", TypeToken.of(Price.class));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                newsTopic.publish("headline \"" + i + "\"");          // raw text, quotes and all
                expected.add("news headline \"" + i + "\"");
            }
            priceTopic.publish(new Price("apple", 50));
            expected.add("prices {\"sku\":\"apple\",\"cents\":50}");
            List<String> got = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                String message = heard.poll(10, TimeUnit.SECONDS);
                assertThat(message).as("message " + i).isNotNull();
                got.add(message);
            }
            assertThat(got).containsExactlyElementsOf(expected);

            // What the crate publishes there reaches our subscribers: raw text, and JSON.
            publisher.sync().publish("news", "from rust");
            publisher.sync().publish("prices", "{\"sku\":\"pear\",\"cents\":70}");
            Eventually.await("the crate's messages delivered", () -> news.contains("from rust") && prices.size() >= 2);
            assertThat(news).endsWith("from rust");
            assertThat(prices).containsExactly(new Price("apple", 50), new Price("pear", 70));
            // Our own messages came back to us too, through the same channel, in order.
            assertThat(news.subList(0, 30)).containsExactlyElementsOf(
                    expected.subList(0, 30).stream().map(m -> m.substring("news ".length())).toList());
        }
    }
}
