package io.managerhandlers.internal.redis;

import io.managerhandlers.Endpoint;
import io.managerhandlers.RemoteEndpoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A handler's endpoint in a manager with Redis: calls stay in process, and {@link #remote()} goes through Redis. */
final class RemoteAwareEndpoint<I, O> implements Endpoint<I, O> {
    private final Endpoint<I, O> local;
    private final RemoteEndpoint<I, O> remote;

    RemoteAwareEndpoint(Endpoint<I, O> local, RemoteEndpoint<I, O> remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public O publish(I input) {
        return local.publish(input);
    }

    @Override
    public O publish(I input, Duration timeout) {
        return local.publish(input, timeout);
    }

    @Override
    public CompletableFuture<O> publishAsync(I input) {
        return local.publishAsync(input);
    }

    @Override
    public void dispatch(I input) {
        local.dispatch(input);
    }

    @Override
    public RemoteEndpoint<I, O> remote() {
        return remote;
    }
}
