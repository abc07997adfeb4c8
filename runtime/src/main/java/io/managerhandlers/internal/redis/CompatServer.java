package io.managerhandlers.internal.redis;

import io.lettuce.core.SetArgs;
import io.managerhandlers.BusException;
import io.managerhandlers.Call;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.Outcomes;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import io.managerhandlers.internal.redis.Wire.CompatMessage;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Answers requests in the Rust crate's format: {@code {"id","message","reply_channel"}} published on the
 * channel named after a handler, answered on {@code reply_channel} with {@code {"id","message",
 * "reply_channel":""}} (an empty {@code reply_channel} asks for no answer). Pub/sub reaches every instance
 * subscribed to the channel, so the instances first agree on who runs it ({@code SET NX} on the request's
 * id, kept one minute): exactly one runs each request.
 */
final class CompatServer {
    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final RedisTransport transport;
    private final Map<String, RequestTarget<?, ?>> targets;
    private final Duration timeout;
    private final Consumer<? super BusException> onDispatchFailure;

    CompatServer(RedisTransport transport, Map<String, RequestTarget<?, ?>> targets, Duration timeout,
            Consumer<? super BusException> onDispatchFailure) {
        this.transport = transport;
        this.targets = targets;
        this.timeout = timeout;
        this.onDispatchFailure = onDispatchFailure;
    }

    /** A message on a handler's channel, heard on Lettuce's event loop: handled on a virtual thread. */
    void onRequest(String handler, String json) {
        RequestTarget<?, ?> target = targets.get(handler);
        if (target != null) {
            Thread.ofVirtual().name("mh-redis-compat-" + handler).start(() -> serve(target, json));
        }
    }

    private <I, O> void serve(RequestTarget<I, O> target, String json) {
        CompatMessage request = CompatMessage.parse(json);
        if (request == null) {
            transport.warn("A message on channel '" + target.name() + "' is not {\"id\",\"message\",\"reply_channel\"}"
                    + " and is ignored");
            return;
        }
        try {
            String claimed = transport.await(target.name(), transport.commands(target.name()).set(
                    "mh:compat:" + target.name() + ":" + request.id(), transport.instance(),
                    SetArgs.Builder.nx().px(CLAIM)));
            if (!"OK".equals(claimed)) {
                return;                               // another instance runs it
            }
        } catch (BusException e) {
            transport.log(Level.WARNING, "A Rust-format request to '" + target.name() + "' is lost: " + e.getMessage());
            return;
        }
        CompletableFuture<O> outcome;
        try {
            I input = target.input().readText(request.message());
            // The caller's trace rides in the message as extra fields; a crate's request carries none.
            Trace carried = Tracing.extract(request.trace());
            outcome = target.submit(input, new CallInfo(Call.REDIS, target.name(), System.nanoTime() + timeout.toNanos(),
                    null, null, null, carried == null ? Trace.start() : carried));
        } catch (JsonInputException e) {
            outcome = CompletableFuture.failedFuture(Outcomes.unreadableInput(target.name(), e));
        } catch (BusException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((output, failure) -> answer(target, request, output, failure));
    }

    private <O> void answer(RequestTarget<?, O> target, CompatMessage request, O output, Throwable failure) {
        String text = null;
        if (failure == null) {
            try {
                text = target.output().writeText(output);
            } catch (RuntimeException e) {
                failure = new HandlerException(target.name(), e);
            }
        }
        if (request.replyChannel().isEmpty()) {
            if (failure != null) {
                onDispatchFailure.accept(failure instanceof BusException bus ? bus
                        : new BusException(target.name(), String.valueOf(failure.getMessage()), failure));
            }
            return;
        }
        CompatMessage reply = failure == null ? new CompatMessage(request.id(), text, "", false)
                : new CompatMessage(request.id(), String.valueOf(failure.getMessage()), "", true);
        transport.commandsOrNull().ifPresent(c -> c.publish(request.replyChannel(), reply.json()));
    }
}
