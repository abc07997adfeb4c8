package io.managerhandlers.internal.bus;

import io.managerhandlers.BusException;
import io.managerhandlers.Endpoint;
import io.managerhandlers.RemoteEndpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A typed endpoint of a handler in this process. Without Redis, its {@link #remote()} is itself: the
 * handler's only instance is this one.
 */
public final class LocalEndpoint<I, O> implements Endpoint<I, O>, RemoteEndpoint<I, O> {
    private final RequestTarget<I, O> target;
    private final Duration defaultTimeout;
    private final Consumer<? super BusException> onDispatchFailure;

    public LocalEndpoint(RequestTarget<I, O> target, Duration defaultTimeout,
            Consumer<? super BusException> onDispatchFailure) {
        this.target = target;
        this.defaultTimeout = defaultTimeout;
        this.onDispatchFailure = onDispatchFailure;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public O publish(I input) {
        return publish(input, defaultTimeout);
    }

    @Override
    public O publish(I input, Duration timeout) {
        return TracedSend.publish(target, Objects.requireNonNull(input, "input"), call(timeout));
    }

    @Override
    public CompletableFuture<O> publishAsync(I input) {
        return TracedSend.publishAsync(target, Objects.requireNonNull(input, "input"), call(defaultTimeout));
    }

    @Override
    public void dispatch(I input) {
        TracedSend.dispatch(target, Objects.requireNonNull(input, "input"), call(defaultTimeout), onDispatchFailure);
    }

    @Override
    public RemoteEndpoint<I, O> remote() {
        return this;
    }

    private CallInfo call(Duration timeout) {
        return CallInfo.fromBus(target.name(), System.nanoTime() + timeout.toNanos());
    }
}
