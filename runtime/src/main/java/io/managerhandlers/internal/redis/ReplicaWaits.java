package io.managerhandlers.internal.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dispatches that return only once {@code redisReplicaAcks} replicas hold them (Redis {@code WAIT}).
 *
 * <p>{@code WAIT} counts the writes of its own connection, and Redis blocks that connection until it
 * answers, so the dispatches go on a connection of their own, and one {@code WAIT} at a time covers every
 * entry added before it: while one is outstanding, the dispatches that arrive add their entries and share
 * the next one. So a thousand concurrent dispatches cost a few {@code WAIT}s rather than a thousand in a
 * row, and while no replica answers each dispatch still fails at its own deadline, not after the waits of
 * the dispatches queued before it.
 */
final class ReplicaWaits {
    private final RedisTransport transport;
    private final int replicas;
    private final Duration wait;
    /** Per server connection (a Cluster has one per master): its outstanding WAIT's group and the next one. */
    private final Map<Object, Batch> batches = new ConcurrentHashMap<>();

    ReplicaWaits(RedisTransport transport, int replicas, Duration wait) {
        this.transport = transport;
        this.replicas = replicas;
        this.wait = wait;
    }

    /** The entries of one connection: whether a WAIT is out, and the group that waits for the next. */
    private final class Batch {
        private final RedisClusterAsyncCommands<String, String> commands;
        private boolean waiting;
        private CompletableFuture<Long> next;

        Batch(RedisClusterAsyncCommands<String, String> commands) {
            this.commands = commands;
        }

        /** Adds the entry and joins a WAIT sent after it. */
        synchronized Added add(String stream, Object[] fields) {
            RedisFuture<String> added = commands.xadd(stream, RemoteCalls.ADD, fields);
            if (!waiting) {
                waiting = true;
                return new Added(added, send());
            }
            if (next == null) {
                next = new CompletableFuture<>();
            }
            return new Added(added, next);
        }

        /** Sends a WAIT; once answered, sends the next one for the group that gathered meanwhile. */
        private CompletableFuture<Long> send() {
            CompletableFuture<Long> held = commands.waitForReplication(replicas, wait.toMillis()).toCompletableFuture();
            held.whenComplete((count, failure) -> {
                CompletableFuture<Long> group;
                synchronized (this) {
                    group = next;
                    next = null;
                    waiting = group != null;
                    if (group == null) {
                        return;
                    }
                }
                sendFor(group);
            });
            return held;
        }

        private void sendFor(CompletableFuture<Long> group) {
            CompletableFuture<Long> held;
            synchronized (this) {
                held = send();
            }
            held.whenComplete((count, failure) -> {
                if (failure != null) {
                    group.completeExceptionally(failure);
                } else {
                    group.complete(count);
                }
            });
        }
    }

    private record Added(RedisFuture<String> entry, CompletableFuture<Long> held) {
    }

    /**
     * Adds a dispatched call's entry and returns its id once the replicas hold it.
     *
     * @return the entry's id; null when the stream does not exist (no instance serves the handler)
     * @throws RedisUnavailableException Redis is unreachable, or fewer replicas held the entry in time
     */
    String add(String handler, String stream, Object... fields) {
        long deadline = System.nanoTime() + wait.toNanos();
        RedisClusterAsyncCommands<String, String> commands = transport.pinned(handler, stream);
        Added added = batches.computeIfAbsent(commands, c -> new Batch(commands)).add(stream, fields);
        String entry = transport.await(handler, added.entry(), RedisClients.COMMAND_TIMEOUT.plus(wait));
        if (entry == null) {
            return null;
        }
        Long count;
        try {
            count = added.held().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            count = 0L;
        } catch (ExecutionException e) {
            throw transport.unavailable(handler, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException(handler, "Interrupted while waiting for Redis replicas", e);
        }
        if (count == null || count < replicas) {
            throw new RedisUnavailableException(handler, "A dispatched call to '" + handler + "' reached the Redis "
                    + "master, but " + (count == null ? 0 : count) + " of the " + replicas + " replica(s) asked for "
                    + "(redisReplicaAcks) held it within " + wait.toMillis() + " ms: it is lost if the master fails "
                    + "now, and may still run", null);
        }
        return entry;
    }
}
