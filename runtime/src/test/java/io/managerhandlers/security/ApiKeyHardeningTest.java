package io.managerhandlers.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API key guards every path however it is spelled; only the exact {@code /observe/health} is open. The
 * requests go out as raw bytes so that no client library normalises the path first.
 */
class ApiKeyHardeningTest {
    static final AtomicInteger CALLS = new AtomicInteger();
    static Manager manager;

    @BeforeAll
    static void start() {
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .apiKey("secret")
                .handler("echo", 1, m -> (data, call) -> {
                    CALLS.incrementAndGet();
                    return data;
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Answer send(String method, String target, String authorization) throws IOException {
        String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Approximate-Size: 1\r\nContent-Length: 1\r\n\r\nx";
        String text = TlsProbe.http(manager.port(), request);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer to %s %s: %s", method, target, text).isPositive();
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
    }

    @Test
    void everyPathSpellingWithoutTheKeyIs401() throws IOException {
        List<String> targets = List.of(
                "/shutdown", "//shutdown", "///shutdown", "/./shutdown", "/x/../shutdown", "/x/%2e%2e/shutdown",
                "/shutdown;a=b", "/shutdown;", "/shutdown/", "/%73hutdown", "/SHUTDOWN", "/shutdown?now=1",
                "/shutdown%00", "/shutdown%2f", "/observe/health/../../shutdown", "/observe/health;/../../shutdown",
                "/stream/upload/f.txt", "/stream/download/f.txt", "/stream/metadata/f.txt", "//stream/upload/f.txt",
                "/stream/../shutdown", "/stream/upload/../../shutdown", "/stream/download/..%2f..%2fshutdown",
                "/observe/metrics", "//observe/metrics", "/observe/metrics;x", "/observe/./metrics",
                "/observe/health/../metrics", "/observe/health/", "//observe/health", "/observe//health",
                "/observe/health;x", "/observe/health/.", "/observe/HEALTH", "/observe/health%20",
                "/echo", "//echo", "/echo;x", "/nope", "/", "/observe", "/stream");
        for (String method : List.of("POST", "GET", "PUT", "DELETE")) {
            for (String target : targets) {
                Answer answer = send(method, target, null);
                assertThat(answer.status()).as("%s %s -> %s", method, target, answer).isEqualTo(401);
                assertThat(answer.body()).as("%s %s", method, target)
                        .isEqualTo("{\"status\":\"Error\",\"message\":\"Unauthorized\"}");
                assertThat(answer.header("WWW-Authenticate")).as("%s %s", method, target).isEqualTo("Bearer");
                assertThat(answer.header("Content-Type")).as("%s %s", method, target).startsWith("application/json");
            }
        }
        assertThat(CALLS).hasValue(0);
        // None of it shut the service down.
        assertThat(send("GET", "/observe/health", null).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(send("POST", "/echo", "Bearer secret").status()).isEqualTo(200);
    }

    @Test
    void aWrongKeyIs401AndOnlyTheExactKeyGetsIn() throws IOException {
        List<String> wrong = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer secret2", "Bearer secre",
                "Bearer SECRET", "Basic c2VjcmV0", "Bearer secret secret", "Token secret"));
        for (String authorization : wrong) {
            Answer answer = send("POST", "/echo", authorization);
            assertThat(answer.status()).as("'%s'", authorization).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        // A control character in the header is a malformed request: Helidon's parser refuses it first.
        assertThat(send("POST", "/echo", "secret\u0000").status()).isIn(400, 401);
        for (String authorization : List.of("Bearer secret", "bearer secret", "BEARER  secret ", "secret")) {
            Answer answer = send("POST", "/echo", authorization);
            assertThat(answer.status()).as("'%s'", authorization).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"x\"}");
        }
    }

    @Test
    void onlyTheExactHealthPathIsOpen() throws IOException {
        for (String target : List.of("/observe/health", "/observe/health?probe=1")) {
            Answer answer = send("GET", target, null);
            assertThat(answer.status()).as(target).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void noKeyLogsAWarningAtStartAndAKeyDoesNot() {
        Logger logger = Logger.getLogger(Manager.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            Manager withKey = Manager.builder().port(0).host("127.0.0.1").apiKey("k").build().start();
            withKey.stop();
            synchronized (records) {
                assertThat(records).noneMatch(r -> r.getMessage().contains("No API key"));
            }
            Manager open = Manager.builder().port(0).host("127.0.0.1").build().start();
            open.stop();
            synchronized (records) {
                assertThat(records).anyMatch(r -> r.getLevel() == Level.WARNING
                        && r.getMessage().contains("No API key is set"));
            }
        } finally {
            logger.removeHandler(capture);
        }
    }
}
