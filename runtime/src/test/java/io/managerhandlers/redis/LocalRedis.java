package io.managerhandlers.redis;

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
        this.directory = Files.createTempDirectory("redis-test");
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

    public static LocalRedis start() throws IOException, InterruptedException {
        LocalRedis redis = new LocalRedis(freePort());
        redis.launch();
        return redis;
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(directory.resolve("redis.log")));
            }
            if (ping()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
    }

    private boolean ping() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
