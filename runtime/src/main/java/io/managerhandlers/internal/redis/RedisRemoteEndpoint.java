package io.managerhandlers.internal.redis;

import io.managerhandlers.HandlerException;
import io.managerhandlers.RemoteEndpoint;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * A handler on any instance, typed: the input goes out as the untyped bus's text (raw for {@code String},
 * JSON otherwise), and the answer is read back with the handler's own output type.
 */
final class RedisRemoteEndpoint<I, O> implements RemoteEndpoint<I, O> {
    private final RequestTarget<I, O> target;
    private final RemoteCalls calls;
    private final Duration defaultTimeout;

    RedisRemoteEndpoint(RequestTarget<I, O> target, RemoteCalls calls, Duration defaultTimeout) {
        this.target = target;
        this.calls = calls;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public O publish(I input) {
        return publish(input, defaultTimeout);
    }

    @Override
    public O publish(I input, Duration timeout) {
        String answer = calls.publish(target.name(), target.input().writeText(Objects.requireNonNull(input, "input")),
                timeout);
        try {
            return target.output().readText(answer);
        } catch (JsonInputException e) {
            // Another instance answered something this one cannot read: its version of the handler differs.
            throw new HandlerException(target.name(), "Handler '" + target.name() + "' answered something that is not "
                    + target.outputType() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void dispatch(I input) {
        calls.dispatch(target.name(), target.input().writeText(Objects.requireNonNull(input, "input")));
    }
}
