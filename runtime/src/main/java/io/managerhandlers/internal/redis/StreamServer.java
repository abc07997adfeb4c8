package io.managerhandlers.internal.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.managerhandlers.BusException;
import io.managerhandlers.Call;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.Outcomes;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import io.managerhandlers.internal.redis.Wire.Request;
import io.managerhandlers.internal.trace.Trace;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Serves one handler's request stream for this instance: one {@code XREADGROUP ... BLOCK} at a time on a
 * connection of its own (a blocking read stalls every other command of its connection), taking at most as
 * many entries as the handler has room for ({@link #window}), so that the instances share the work rather
 * than one hoarding it. Reads are asynchronous: each is issued from the event loop that completed the
 * previous one, which hands the entries to the handler's {@link RequestTarget} without waiting (its replicas
 * bound it, whatever the call's origin) — measured here, a reader thread in between cost a third of the
 * throughput. The reply is published, then the entry acknowledged, with the next read. A dispatched entry
 * that fails is left pending: the {@link Reclaimer} runs it again later, and moves it to the dead letters
 * after {@link RedisTiming#maxDeliveries()} deliveries.
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
    /** Entries taken here and not yet acknowledged. */
    private final Acknowledgements acknowledgements;
    /** Why the dispatched entries that failed here last failed: for their dead letter. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile boolean taking = true;
    private volatile StatefulConnection<String, String> connection;
    /** Whether the reader flushes its commands itself (not on a Cluster: see {@link RedisLink#flushesByHand()}). */
    private volatile boolean flushesByHand;
    /** A read is outstanding (or waiting to be retried): at most one at a time. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile long backoffMillis;

    StreamServer(RequestTarget<I, O> target, RedisTransport transport, Duration attemptTimeout) {
        this.target = target;
        this.transport = transport;
        this.stream = Wire.requestStream(target.name());
        this.consumer = Consumer.from(Wire.GROUP, transport.instance());
        this.attemptTimeout = attemptTimeout;
        this.block = transport.timing().block();
        this.window = new Semaphore(window(target.replicas()));
        this.acknowledgements = new Acknowledgements(stream, transport);
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

    /** The entries taken here and not yet acknowledged. */
    Acknowledgements acknowledgements() {
        return acknowledgements;
    }

    /** The connection its blocking reads use, and nothing else. */
    void connection(StatefulConnection<String, String> connection) {
        this.connection = connection;
        connection.setTimeout(block.plus(RedisClients.COMMAND_TIMEOUT));
        // One read at a time is written here, so the reads flush by hand: the acknowledgements a read carries
        // and the read itself leave in one write.
        flushesByHand = transport.link().flushesByHand();
        connection.setAutoFlushCommands(!flushesByHand);
    }

    private RedisClusterAsyncCommands<String, String> async() {
        return transport.link().async(connection);
    }

    private void flush() {
        if (flushesByHand) {
            connection.flushCommands();
        }
    }

    /** Creates the group (and the stream) if missing, then starts reading. */
    void start() {
        createGroup();
        readMore();
    }

    /** Takes no more entries; the ones taken finish (the manager drains them). */
    void stopTaking() {
        if (!taking) {
            return;
        }
        taking = false;
        StatefulConnection<String, String> open = connection;
        if (open != null) {
            open.closeAsync();
        }
        acknowledgements.flush();            // those the reader would have carried
    }

    private void createGroup() {
        // "$": a new group starts at the end. XADD never makes a stream (NOMKSTREAM), and MKSTREAM makes
        // the stream with its group in one command, so no request is ever added before the group exists.
        RedisFuture<String> created = async().xgroupCreate(StreamOffset.latest(stream), Wire.GROUP,
                XGroupCreateArgs.Builder.mkstream());
        flush();
        try {
            RedisClients.await(created, RedisClients.COMMAND_TIMEOUT);
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Issues the next read unless one is outstanding or the window is full. Called when a read completed (on
     * the event loop: the next read is written from there, with no thread to wake) and when a permit comes
     * back to a full window (from a replica).
     */
    private void readMore() {
        while (taking && reading.compareAndSet(false, true)) {
            int count = window.drainPermits();
            if (count > 0) {
                read(count);
                return;
            }
            reading.set(false);
            if (window.availablePermits() == 0) {
                return;                      // the permit that comes back calls again
            }
        }
    }

    /** The acknowledgements waiting, then {@code XREADGROUP ... BLOCK ... COUNT count}, in one write. */
    private void read(int count) {
        RedisClusterAsyncCommands<String, String> async = async();
        List<String> done = acknowledgements.drain();
        RedisFuture<Long> acked = done.isEmpty() ? null : async.xack(stream, Wire.GROUP, done.toArray(String[]::new));
        RedisFuture<List<StreamMessage<String, String>>> read = async.xreadgroup(consumer,
                XReadArgs.Builder.block(block).count(count), StreamOffset.lastConsumed(stream));
        flush();
        if (acked != null) {
            acked.whenComplete((n, failure) -> acknowledgements.confirmed(done, failure));
        }
        read.whenComplete((entries, failure) -> read(entries, failure, count));
    }

    /** A read completed, on the event loop: hands the entries to the replicas (never waiting), reads on. */
    private void read(List<StreamMessage<String, String>> entries, Throwable failure, int count) {
        if (failure != null) {
            window.release(count);
            if (taking) {
                retry(failure);              // the read stays "outstanding" until then
            }
            return;
        }
        if (backoffMillis > 0) {
            backoffMillis = 0;
            transport.log(Level.INFO, "Reading " + stream + " again");
        }
        window.release(count - entries.size());
        for (StreamMessage<String, String> entry : entries) {
            process(entry, 1, true);
        }
        reading.set(false);
        readMore();
    }

    /** After a failed read: waits (growing from 50 ms to 2 s), makes the group again if Redis lost it, reads. */
    private void retry(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (backoffMillis == 0) {
            transport.warn("Reading " + stream + " failed (" + cause.getMessage() + "); retrying until Redis is back");
        }
        long wait = backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(50, backoffMillis * 2));
        boolean lostGroup = String.valueOf(cause.getMessage()).startsWith("NOGROUP");
        Thread.ofVirtual().name("mh-redis-retry-" + target.name()).start(() -> {
            try {
                if (!lostGroup) {
                    Thread.sleep(wait);
                }
                if (taking && lostGroup) {
                    // Redis lost the group (restarted without persistence, or someone deleted it): make it again.
                    createGroup();
                    transport.log(Level.INFO, "Created the consumer group of " + stream + " again");
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                transport.log(Level.DEBUG, "Creating the group of " + stream + " failed: " + e.getMessage());
            }
            reading.set(false);
            readMore();
        });
    }

    /**
     * Runs one entry, or acknowledges it without running: malformed, already done here, or a request whose
     * caller's deadline passed. {@code windowed}: it holds a permit of the window, given back when done.
     */
    void process(StreamMessage<String, String> entry, long deliveries, boolean windowed) {
        acknowledgements.taken(entry.getId());
        Request request = Request.parse(entry.getBody());
        if (request == null) {
            transport.warn("Entry " + entry.getId() + " of " + stream + " is not a request and is dropped");
            acknowledge(entry.getId(), windowed);
            return;
        }
        if (transport.recentlyDone(request.id())) {
            acknowledge(entry.getId(), windowed);     // ran here already; only its XACK was lost
            return;
        }
        boolean waitedFor = request.waitedFor();
        long deadlineNanos;
        if (waitedFor) {
            long remainingMillis = request.deadlineMillis() - System.currentTimeMillis();
            if (remainingMillis <= 0) {
                acknowledge(entry.getId(), windowed); // its caller gave up: never run it
                return;
            }
            deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(remainingMillis);
        } else {
            deadlineNanos = System.nanoTime() + attemptTimeout.toNanos();
        }
        String id = request.id();
        String reply = request.reply();
        I input;
        try {
            input = target.input().readText(request.data());
        } catch (JsonInputException e) {
            HandlerException failure = Outcomes.unreadableInput(target.name(), e);
            if (waitedFor) {
                finish(entry.getId(), id, reply, null, failure, windowed);
            } else {
                // It would fail on every delivery: straight to the dead letters (on a thread that may wait).
                Thread.ofVirtual().name("mh-redis-dead-letter").start(() -> {
                    try {
                        transport.reclaimer().deadLetter(this, entry, request.trace(), deliveries,
                                failure.getMessage());
                        acknowledgements.leftPending(entry.getId());
                    } catch (RuntimeException lost) {
                        transport.warn("Moving " + entry.getId() + " of " + stream + " to the dead letters failed: "
                                + lost.getMessage());
                    }
                    release(windowed);
                });
            }
            return;
        }
        // The caller's trace, from the entry's traceparent: an entry without one starts one.
        Trace trace = request.trace() == null ? Trace.start() : request.trace();
        CallInfo call = new CallInfo(Call.REDIS, target.name(), deadlineNanos, null, null, null, trace);
        BiConsumer<O, BusException> onDone = (output, failure) -> done(entry.getId(), id, waitedFor, reply, deliveries,
                windowed, output, failure, trace);
        try {
            if (!target.trySubmit(input, call, onDone)) {
                // The handler's queue is full (of local calls): wait for room on a thread that may, not here.
                Thread.ofVirtual().name("mh-redis-queue-" + target.name()).start(() -> {
                    try {
                        target.submit(input, call, onDone);
                    } catch (BusException e) {
                        onDone.accept(null, e);
                    }
                });
            }
        } catch (BusException e) {
            onDone.accept(null, e);
        }
    }

    /** A call ended, on its replica's thread: answer it, or leave a failed dispatched call for another try. */
    private void done(String entryId, String id, boolean request, String reply, long deliveries, boolean windowed,
            O output, BusException failure, Trace trace) {
        if (request || failure == null) {
            finish(entryId, id, reply, output, failure, windowed);
            return;
        }
        // Left pending, unacknowledged: the reclaimer delivers it again after the claim idle time.
        acknowledgements.leftPending(entryId);
        failures.put(entryId, String.valueOf(failure.getMessage()));
        transport.log(Level.INFO, "A dispatched call to '" + target.name() + "' failed (delivery " + deliveries
                + ") [trace " + trace.traceId() + "]; it will be tried again: " + failure.getMessage());
        release(windowed);
    }

    private void finish(String entryId, String id, String reply, O output, Throwable failure, boolean windowed) {
        failures.remove(entryId);
        transport.markDone(id);
        var commands = transport.commandsOrNull();
        if (reply == null || reply.isEmpty() || commands.isEmpty()) {
            acknowledge(entryId, windowed);
            return;
        }
        release(windowed);                   // the work here is done: the reader may take the next entry
        // Acknowledged once Redis has taken the reply: an instance that dies in between leaves the entry
        // pending (to be taken over), never acknowledged with its answer lost.
        commands.get().publish(reply, replyFrame(id, output, failure))
                .whenComplete((receivers, lost) -> acknowledge(entryId, false));
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

    /** Acknowledges an entry (see {@link Acknowledgements}) and frees its permit. */
    private void acknowledge(String entryId, boolean windowed) {
        release(windowed);
        acknowledgements.done(entryId, taking);
    }

    /** Why an entry's last run here failed, forgotten once asked; null when it did not fail here. */
    String lastFailure(String entryId) {
        return failures.remove(entryId);
    }

    private void release(boolean windowed) {
        if (windowed) {
            window.release();
            if (!reading.get()) {
                readMore();                  // the window was full: the reader waited for this permit
            }
        }
    }
}
