package io.managerhandlers.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis of a test class: a private {@code redis-server} ({@link LocalRedis}) started before the class's
 * tests on a free loopback port and killed after them; the tests are skipped, saying why, where Redis is not
 * installed. Register it as {@code @RegisterExtension static final LocalRedisExtension REDIS = new
 * LocalRedisExtension();}. Public, and packaged in the runtime's test jar, for the tests of {@code it/} too.
 */
public final class LocalRedisExtension implements BeforeAllCallback, AfterAllCallback {
    private LocalRedis server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(LocalRedis.executable() != null, LocalRedis.MISSING);
        server = LocalRedis.start();
        // Loads and starts Lettuce and Netty once, before any manager connects: on a loaded machine their cold
        // start in a fresh JVM can take most of a manager's start-up deadline for Redis (10 s).
        commands().ping();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.shutdown();
            client = null;
            connection = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public LocalRedis server() {
        if (server == null) {
            throw new IllegalStateException("Redis is started before the first test of the class, and stopped after the last");
        }
        return server;
    }

    public String url() {
        return server().url();
    }

    /** Kills the server at once (SIGKILL): connections drop, nothing is saved. */
    public void kill() throws InterruptedException {
        server().kill();
    }

    /** A new, empty server on the same port. */
    public void restart() throws Exception {
        server().restart();
    }

    /** Commands of the test's own, on a connection opened on first use (it reconnects after a restart). */
    public synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(url());
            connection = client.connect();
        }
        return connection.sync();
    }

    /** Every command the server runs from now on, until closed ({@code MONITOR}). */
    public RedisMonitor monitor() throws Exception {
        return RedisMonitor.open(server().port());
    }
}
