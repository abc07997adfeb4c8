package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import io.managerhandlers.testing.TimeBounds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read timeout: clients that send a request too slowly, or stall, are answered 408 and closed while
 * everybody else is served; idle keep-alive connections are not. Read timeout 1 s, keep-alive 4 s. Every
 * "within" is the timeout plus {@link TimeBounds#MARGIN}, and each slow client would go on for longer.
 */
class SlowClientTest {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(4);
    static final long CUT_WITHIN_MILLIS = TimeBounds.bound(READ_TIMEOUT).toMillis();
    /** How long a read waits before the test calls the connection hung. */
    static final Duration HUNG = Duration.ofSeconds(30);
    static final AtomicInteger CALLS = new AtomicInteger();
    static Manager manager;

    @BeforeAll
    static void start() {
        manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .readTimeout(READ_TIMEOUT)
                .keepAlive(KEEP_ALIVE)
                .handler("echo", 4, m -> (data, call) -> {
                    CALLS.incrementAndGet();
                    return data;
                })
                .uploadHandler("upload", 2, m -> (call, body, name, size) -> String.valueOf(body.readAllBytes().length))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", manager.port());
        socket.setSoTimeout((int) HUNG.toMillis());
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static Answer probe() throws IOException {
        return RawHttp.exchange(manager.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nprobe", HUNG);
    }

    /** Sends a header line every {@code everyMillis} until the server closes; the answer it got then. */
    static Answer trickleHeaders(Socket socket, long everyMillis) throws IOException, InterruptedException {
        long start = System.nanoTime();
        send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\n");
        try {
            for (int i = 0; i < 100; i++) {
                Thread.sleep(everyMillis);
                send(socket, "X-Slow-" + i + ": still coming\r\n");
            }
        } catch (IOException closedByTheServer) {
            // expected
        }
        return RawHttp.read(socket.getInputStream(), start, HUNG);
    }

    @Test
    void slowlorisConnectionsAreAnswered408AndClosedWhileProbesAreServed() throws Exception {
        int before = CALLS.get();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> slow = new ArrayList<>();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Socket socket = open();
                sockets.add(socket);
                slow.add(pool.submit(() -> trickleHeaders(socket, 200)));
            }
            // Every probe during the attack is answered, long before the attack (20 s of headers) could end.
            for (int i = 0; i < 8; i++) {
                Answer probe = probe();
                assertThat(probe.status()).as("probe %d", i).isEqualTo(200);
                assertThat(probe.millis()).as("probe %d", i).isLessThan(CUT_WITHIN_MILLIS);
                Thread.sleep(250);                 // spreads the probes over the attack: pacing, not waiting
            }
            // Every one is cut and answered 408: a read the server had taken waits for the guard's answer.
            for (Future<Answer> each : slow) {
                Answer answer = each.get(60, TimeUnit.SECONDS);
                assertThat(answer.closed()).as("%s", answer).isTrue();
                // The read timeout, plus at most one sweep of the guard and the margin.
                assertThat(answer.millis()).as("%s", answer).isBetween(READ_TIMEOUT.toMillis(), CUT_WITHIN_MILLIS);
                assertThat(answer.answered()).as("answered: %s", answer).isTrue();
                assertThat(answer.status()).as("%s", answer).isEqualTo(408);
                assertThat(answer.header("Connection")).isEqualTo("close");
                assertThat(answer.body()).startsWith("{\"status\":\"Error\",\"message\":\"Request timeout");
            }
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(CALLS.get() - before).as("only the probes reached the handler").isEqualTo(8);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.answered()).as("%s", answer).isFalse();
            assertThat(answer.closed()).isTrue();
            assertThat(answer.millis()).isBetween(READ_TIMEOUT.toMillis(), CUT_WITHIN_MILLIS);
        }
    }

    @Test
    void aHalfSentRequestLineIsAnswered408() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /ec");
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.status()).as("%s", answer).isEqualTo(408);
            assertThat(answer.closed()).isTrue();
        }
    }

    @Test
    void aStalledJsonBodyIsAnswered408AndNeverReachesTheHandler() throws Exception {
        int before = CALLS.get();
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten..");
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.status()).as("%s", answer).isEqualTo(408);
            assertThat(answer.closed()).isTrue();
            assertThat(answer.millis()).isBetween(READ_TIMEOUT.toMillis(), CUT_WITHIN_MILLIS);
        }
        assertThat(CALLS.get()).isEqualTo(before);
    }

    @Test
    void aJsonBodyThatTricklesInIsCutAtTheReadTimeoutThoughItNeverStalls() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
            try {
                for (int i = 0; i < 100; i++) {          // 10 s in all if nobody cut it
                    send(socket, "x");
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                // expected
            }
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.status()).as("%s", answer).isEqualTo(408);
            assertThat(answer.millis()).isLessThan(CUT_WITHIN_MILLIS);
        }
    }

    @Test
    void anUploadMayTakeLongerThanTheReadTimeoutWhileItKeepsSending() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /stream/upload/a.bin HTTP/1.1\r\nHost: x\r\nApproximate-Size: 30\r\n"
                    + "Content-Length: 30\r\n\r\n");
            for (int i = 0; i < 10; i++) {
                send(socket, "xyz");
                Thread.sleep(250);                 // 2.5 s in all, never a pause of 1 s
            }
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"status\":\"Ok\",\"message\":\"30\"}");
            assertThat(answer.millis()).isGreaterThan(2_000L);
        }
    }

    @Test
    void aStalledUploadIsClosed() throws Exception {
        try (Socket socket = open()) {
            long start = System.nanoTime();
            send(socket, "POST /stream/upload/a.bin HTTP/1.1\r\nHost: x\r\nApproximate-Size: 30\r\n"
                    + "Content-Length: 30\r\n\r\nxyz");
            Answer answer = RawHttp.read(socket.getInputStream(), start, HUNG);
            assertThat(answer.closed()).isTrue();
            assertThat(answer.status()).as("%s", answer).isIn(408, RawHttp.Answer.NONE);
            assertThat(answer.millis()).isBetween(READ_TIMEOUT.toMillis(), CUT_WITHIN_MILLIS);
        }
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesTheReadTimeoutButNotTheKeepAlive() throws Exception {
        try (Socket socket = open()) {
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 2; i++) {
                send(socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
                Answer answer = RawHttp.read(in, System.nanoTime(), HUNG);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.closed()).isFalse();
                Thread.sleep(2_000);                // twice the read timeout, half the keep-alive
            }
            long start = System.nanoTime();
            Answer idle = RawHttp.read(in, start, HUNG);
            assertThat(idle.answered()).isFalse();
            assertThat(idle.closed()).isTrue();
            assertThat(idle.millis()).as("closed after the keep-alive time")
                    .isLessThan(TimeBounds.bound(KEEP_ALIVE).toMillis());
        }
    }

    @Test
    void beyondMaxTcpConnectionsNewConnectionsWaitUntilTheGuardFreesASlot() throws Exception {
        Manager small = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .readTimeout(READ_TIMEOUT)
                .maxTcpConnections(2)
                .handler("echo", 1, m -> (data, call) -> data)
                .build()
                .start();
        long firstConnected = System.nanoTime();
        try (Socket first = new Socket("127.0.0.1", small.port());
                Socket second = new Socket("127.0.0.1", small.port())) {
            // Both are ahead of the third in the accept queue, and send nothing.
            Answer third = RawHttp.exchange(small.port(),
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi", HUNG);
            assertThat(third.status()).isEqualTo(200);
            // It waited in the accept queue until the silent connections were closed by the read timeout (which
            // cannot start before they connected; the slack is for the guard's coarse clock).
            assertThat(TimeBounds.since(firstConnected)).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(300));
            assertThat(first.getInputStream().read()).isEqualTo(-1);
            assertThat(second.getInputStream().read()).isEqualTo(-1);
        } finally {
            small.stop();
        }
    }
}
