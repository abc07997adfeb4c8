package io.managerhandlers.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redis processes of a test's own, on free loopback ports, without persistence: a three-master Cluster, or
 * a master, its replica and three Sentinels. {@link #close()} kills them all.
 */
final class RedisNodes implements AutoCloseable {
    static final String MASTER = "mymaster";

    private final Path directory;
    private final List<Node> nodes = new ArrayList<>();

    RedisNodes() throws IOException {
        this.directory = Files.createTempDirectory("redis-nodes");
    }

    /** One redis-server (or Sentinel) process. */
    final class Node {
        final int port;
        private final List<String> arguments;
        private Process process;

        Node(int port, List<String> arguments) {
            this.port = port;
            this.arguments = arguments;
        }

        /** Runs {@code redis-cli -p <port> args...} and returns what it printed. */
        String cli(String... args) throws IOException, InterruptedException {
            return RedisNodes.cli(port, args);
        }

        /** Starts {@code redis-cli -p <port> args...} without waiting for it (a DEBUG SLEEP). */
        void cliInBackground(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
            command.addAll(List.of(args));
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }

        /** SIGKILL: the process dies at once, its connections drop. */
        void kill() throws InterruptedException {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                process = null;
            }
        }

        void start() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(arguments);
            Path log = directory.resolve("redis-" + port + ".log");
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            await("redis on port " + port + " answers PING", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis on port " + port + " exited: " + read(log));
                }
                return answers("PING", "PONG");
            });
        }

        boolean answers(String command, String expected) {
            try {
                return cli(command.split(" ")).contains(expected);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String url() {
            return "redis://127.0.0.1:" + port;
        }

        /** Whether it answers PING within 200 ms (a process stalled by DEBUG SLEEP does not). */
        boolean awake() {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(200);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                return new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static String cli(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = cli.getInputStream().readAllBytes();
        cli.waitFor(10, TimeUnit.SECONDS);
        return new String(output, StandardCharsets.UTF_8);
    }

    /** A redis-server on a free port with these extra arguments, started. */
    Node server(String... extra) throws IOException, InterruptedException {
        return server(LocalRedis.freePort(), extra);
    }

    /**
     * A free port for a Cluster node: at most 55535, with the port 10000 above it (its cluster bus) free too.
     */
    static int freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = LocalRedis.freePort();
            if (port <= 55535) {
                try (java.net.ServerSocket bus = new java.net.ServerSocket(port + 10000, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair for a Cluster node");
    }

    Node server(int port, String... extra) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(LocalRedis.executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no",
                "--enable-debug-command", "yes"));
        arguments.addAll(List.of(extra));
        Node node = new Node(port, arguments);
        nodes.add(node);
        node.start();
        return node;
    }

    /** Three masters forming a Cluster, its state {@code ok} on each. */
    List<Node> cluster() throws IOException, InterruptedException {
        List<Node> masters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int index = i;
            masters.add(server(freeClusterPort(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + index + "-"
                    + System.nanoTime() + ".conf", "--cluster-node-timeout", "2000"));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        masters.forEach(node -> create.add("127.0.0.1:" + node.port));
        create.add("--cluster-yes");
        Process creating = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(creating.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!creating.waitFor(30, TimeUnit.SECONDS) || creating.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + output);
        }
        for (Node node : masters) {
            await("cluster_state:ok on port " + node.port, () -> node.answers("CLUSTER INFO", "cluster_state:ok"));
        }
        return masters;
    }

    /** A master, its replica, and three Sentinels watching them ({@code down-after-milliseconds 1000}). */
    record Sentinels(Node master, Node replica, List<Node> sentinels) {
        String url() {
            StringBuilder url = new StringBuilder("redis-sentinel://");
            for (Node sentinel : sentinels) {
                url.append(url.length() > "redis-sentinel://".length() ? "," : "").append("127.0.0.1:").append(sentinel.port);
            }
            return url.append("#").append(MASTER).toString();
        }

        /** The port of the master the Sentinels name now. */
        int masterPort() throws IOException, InterruptedException {
            String[] lines = sentinels.get(0).cli("SENTINEL", "get-master-addr-by-name", MASTER).strip().split("\\R");
            return Integer.parseInt(lines[lines.length - 1].strip());
        }
    }

    Sentinels sentinels() throws IOException, InterruptedException {
        Node master = server();
        Node replica = server("--replicaof", "127.0.0.1", Integer.toString(master.port));
        await("the replica in sync", () -> master.answers("INFO replication", "connected_slaves:1")
                && replica.answers("INFO replication", "master_link_status:up"));
        List<Node> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = LocalRedis.freePort();
            Path config = directory.resolve("sentinel-" + port + ".conf");
            Files.writeString(config, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "protected-mode no",
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port + " 2",
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 2000",
                    "sentinel parallel-syncs " + MASTER + " 1", ""));
            Node sentinel = new Node(port, List.of(LocalRedis.executable(), config.toString(), "--sentinel"));
            nodes.add(sentinel);
            sentinel.start();
            sentinels.add(sentinel);
        }
        for (Node sentinel : sentinels) {
            await("Sentinel " + sentinel.port + " knows the replica and the other Sentinels", () -> {
                String master2 = sentinel.cli("SENTINEL", "master", MASTER);
                String[] fields = master2.split("\\R");
                return field(fields, "num-slaves").equals("1") && field(fields, "num-other-sentinels").equals("2");
            });
        }
        return new Sentinels(master, replica, sentinels);
    }

    private static String field(String[] lines, String name) {
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].strip().equals(name)) {
                return lines[i + 1].strip();
            }
        }
        return "";
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the check holds, at most 30 s. */
    static void await(String what, Check check) throws InterruptedException {
        await(what, java.time.Duration.ofSeconds(30), check);
    }

    static void await(String what, java.time.Duration bound, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Waited " + bound.toSeconds() + " s for " + what, last);
    }

    @Override
    public void close() throws InterruptedException {
        for (Node node : nodes) {
            node.kill();
        }
    }
}
