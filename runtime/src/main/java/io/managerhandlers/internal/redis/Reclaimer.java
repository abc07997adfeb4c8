package io.managerhandlers.internal.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.managerhandlers.BusException;
import io.managerhandlers.internal.trace.Trace;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The periodic sweep over the request streams, on a virtual thread of its own. For each stream it
 * <ol>
 * <li>acknowledges the entries done here while the reader waits on an idle stream, and again those whose
 * {@code XACK} was lost (Redis was unreachable);</li>
 * <li>resets the idle time of the entries held here ({@code XCLAIM ... JUSTID}), so that a long run is
 * never taken for the work of a dead instance;</li>
 * <li>claims the entries idle longer than the claim idle time ({@code XAUTOCLAIM}): the work of an instance
 * that died, and dispatched calls that failed. Each is run again here, or — a dispatched call delivered more
 * than {@link RedisTiming#maxDeliveries()} times — moved to the dead letters, {@code mh:dead:<handler>}.</li>
 * </ol>
 * Nothing on the delivery path waits for it: it only recovers what was lost.
 */
final class Reclaimer {
    private static final int PAGE = 100;
    private static final XAddArgs DEAD = new XAddArgs().maxlen(RemoteCalls.STREAM_LENGTH).approximateTrimming();

    private final RedisTransport transport;
    private final List<StreamServer<?, ?>> servers;
    private final RedisTiming timing;
    private final Consumer<? super BusException> onDispatchFailure;
    private volatile boolean running = true;
    private Thread thread;

    Reclaimer(RedisTransport transport, List<StreamServer<?, ?>> servers, RedisTiming timing,
            Consumer<? super BusException> onDispatchFailure) {
        this.transport = transport;
        this.servers = servers;
        this.timing = timing;
        this.onDispatchFailure = onDispatchFailure;
    }

    void start() {
        thread = Thread.ofVirtual().name("mh-redis-reclaimer").start(this::loop);
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(timing.sweep());
            } catch (InterruptedException e) {
                return;
            }
            for (StreamServer<?, ?> server : servers) {
                if (!running) {
                    return;
                }
                try {
                    sweep(server);
                } catch (RuntimeException e) {
                    transport.log(Level.DEBUG, "Sweeping " + server.stream() + " failed: " + e.getMessage());
                }
            }
        }
    }

    private void sweep(StreamServer<?, ?> server) {
        RedisClusterAsyncCommands<String, String> commands = transport.commands(server.handler());
        server.acknowledgements().flush();      // done while its reader waits on an idle stream
        List<String> lost = List.copyOf(server.acknowledgements().unacknowledged());
        if (!lost.isEmpty()) {
            transport.await(server.handler(), commands.xack(server.stream(), Wire.GROUP, lost.toArray(String[]::new)));
            server.acknowledgements().confirmed(lost, null);
        }
        String[] mine = server.acknowledgements().held().toArray(String[]::new);
        if (mine.length > 0) {
            transport.await(server.handler(), commands.xclaim(server.stream(), server.consumer(),
                    XClaimArgs.Builder.justid(), mine));
        }
        String cursor = "0-0";
        for (int page = 0; page < 10 && running; page++) {
            ClaimedMessages<String, String> claimed = transport.await(server.handler(), commands.xautoclaim(
                    server.stream(), XAutoClaimArgs.Builder.xautoclaim(server.consumer(), timing.claimIdle(), cursor)
                            .count(PAGE)));
            if (claimed == null) {
                return;
            }
            List<StreamMessage<String, String>> messages = claimed.getMessages();
            Map<String, RedisFuture<List<PendingMessage>>> counts = new LinkedHashMap<>();
            for (StreamMessage<String, String> message : messages) {
                counts.put(message.getId(), commands.xpending(server.stream(), server.consumer(),
                        Range.create(message.getId(), message.getId()), Limit.from(1)));
            }
            for (StreamMessage<String, String> message : messages) {
                List<PendingMessage> pending = transport.await(server.handler(), counts.get(message.getId()));
                long deliveries = pending == null || pending.isEmpty() ? 1 : pending.get(0).getRedeliveryCount();
                Wire.Request request = Wire.Request.parse(message.getBody());
                boolean dispatch = request != null && !request.waitedFor();
                if (dispatch && deliveries > timing.maxDeliveries()) {
                    String last = server.lastFailure(message.getId());
                    deadLetter(server, message, request.trace(), deliveries - 1, last != null ? last
                            : "it failed or was lost " + (deliveries - 1) + " times");
                } else {
                    server.process(message, deliveries, false);
                }
            }
            cursor = claimed.getId();
            if (cursor == null || "0-0".equals(cursor)) {
                return;
            }
        }
    }

    /**
     * Moves an entry to {@code mh:dead:<handler>} (its fields, and why), acknowledges it, and reports it,
     * naming {@code trace}, the trace the entry carried (null: none), which the caller has read already.
     */
    void deadLetter(StreamServer<?, ?> server, StreamMessage<String, String> message, Trace trace, long deliveries,
            String why) {
        String handler = server.handler();
        List<String> fields = new ArrayList<>();
        if (message.getBody() != null) {
            message.getBody().forEach((field, value) -> {
                fields.add(field);
                fields.add(value);
            });
        }
        fields.addAll(List.of("entry", message.getId(), "deliveries", Long.toString(deliveries),
                "instance", transport.instance(), "error", why));
        RedisClusterAsyncCommands<String, String> commands = transport.commands(handler);
        transport.await(handler, commands.xadd(Wire.deadLetters(handler), DEAD, fields.toArray()));
        transport.await(handler, commands.xack(server.stream(), Wire.GROUP, message.getId()));
        BusException failure = new BusException(handler, "A dispatched call to '" + handler + "' ("
                + message.getId() + (trace == null ? "" : ", trace " + trace.traceId()) + ") was given up after "
                + deliveries + " deliveries and moved to " + Wire.deadLetters(handler) + "; last failure: " + why, null);
        try {
            onDispatchFailure.accept(failure);
        } catch (RuntimeException e) {
            transport.log(Level.WARNING, "The dispatch failure hook threw: " + e);
        }
    }
}
