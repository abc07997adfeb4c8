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

/**
 * How a manager's calls reach other instances: {@link #inProcess(LocalBus) in this process only} (the
 * default), or through Redis ({@code RedisTransport}). The manager drives either through these steps,
 * without knowing which it has: connect while the HTTP server starts, start serving, stop taking work while
 * draining, close.
 */
public interface Transport {
    /** The untyped bus for {@code Manager.remote()}. */
    Remote remote();

    /** A handler's endpoint: {@code local} for calls in this process, with a {@code remote()} of this transport. */
    <I, O> Endpoint<I, O> endpoint(LocalEndpoint<I, O> local, RequestTarget<I, O> target, Duration defaultTimeout);

    /** What the metrics and the readiness probe report of it, for these handlers; empty in process. */
    Optional<RemoteGauges> gauges(Collection<String> handlers);

    /** Begins connecting, without waiting (the HTTP server starts meanwhile). */
    void connectAsync();

    /**
     * Waits for the connections and starts serving the handlers to other instances.
     *
     * @throws IllegalStateException it cannot connect; the message names where to
     */
    void start();

    /** Takes no more work from other instances; the calls taken already finish. */
    void stopTaking();

    /** Closes everything; the calls still waiting for other instances fail at once. */
    void close();

    /** Calls stay in this process: {@code remote()} is the local bus, and there is nothing to connect. */
    static Transport inProcess(LocalBus bus) {
        return new InProcess(bus);
    }
}
