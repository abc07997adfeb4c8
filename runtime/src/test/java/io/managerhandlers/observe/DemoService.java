package io.managerhandlers.observe;

import io.managerhandlers.Manager;
import io.managerhandlers.TypeToken;
import io.managerhandlers.annotations.Transport;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A service with a few handlers and topics under a steady, uneven load: what the dashboard test loads, and
 * what to look at by hand ({@code DemoService <port> <seconds> [redis-url]}).
 */
final class DemoService implements AutoCloseable {
    static final String[] HANDLERS = {"checkout", "inventory", "pricing", "search", "flaky"};

    final Manager manager;
    private final Thread load;
    private volatile boolean running = true;

    DemoService(int port, String redis) {
        Manager.Builder builder = Manager.builder()
                .port(port)
                .host("127.0.0.1")
                .apiKey("demo-key")
                .handler("checkout", 4, m -> (data, call) -> {
                    sleepMicros(800, 6000);
                    return "ok";
                })
                .handler("inventory", 2, m -> (data, call) -> {
                    sleepMicros(50, 400);
                    return data;
                })
                .handler("pricing", 2, m -> (data, call) -> data)
                .handler("search", 1, m -> (data, call) -> {
                    sleepMicros(20_000, 90_000);
                    return "[]";
                })
                .handler("flaky", 2, m -> (data, call) -> {
                    if (ThreadLocalRandom.current().nextInt(5) == 0) {
                        throw new IllegalStateException("flaky failed");
                    }
                    return data;
                })
                .subscriber(m -> new Object(), (s, on) -> on
                        .on("orders", Transport.LOCAL, TypeToken.of(String.class), o -> sleepMicros(100, 900))
                        .on("audit", Transport.LOCAL, TypeToken.of(String.class), o -> { }));
        if (redis != null) {
            builder.redis(redis);
        }
        manager = builder.build().start();
        load = Thread.ofVirtual().start(this::load);
    }

    private void load() {
        var bus = manager.bus();
        var orders = manager.topic("orders", TypeToken.of(String.class));
        var audit = manager.topic("audit", TypeToken.of(String.class));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            try {
                bus.publish("pricing", "p");
                bus.publish("inventory", "i");
                if (random.nextInt(3) == 0) {
                    bus.dispatch("checkout", "c");
                    orders.publish("order");
                }
                if (random.nextInt(10) == 0) {
                    bus.dispatch("search", "s");
                }
                bus.publish("flaky", "f");
            } catch (RuntimeException expected) {
                // the flaky handler
            }
            audit.publish("a");
            sleepMicros(4_000, 12_000);
        }
    }

    private static void sleepMicros(int least, int most) {
        try {
            Thread.sleep(Duration.ofNanos(1000L * ThreadLocalRandom.current().nextInt(least, most)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        manager.stop();
    }

    public static void main(String[] args) throws Exception {
        try (DemoService demo = new DemoService(Integer.parseInt(args[0]), args.length > 2 ? args[2] : null)) {
            System.out.println("http://127.0.0.1:" + demo.manager.port() + "/observe/dashboard#key=demo-key");
            Thread.sleep(Duration.ofSeconds(Long.parseLong(args[1])));
        }
    }
}
