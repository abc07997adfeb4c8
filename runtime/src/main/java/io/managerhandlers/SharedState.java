package io.managerhandlers;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * State shared by every handler of one manager (the Rust crate's global state), safe from any number of
 * threads. Values may be anything, functions included.
 */
public interface SharedState {
    /** Sets the key's value; {@code null} is not a value (use {@link #remove}). */
    <T> void put(StateKey<T> key, T value);

    /**
     * The key's value, if any.
     *
     * @throws ClassCastException the name holds a value of another type, put under another key
     */
    <T> Optional<T> get(StateKey<T> key);

    /** Removes the key's value and returns it. */
    <T> Optional<T> remove(StateKey<T> key);

    /**
     * Replaces the key's value atomically with {@code operator(current)}, where {@code current} is
     * {@code null} when absent; an operator that returns {@code null} removes the key. The operator may run
     * more than once under contention, so it must have no side effects.
     *
     * @return the new value, empty when removed
     */
    <T> Optional<T> update(StateKey<T> key, UnaryOperator<T> operator);
}
