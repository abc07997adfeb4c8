package io.managerhandlers.internal.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.managerhandlers.BusException;
import io.managerhandlers.Call;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serves one handler's request stream for this instance: a virtual thread blocks in {@code XREADGROUP} on a
 * connection of its own, taking at most as many entries as the handler has room for ({@link #window}), so
 * that the instances share the work rather than one hoarding it. Each entry runs through the handler's
 * {@link RequestTarget} (its replicas bound it, whatever the call's origin); the reply is published, then
 * the entry acknowledged. A dispatched entry that fails is left pending: the {@link Reclaimer} runs it again
 * later, and moves it to the dead letters after {@link RedisTiming#maxDeliveries()} deliveries.
 */
final class StreamServer<I, O> {
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private final RequestTarget<I, O> target;
    private final RedisTransport transport;
    private final String stream;
    private final Consumer<String> consumer;
    private final Duration attemptTimeout;
    private final Duration block;
    private final Semaphore window;
    /**
     * Entries taken here and not yet acknowledged: running, queued for a replica, or done with their
     * acknowledgement lost. The reclaimer keeps them claimed (their idle time reset), so that no other
     * instance takes them over while this one lives, and acknowledges again those whose {@code XACK} failed.
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
    /** Why the dispatched entries that failed here last failed: for their dead letter. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile boolean taking = true;
    private volatile StatefulRedisConnection<String, String> connection;
    private Thread reader;

    StreamServer(RequestTarget<I, O> target, RedisTransport transport, Duration attemptTimeout) {
        this.target = target;
        this.transport = transport;
        this.stream = Wire.requestStream(target.name());
        this.consumer = Consumer.from(Wire.GROUP, transport.instance());
        this.attemptTimeout = attemptTimeout;
        this.block = transport.timing().block();
        this.window = new Semaphore(window(target.replicas()));
    }

    /**
     * Entries taken at once: twice the replicas (each replica has the next call at hand), and never fewer
     * than 16, so that a fast handler is not held to one round trip to Redis per call or two.
     */
    static int window(int replicas) {
        return Math.max(16, 2 * replicas);
    }

    String handler() {
        return target.name();
    }

    String stream() {
        return stream;
    }

    Consumer<String> consumer() {
        return consumer;
    }

    /** Entries held here: to keep claimed. */
    Set<String> held() {
        return held;
    }

    /** Entries done here whose acknowledgement failed: to acknowledge again. */
    Set<String> unacknowledged() {
        return unacknowledged;
    }

    /** The connection its blocking reads use, and nothing else. */
    void connection(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        connection.setTimeout(block.plus(RedisClients.COMMAND_TIMEOUT));
    }

    /** Creates the group (and the stream) if missing, then starts reading. */
    void start() {
        createGroup(connection.sync());
        reader = Thread.ofVirtual().name("mh-redis-" + target.name()).start(this::read);
    }

    /** Takes no more entries; the ones taken finish (the manager drains them). */
    void stopTaking() {
        if (!taking) {
            return;
        }
        taking = false;
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
        StatefulRedisConnection<String, String> open = connection;
        if (open != null) {
            open.closeAsync();
        }
    }

    private void createGroup(RedisCommands<String, String> commands) {
        try {
            // "$": a new group starts at the end. XADD never makes a stream (NOMKSTREAM), and MKSTREAM makes
            // the stream with its group in one command, so no request is ever added before the group exists.
            commands.xgroupCreate(StreamOffset.latest(stream), Wire.GROUP, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private void read() {
        long backoff = 0;
        while (taking) {
            int count;
            try {
                window.acquire();
                count = 1 + window.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            List<StreamMessage<String, String>> entries;
            try {
                entries = connection.sync().xreadgroup(consumer,
                        XReadArgs.Builder.block(block).count(count), StreamOffset.lastConsumed(stream));
                if (backoff > 0) {
                    transport.log(Level.INFO, "Reading " + stream + " again");
                }
                backoff = 0;
            } catch (RuntimeException e) {
                window.release(count);
                if (!taking) {
                    return;
                }
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    // Redis lost the group (restarted without persistence, or someone deleted it): make it again.
                    try {
                        createGroup(connection.sync());
                        transport.log(Level.INFO, "Created the consumer group of " + stream + " again");
                        continue;
                    } catch (RuntimeException again) {
                        e = again;
                    }
                }
                if (backoff == 0) {
                    transport.warn("Reading " + stream + " failed (" + e.getMessage() + "); retrying until Redis is back");
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, Math.max(50, backoff * 2));
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            window.release(count - entries.size());
            for (StreamMessage<String, String> entry : entries) {
                process(entry, 1, true);
            }
        }
    }

    /**
     * Runs one entry, or acknowledges it without running: malformed, already done here, or a request whose
     * caller's deadline passed. {@code windowed}: it holds a permit of the window, given back when done.
     */
    void process(StreamMessage<String, String> entry, long deliveries, boolean windowed) {
        held.add(entry.getId());
        Map<String, String> body = entry.getBody();
        String id = body == null ? null : body.get(Wire.ID);
        String kind = body == null ? null : body.get(Wire.KIND);
        String data = body == null ? null : body.get(Wire.DATA);
        if (id == null || data == null || !(Wire.REQUEST.equals(kind) || Wire.DISPATCH.equals(kind))) {
            transport.warn("Entry " + entry.getId() + " of " + stream + " is not a request and is dropped");
            acknowledge(entry.getId(), windowed);
            return;
        }
        if (transport.recentlyDone(id)) {
            acknowledge(entry.getId(), windowed);     // ran here already; only its XACK was lost
            return;
        }
        boolean request = Wire.REQUEST.equals(kind);
        long deadlineNanos;
        if (request) {
            long remainingMillis = parseLong(body.get(Wire.DEADLINE)) - System.currentTimeMillis();
            if (remainingMillis <= 0) {
                acknowledge(entry.getId(), windowed); // its caller gave up: never run it
                return;
            }
            deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis);
        } else {
            deadlineNanos = System.nanoTime() + attemptTimeout.toNanos();
        }
        String reply = body.get(Wire.REPLY);
        I input;
        try {
            input = target.input().readText(data);
        } catch (JsonInputException e) {
            HandlerException failure = new HandlerException(target.name(),
                    "Handler '" + target.name() + "' cannot read its input: " + e.getMessage(), e);
            if (request) {
                finish(entry.getId(), id, reply, null, failure, windowed);
            } else {
                // It would fail on every delivery: straight to the dead letters.
                transport.reclaimer().deadLetter(this, entry, deliveries, failure.getMessage());
                held.remove(entry.getId());
                release(windowed);
            }
            return;
        }
        CallInfo call = new CallInfo(Call.REDIS, target.name(), deadlineNanos, null, null, null);
        CompletableFuture<O> outcome;
        try {
            outcome = target.submit(input, call);
        } catch (BusException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((output, failure) -> {
            if (request || failure == null) {
                finish(entry.getId(), id, reply, output, failure, windowed);
            } else {
                // Left pending, unacknowledged: the reclaimer delivers it again after the claim idle time.
                held.remove(entry.getId());
                failures.put(entry.getId(), String.valueOf(failure.getMessage()));
                transport.log(Level.INFO, "A dispatched call to '" + target.name() + "' failed (delivery "
                        + deliveries + "); it will be tried again: " + failure.getMessage());
                release(windowed);
            }
        });
    }

    private void finish(String entryId, String id, String reply, O output, Throwable failure, boolean windowed) {
        failures.remove(entryId);
        if (reply != null && !reply.isEmpty()) {
            transport.commandsOrNull().ifPresent(c -> c.publish(reply, replyFrame(id, output, failure)));
        }
        transport.markDone(id);
        acknowledge(entryId, windowed);
    }

    private String replyFrame(String id, O output, Throwable failure) {
        if (failure == null) {
            try {
                return Wire.reply(id, Wire.OK, target.output().writeText(output));
            } catch (RuntimeException e) {
                failure = new HandlerException(target.name(), e);
            }
        }
        BusException bus = failure instanceof BusException b ? b
                : new BusException(target.name(), "Handler '" + target.name() + "' failed: " + failure, failure);
        return Wire.reply(id, Wire.status(bus), String.valueOf(bus.getMessage()));
    }

    /**
     * Acknowledges an entry (after its reply, on the same connection, so in that order) and frees its
     * permit. An acknowledgement that fails is tried again by the reclaimer; meanwhile the entry stays held.
     */
    private void acknowledge(String entryId, boolean windowed) {
        release(windowed);
        var commands = transport.commandsOrNull();
        if (commands.isEmpty()) {
            unacknowledged.add(entryId);
            return;
        }
        commands.get().xack(stream, Wire.GROUP, entryId).whenComplete((count, failure) -> {
            if (failure == null) {
                held.remove(entryId);
            } else {
                unacknowledged.add(entryId);
            }
        });
    }

    /** Why an entry's last run here failed, forgotten once asked; null when it did not fail here. */
    String lastFailure(String entryId) {
        return failures.remove(entryId);
    }

    /** The reclaimer acknowledged these again. */
    void acknowledged(List<String> entryIds) {
        entryIds.forEach(unacknowledged::remove);
        entryIds.forEach(held::remove);
    }

    private void release(boolean windowed) {
        if (windowed) {
            window.release();
        }
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
