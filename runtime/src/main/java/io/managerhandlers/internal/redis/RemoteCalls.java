package io.managerhandlers.internal.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.Remote;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.redis.Wire.CompatMessage;
import io.managerhandlers.internal.redis.Wire.Reply;
import io.managerhandlers.internal.redis.Wire.Request;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Remote} over Redis. A request is an entry of the handler's stream ({@code XADD ... NOMKSTREAM
 * MAXLEN ~}); its answer comes back on this instance's one reply channel, matched by correlation id to a
 * call waiting in {@link #pending}, which it leaves when answered or at its timeout. In compatibility mode,
 * calls go out in the Rust crate's format instead: published on the channel named after the handler, with a
 * reply channel {@code <instance>_<uuid>} that this instance's one pattern subscription hears. Either way a
 * request carries its caller's trace ({@code traceparent}, {@code tracestate}): as two lines of the stream
 * entry's envelope ({@link Wire.Request}), or as extra fields of the crate's JSON, which the crate ignores.
 */
final class RemoteCalls implements Remote {
    /** Entries kept per request stream (approximately: {@code MAXLEN ~}). */
    static final long STREAM_LENGTH = 100_000;
    static final XAddArgs ADD = new XAddArgs().maxlen(STREAM_LENGTH).approximateTrimming().nomkstream();

    private final RedisTransport transport;
    private final Duration defaultTimeout;
    private final boolean compat;
    private final String replyChannel;
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, PendingCall> pending = new ConcurrentHashMap<>();
    private final Tracing tracing;

    RemoteCalls(RedisTransport transport, Duration defaultTimeout, boolean compat, Tracing tracing) {
        this.tracing = tracing;
        this.transport = transport;
        this.defaultTimeout = defaultTimeout;
        this.compat = compat;
        this.replyChannel = Wire.replyChannel(transport.instance());
        this.idPrefix = transport.instance() + "-";
    }

    /** The channels of this instance's Rust-format replies, {@code <instance>_<uuid>}, as one pattern. */
    static String compatReplyPattern(String instance) {
        return instance + "_*";
    }

    /** A call waiting for its answer. */
    private static final class PendingCall extends CompletableFuture<String> {
        final String handler;
        final Duration timeout;

        PendingCall(String handler, Duration timeout) {
            this.handler = handler;
            this.timeout = timeout;
        }
    }

    @Override
    public String publish(String handler, String data, Duration timeout) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(data, "data");
        // The deadline travels: a call made by a handler never outlives the call that made it.
        CallInfo call = CallInfo.fromBus(handler, System.nanoTime() + timeout.toNanos());
        if (!tracing.spans()) {
            return compat ? compatCall(handler, data, call) : call(handler, data, call);
        }
        Span span = tracing.send(handler, Tracing.REDIS, SpanKind.CLIENT, "publish", call.trace());
        CallInfo sent = call.withTrace(Trace.of(span, call.trace()));
        Throwable failure = null;
        try {
            return compat ? compatCall(handler, data, sent) : call(handler, data, sent);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Tracing.end(span, failure);
        }
    }

    /** {@link #publish} with the default timeout. */
    String publish(String handler, String data) {
        return publish(handler, data, defaultTimeout);
    }

    @Override
    public void dispatch(String handler, String data) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(data, "data");
        CallInfo call = CallInfo.fromBus(handler, 0);
        if (!tracing.spans()) {
            dispatch(handler, data, call);
            return;
        }
        Span span = tracing.send(handler, Tracing.REDIS, SpanKind.PRODUCER, "dispatch", call.trace());
        Throwable failure = null;
        try {
            dispatch(handler, data, call.withTrace(Trace.of(span, call.trace())));
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Tracing.end(span, failure);
        }
    }

    private void dispatch(String handler, String data, CallInfo call) {
        if (compat) {
            String id = UUID.randomUUID().toString();
            Long receivers = transport.await(handler, transport.commands(handler).publish(handler,
                    new CompatMessage(id, data, "", false).inTrace(call.trace()).json()));
            if (receivers == null || receivers == 0) {
                throw new NoSuchHandlerException(handler);
            }
            return;
        }
        String stream = Wire.requestStream(handler);
        Object[] fields = Wire.request(new Request(Wire.DISPATCH, nextId(), 0, "", call.source(), call.trace(), data));
        ReplicaWaits replicas = transport.replicaWaits();
        String entry = replicas != null ? replicas.add(handler, stream, fields)
                : transport.await(handler, transport.commands(handler).xadd(stream, ADD, fields));
        if (entry == null) {
            throw new NoSuchHandlerException(handler);
        }
    }

    private String call(String handler, String data, CallInfo call) {
        long remaining = call.deadlineNanos() - System.nanoTime();
        String id = nextId();
        PendingCall reply = new PendingCall(handler, Duration.ofNanos(Math.max(0, remaining)));
        pending.put(id, reply);
        try {
            RedisClusterAsyncCommands<String, String> commands = transport.commands(handler);
            long deadlineMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(remaining);
            RedisFuture<String> added = commands.xadd(Wire.requestStream(handler), ADD, Wire.request(
                    new Request(Wire.REQUEST, id, deadlineMillis, replyChannel, call.source(), call.trace(), data)));
            added.whenComplete((entry, failure) -> {
                if (failure != null) {
                    reply.completeExceptionally(transport.unavailable(handler, failure));
                } else if (entry == null) {
                    // NOMKSTREAM: no instance ever created the handler's stream (and group).
                    reply.completeExceptionally(new NoSuchHandlerException(handler));
                }
            });
            return await(reply, call.deadlineNanos());
        } finally {
            pending.remove(id);
        }
    }

    private String compatCall(String handler, String data, CallInfo call) {
        long remaining = call.deadlineNanos() - System.nanoTime();
        String uuid = UUID.randomUUID().toString();
        String channel = transport.instance() + "_" + uuid;
        PendingCall reply = new PendingCall(handler, Duration.ofNanos(Math.max(0, remaining)));
        pending.put(channel, reply);
        try {
            transport.commands(handler).publish(handler,
                    new CompatMessage(uuid, data, channel, false).inTrace(call.trace()).json())
                    .whenComplete((receivers, failure) -> {
                        if (failure != null) {
                            reply.completeExceptionally(transport.unavailable(handler, failure));
                        } else if (receivers == null || receivers == 0) {
                            reply.completeExceptionally(new NoSuchHandlerException(handler));
                        }
                    });
            return await(reply, call.deadlineNanos());
        } finally {
            pending.remove(channel);
        }
    }

    private String await(PendingCall reply, long deadlineNanos) {
        try {
            return reply.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BusTimeoutException(reply.handler, reply.timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BusException bus ? bus
                    : new BusException(reply.handler, "Remote call to '" + reply.handler + "' failed: "
                            + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException(reply.handler, "Interrupted while waiting for handler '" + reply.handler + "'", e);
        }
    }

    private String nextId() {
        return idPrefix + Long.toString(sequence.incrementAndGet(), 36);
    }

    /** A frame on this instance's reply channel (on Lettuce's event loop: completes a future, nothing more). */
    void onReply(String frame) {
        Reply reply = Reply.parse(frame);
        if (reply == null) {
            transport.warn("A reply on " + replyChannel + " is not a reply frame and is ignored");
            return;
        }
        PendingCall call = pending.remove(reply.id());
        if (call == null) {
            return;                                  // its caller gave up already
        }
        if (reply.status() == Wire.OK) {
            call.complete(reply.payload());
        } else {
            call.completeExceptionally(reply.failure(call.handler, call.timeout));
        }
    }

    /** A Rust-format reply on one of this instance's {@code <instance>_<uuid>} channels. */
    void onCompatReply(String channel, String json) {
        PendingCall call = pending.remove(channel);
        if (call == null) {
            return;
        }
        CompatMessage message = CompatMessage.parse(json);
        if (message == null) {
            call.completeExceptionally(new BusException(call.handler, "Handler '" + call.handler
                    + "' answered something that is not the Rust crate's {\"id\",\"message\",\"reply_channel\"}", null));
        } else if (message.error()) {
            call.completeExceptionally(new HandlerException(call.handler, message.message(), null));
        } else {
            call.complete(message.message());
        }
    }

    /** Fails every waiting call at once: the manager is stopping. */
    void failAll(String why) {
        pending.forEach((id, call) -> {
            if (pending.remove(id, call)) {
                call.completeExceptionally(new BusException(call.handler, why, null));
            }
        });
    }
}
