package io.managerhandlers.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.managerhandlers.Manager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code accessLog(true)} (or {@code access-log: true} in Helidon Config): one line per request to the
 * logger {@code io.managerhandlers.access} with method, path, status, bytes, milliseconds and trace id.
 */
class AccessLogTest {
    private static final Logger ACCESS = Logger.getLogger("io.managerhandlers.access");
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        ACCESS.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        ACCESS.removeHandler(capture);
    }

    @Test
    void oneLinePerRequestWithTheTraceIdOfItsTraceparent() throws Exception {
        Manager manager = Manager.builder().port(0).host("127.0.0.1").apiKey("k").accessLog(true)
                .handler("echo", 1, m -> (data, call) -> data)
                .build().start();
        try {
            ObserveHttp http = new ObserveHttp(manager.port());
            http.post("/echo", "hello", "Authorization", "Bearer k",
                    "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).matches("method=POST path=/echo status=200 bytes=\\d+ ms=\\d+\\.\\d{3} "
                    + "trace=4bf92f3577b34da6a3ce929d0e0e4736");
            // Bytes sent, as nginx's $bytes_sent: the head and the 34 bytes of {"status":"Ok","message":"hello"}.
            assertThat(bytes(line)).isGreaterThan(34);

            // Without a traceparent, or with a malformed one, a request starts a trace of its own.
            http.get("/nope");
            String refused = lines.poll(10, TimeUnit.SECONDS);
            assertThat(refused).matches("method=GET path=/nope status=401 bytes=\\d+ ms=\\d+\\.\\d{3} trace=[0-9a-f]{32}")
                    .doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
            http.get("/observe/health/live", "traceparent", "not a traceparent");
            String probe = lines.poll(10, TimeUnit.SECONDS);
            assertThat(probe).matches(
                    "method=GET path=/observe/health/live status=200 bytes=\\d+ ms=\\d+\\.\\d{3} trace=[0-9a-f]{32}");
            assertThat(trace(probe)).isNotEqualTo(trace(refused));
        } finally {
            manager.stop();
        }
    }

    private static String trace(String line) {
        return line.substring(line.indexOf(" trace=") + 7);
    }

    private static long bytes(String line) {
        return Long.parseLong(line.replaceAll(".* bytes=(\\d+) .*", "$1"));
    }

    @Test
    void helidonConfigTurnsItOnAndItIsOffByDefault() throws Exception {
        Manager quiet = Manager.builder().port(0).host("127.0.0.1").handler("echo", 1, m -> (d, c) -> d).build().start();
        try {
            new ObserveHttp(quiet.port()).post("/echo", "x");
        } finally {
            quiet.stop();
        }
        Config config = Config.just(ConfigSources.create(Map.of("manager.port", "0", "manager.host", "127.0.0.1",
                "manager.access-log", "true")));
        Manager manager = Manager.builder().config(config.get("manager")).handler("echo", 1, m -> (d, c) -> d)
                .build().start();
        try {
            new ObserveHttp(manager.port()).post("/echo", "from-config");
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).startsWith("method=POST path=/echo status=200 bytes=");
            assertThat(List.copyOf(lines)).as("one line per request; none from the manager without it").isEmpty();
        } finally {
            manager.stop();
        }
    }
}
