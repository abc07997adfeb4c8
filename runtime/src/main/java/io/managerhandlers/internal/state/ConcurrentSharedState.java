package io.managerhandlers.internal.state;

import io.managerhandlers.SharedState;
import io.managerhandlers.StateKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** {@link SharedState} on a {@link ConcurrentHashMap}: every operation on one key is atomic. */
public final class ConcurrentSharedState implements SharedState {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

    public ConcurrentSharedState(Map<StateKey<?>, Object> initial) {
        initial.forEach((key, value) -> values.put(key.name(), checked(key, value)));
    }

    @Override
    public <T> void put(StateKey<T> key, T value) {
        values.put(key.name(), checked(key, Objects.requireNonNull(value, "value")));
    }

    @Override
    public <T> Optional<T> get(StateKey<T> key) {
        return Optional.ofNullable(cast(key, values.get(key.name())));
    }

    @Override
    public <T> Optional<T> remove(StateKey<T> key) {
        return Optional.ofNullable(cast(key, values.remove(key.name())));
    }

    @Override
    public <T> Optional<T> update(StateKey<T> key, UnaryOperator<T> operator) {
        Object result = values.compute(key.name(), (name, current) -> {
            T next = operator.apply(cast(key, current));
            return next == null ? null : checked(key, next);
        });
        return Optional.ofNullable(cast(key, result));
    }

    private static Object checked(StateKey<?> key, Object value) {
        Class<?> type = key.type().rawType();
        if (!type.isInstance(value)) {
            throw new ClassCastException("State key '" + key.name() + "' holds " + key.type()
                    + ", not " + value.getClass().getName());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(StateKey<T> key, Object value) {
        return value == null ? null : (T) checked(key, value);
    }
}
