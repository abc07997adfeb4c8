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

    /**
     * The W3C trace id of this call: 32 lowercase hex digits, never empty. It is the trace of the request's
     * {@code traceparent} header, or of the call that made this one (over the bus or through Redis); a call
     * that continues none starts a new trace.
     */
    String traceId();

    /**
     * This call's W3C {@code traceparent}, {@code 00-<trace id>-<parent id>-<flags>}: to pass on to a system
     * the framework does not reach. With an OpenTelemetry SDK the parent id is the span of this handler's run;
     * without one, the caller's (what the API's no-op spans pass on).
     */
    String traceparent();
}
