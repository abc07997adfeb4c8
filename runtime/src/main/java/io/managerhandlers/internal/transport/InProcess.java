package io.managerhandlers.internal.transport;

import io.managerhandlers.Endpoint;
import io.managerhandlers.Remote;
import io.managerhandlers.internal.bus.LocalBus;
import io.managerhandlers.internal.bus.LocalEndpoint;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.observe.RemoteGauges;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/** The transport of a manager without Redis: every call stays in this process. */
final class InProcess implements Transport {
    private final LocalBus bus;

    InProcess(LocalBus bus) {
        this.bus = bus;
    }

    @Override
    public Remote remote() {
        return bus;
    }

    @Override
    public <I, O> Endpoint<I, O> endpoint(LocalEndpoint<I, O> local, RequestTarget<I, O> target,
            Duration defaultTimeout) {
        return local;
    }

    @Override
    public Optional<RemoteGauges> gauges(Collection<String> handlers) {
        return Optional.empty();
    }

    @Override
    public void connectAsync() {
    }

    @Override
    public void start() {
    }

    @Override
    public void stopTaking() {
    }

    @Override
    public void close() {
    }
}
