package io.managerhandlers.internal.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.managerhandlers.internal.observe.RemoteGauges;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What Redis holds for this service's handlers, read when metrics are asked for (never on a call's path):
 * per handler, the entries of its request stream delivered and not yet acknowledged (XPENDING of the
 * group) and the entries in its dead letters (XLEN of {@code mh:dead:<handler>}). Every instance reads
 * the same streams, so these are the same on each.
 */
public final class RedisGauges implements RemoteGauges {
    private final RedisTransport transport;
    private final List<String> handlers;

    RedisGauges(RedisTransport transport, Collection<String> handlers) {
        this.transport = transport;
        this.handlers = List.copyOf(handlers);
    }

    @Override
    public boolean connected() {
        return transport.connectedNow();
    }

    @Override
    public String url() {
        return transport.shownUrl();
    }

    @Override
    public Reading read(Duration wait) {
        if (!connected()) {
            return new Reading(false, url(), Map.of());
        }
        Map<String, RedisFuture<io.lettuce.core.models.stream.PendingMessages>> pending = new LinkedHashMap<>();
        Map<String, RedisFuture<Long>> dead = new LinkedHashMap<>();
        try {
            for (String handler : handlers) {
                RedisClusterAsyncCommands<String, String> commands = transport.commands(handler);
                pending.put(handler, commands.xpending(Wire.requestStream(handler), Wire.GROUP));
                dead.put(handler, commands.xlen(Wire.deadLetters(handler)));
            }
        } catch (RuntimeException e) {
            return new Reading(connected(), url(), Map.of());         // lost between the check and the asks
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, HandlerGauges> gauges = new TreeMap<>();
        for (String handler : handlers) {
            var summary = await(pending.get(handler), deadline);
            Long letters = await(dead.get(handler), deadline);
            gauges.put(handler, new HandlerGauges(summary == null ? -1 : summary.getCount(),
                    letters == null ? -1 : letters));
        }
        return new Reading(connected(), url(), gauges);
    }

    private static <T> T await(RedisFuture<T> future, long deadlineNanos) {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;                // no group yet, or no answer in time: unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
