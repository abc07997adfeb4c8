package io.managerhandlers;

import io.managerhandlers.annotations.Transport;
import java.util.function.Consumer;

/** Where a subscriber's methods are bound to their topics: see {@link Manager.Builder#subscriber}. */
public interface Subscriptions {
    /** Subscribes {@code subscriber} to {@code topic}, whose messages are of {@code type}. */
    <T> Subscriptions on(String topic, Transport transport, TypeToken<T> type, Consumer<? super T> subscriber);
}
