package io.managerhandlers.annotations;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the names given in {@link Handler#value()} and {@link Subscribe#topic()}, in one place for the
 * annotation processor (which refuses a bad name at compile time) and the runtime (which refuses it when a
 * handler is registered by hand). A handler's name is its URL path segment.
 */
public final class NameRules {
    /** What a handler's name must match. */
    public static final String HANDLER_NAME = "[A-Za-z0-9_-]+";
    /** What a topic's name must match. */
    public static final String TOPIC_NAME = "[A-Za-z0-9_.-]+";
    /** First path segments the framework serves itself: no handler may be named so. */
    public static final List<String> RESERVED = List.of("observe", "shutdown", "stream");

    private static final Pattern HANDLER = Pattern.compile(HANDLER_NAME);
    private static final Pattern TOPIC = Pattern.compile(TOPIC_NAME);

    private NameRules() {
    }

    /** Whether {@code name} may name a handler as far as its characters go (see {@link #isReserved}). */
    public static boolean isHandlerName(String name) {
        return name != null && HANDLER.matcher(name).matches();
    }

    /** Whether {@code name} may name a topic. */
    public static boolean isTopicName(String name) {
        return name != null && TOPIC.matcher(name).matches();
    }

    /** Whether {@code name} is a route of the framework. */
    public static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }
}
