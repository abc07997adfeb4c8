package io.managerhandlers;

import java.util.Objects;

/**
 * A typed key of the {@link SharedState}: {@code StateKey<Long> SEEN = StateKey.of("seen", Long.class)}.
 * Two keys are equal when their names are; a name holds one type.
 */
public final class StateKey<T> {
    private final String name;
    private final TypeToken<T> type;

    private StateKey(String name, TypeToken<T> type) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a state key needs a non-empty name");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A key whose values are of a plain class. */
    public static <T> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, TypeToken.of(type));
    }

    /** A key whose values are of a generic type, such as {@code Function<String, String>}. */
    public static <T> StateKey<T> of(String name, TypeToken<T> type) {
        return new StateKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public TypeToken<T> type() {
        return type;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateKey<?> k && name.equals(k.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
