package io.managerhandlers.redis;

import io.managerhandlers.testing.Eventually;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own: on a free loopback port, persistence off, killed at the end.
 * {@link #kill()} and {@link #restart()} (same port) stand for Redis lost and back mid-run. Public, and
 * packaged in the runtime's test jar, for the tests of {@code it/} too.
 */
public final class LocalRedis implements AutoCloseable {
    private final int port;
    private final Path directory;
    private Process process;

    private LocalRedis(int port) throws IOException {
        this.port = port;
        this.directory = Files.createTempDirectory("redis-test").toRealPath();
    }

    /** The program, when installed: {@code redis-server} on the {@code PATH} or in the usual places. */
    public static String executable() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin:/usr/sbin")
                .split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    public static final String MISSING = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it):"
            + " the Redis tests are skipped";

    /**
     * A server on a port that was free a moment ago. Another process may take that port before the server
     * binds it (other builds run tests on this machine too): then it tries again on another.
     */
    public static LocalRedis start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            LocalRedis redis = new LocalRedis(freePort());
            try {
                redis.launch();
                return redis;
            } catch (IllegalStateException e) {
                redis.kill();
                if (attempt == 5 || LocalRedis.executable() == null) {
                    throw e;
                }
            }
        }
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (SIGKILL): connections drop, nothing is saved. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** A new, empty server on the same port. */
    public void restart() throws IOException, InterruptedException {
        kill();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        String program = executable();
        if (program == null) {
            throw new IllegalStateException(MISSING);
        }
        process = new ProcessBuilder(program, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--protected-mode", "no")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        Process started = process;
        boolean alive = Eventually.get("redis-server to answer PING on port " + port,
                () -> !started.isAlive() ? Boolean.FALSE : ping() ? Boolean.TRUE : null, answer -> answer != null);
        if (!alive) {
            throw new IllegalStateException("redis-server exited: " + Files.readString(directory.resolve("redis.log")));
        }
    }

    /**
     * Whether this test's server answers on the port: it names its own directory, so a server of another
     * build that took the port first is not mistaken for it.
     */
    private boolean ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("CONFIG GET dir\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            String expected = directory.toString();
            for (int b = in.read(); b >= 0 && answer.length() < 4096; b = in.read()) {
                answer.append((char) b);
                if (answer.indexOf(expected) >= 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
