package io.managerhandlers.redis;

import io.managerhandlers.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The commands a {@code redis-server} runs, as {@code MONITOR} reports them: lets a test wait for what the
 * runtime does in Redis (a sweep of the reclaimer is an {@code XAUTOCLAIM} on a stream, an acknowledgement
 * an {@code XACK}) instead of sleeping for as long as it might take.
 */
public final class RedisMonitor implements AutoCloseable {
    private final int port;
    private final Socket socket;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RedisMonitor(int port, Socket socket) {
        this.port = port;
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("redis-monitor").start(this::read);
    }

    static RedisMonitor open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String ok = readLine(socket);
        if (!"+OK".equals(ok)) {
            socket.close();
            throw new IOException("MONITOR answered " + ok);
        }
        return new RedisMonitor(port, socket);
    }

    /** One line, byte by byte, so that nothing after it is buffered away from the reader thread. */
    private static String readLine(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = socket.getInputStream().read(); b >= 0; b = socket.getInputStream().read()) {
            if (b == '\n') {
                return line.toString().strip();
            }
            line.append((char) b);
        }
        return null;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException closed) {
            // closed by the test, or the server went away
        }
    }

    /** How many commands so far start with these words, e.g. {@code count("XAUTOCLAIM", "mh:req:work")}. */
    public int count(String... words) {
        StringBuilder pattern = new StringBuilder();
        for (String word : words) {
            pattern.append(pattern.isEmpty() ? "] \"" : " \"").append(word.toLowerCase(Locale.ROOT)).append('"');
        }
        String wanted = pattern.toString();
        synchronized (lines) {
            return (int) lines.stream().filter(line -> line.contains(wanted)).count();
        }
    }

    /**
     * Waits until every command Redis ran before this call is counted: MONITOR reports commands in the order
     * they ran, so once a marker sent now is seen, everything before it is too.
     */
    public void catchUp() throws IOException, InterruptedException {
        String marker = "monitor-mark-" + UUID.randomUUID();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            readLine(socket);
        }
        Eventually.await("the monitor to report " + marker, () -> count("ECHO", marker) > 0);
    }

    /** Waits until {@code more} further commands starting with {@code words} have run. */
    public void awaitMore(int more, String... words) throws IOException, InterruptedException {
        catchUp();                           // counts from now, not from where the monitor's reading lags
        int target = count(words) + more;
        Eventually.await(more + " more " + String.join(" ", words), () -> count(words) >= target);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        reader.join();
    }
}
