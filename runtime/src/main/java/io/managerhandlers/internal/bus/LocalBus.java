package io.managerhandlers.internal.bus;

import io.managerhandlers.Bus;
import io.managerhandlers.BusException;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.Remote;
import io.managerhandlers.internal.json.JsonInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** The untyped bus over this process's handlers; also the {@link Remote} when no Redis is configured. */
public final class LocalBus implements Bus, Remote {
    private final Map<String, RequestTarget<?, ?>> targets;
    private final Duration defaultTimeout;
    private final Consumer<? super BusException> onDispatchFailure;

    public LocalBus(Map<String, RequestTarget<?, ?>> targets, Duration defaultTimeout,
            Consumer<? super BusException> onDispatchFailure) {
        this.targets = targets;
        this.defaultTimeout = defaultTimeout;
        this.onDispatchFailure = onDispatchFailure;
    }

    @Override
    public String publish(String handler, String data) {
        return publish(handler, data, defaultTimeout);
    }

    @Override
    public String publish(String handler, String data, Duration timeout) {
        return call(target(handler), data, timeout);
    }

    @Override
    public void dispatch(String handler, String data) {
        dispatch(target(handler), data);
    }

    private <I, O> String call(RequestTarget<I, O> target, String data, Duration timeout) {
        I input = read(target, data);
        O output = TracedSend.publish(target, input,
                CallInfo.fromBus(target.name(), System.nanoTime() + timeout.toNanos()));
        return target.output().writeText(output);
    }

    private <I, O> void dispatch(RequestTarget<I, O> target, String data) {
        I input = read(target, data);
        TracedSend.dispatch(target, input,
                CallInfo.fromBus(target.name(), System.nanoTime() + defaultTimeout.toNanos()), onDispatchFailure);
    }

    private static <I> I read(RequestTarget<I, ?> target, String data) {
        try {
            return target.input().readText(Objects.requireNonNull(data, "data"));
        } catch (JsonInputException e) {
            throw Outcomes.unreadableInput(target.name(), e);
        }
    }

    private RequestTarget<?, ?> target(String handler) {
        RequestTarget<?, ?> target = targets.get(handler);
        if (target == null) {
            throw new NoSuchHandlerException(handler);
        }
        return target;
    }
}
