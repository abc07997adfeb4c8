package io.managerhandlers;

/**
 * A topic: every subscriber receives every message, asynchronously; each subscriber sees one publisher's
 * messages in the order they were published.
 */
public interface Topic<T> {
    /** The topic's name. */
    String name();

    /** Delivers {@code message} to every subscriber of the topic. */
    void publish(T message);
}
