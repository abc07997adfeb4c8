package io.managerhandlers;

import java.util.Optional;

/** Who is calling a handler, and how. */
public interface Call {
    /** The source of a call from HTTP. */
    String HTTP = "http";
    /** The source of a call that came through Redis from another instance. */
    String REDIS = "redis";
    /** The source of a call made outside any handler (from {@code main}, a test, a subscriber). */
    String LOCAL = "local";

    /** {@code "http"}, the calling handler's name, {@code "redis"}, or {@code "local"}. */
    String source();

    /** The name of the handler being called. */
    String handler();

    /** The HTTP client's address as {@code host:port}; empty for calls over the bus. */
    Optional<String> remoteAddress();

    /** An HTTP request header (the first value); empty when absent or not an HTTP call. */
    Optional<String> header(String name);

    /** The subject CN of the client's verified certificate under mutual TLS; empty otherwise. */
    Optional<String> clientName();
}
