package io.managerhandlers.test;

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

/** A {@code redis-server} of one test class's own: a free loopback port, persistence off, killed after the class. */
final class PrivateRedis implements AutoCloseable {
    static final String MISSING = "@ManagerTest(redis = true) needs redis-server, which is not installed"
            + " (not on the PATH nor in /usr/bin, /usr/local/bin, /usr/sbin; Debian: apt-get install redis-server)";
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int port;
    private final Path directory;
    private final Process process;

    private PrivateRedis(int port, Path directory, Process process) {
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    /** The program, or null when none is installed. */
    static String executable() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin:/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    static PrivateRedis start() throws IOException, InterruptedException {
        String program = executable();
        if (program == null) {
            throw new IllegalStateException(MISSING);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path directory = Files.createTempDirectory("manager-test-redis");
        Path log = directory.resolve("redis.log");
        Process process = new ProcessBuilder(program, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--protected-mode", "no")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrivateRedis redis = new PrivateRedis(port, directory, process);
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + Files.readString(log));
            }
            if (redis.answersPing()) {
                return redis;
            }
            Thread.sleep(20);       // polling a starting process: there is no event to wait on
        }
        redis.close();
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s; its log: " + log);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no test failure
        }
    }
}
