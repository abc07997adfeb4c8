package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.Call;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.Settings;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.ReplicaTimeoutException;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.files.FileRoutes;
import io.managerhandlers.internal.json.JsonInputException;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.tls.AllowedNames;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Every HTTP request goes through here. Routing is on the raw path, exactly: Helidon normalises paths
 * before its own routing ({@code /x/../shutdown} would reach {@code /shutdown}), so the framework matches
 * the path as it was sent and answers anything else 404. The API key is checked before anything else.
 */
public final class HttpFront implements Handler {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    private static final String HEALTH = "/observe/health";
    private static final String METRICS = "/observe/metrics";
    private static final String SHUTDOWN = "/shutdown";
    private static final String STREAM = "/stream/";

    private final Settings settings;
    private final Map<String, RequestTarget<?, ?>> targets;
    private final FileRoutes files;
    private final Lifecycle lifecycle;
    private final Runnable shutdown;
    private final Supplier<byte[]> metrics;
    private final ApiKey apiKey;
    private final AllowedNames allowedNames;
    private final Semaphore permits;

    public HttpFront(Settings settings, Map<String, RequestTarget<?, ?>> targets, FileRoutes files,
            Lifecycle lifecycle, Runnable shutdown, Supplier<byte[]> metrics) {
        this.settings = settings;
        this.targets = targets;
        this.files = files;
        this.lifecycle = lifecycle;
        this.shutdown = shutdown;
        this.metrics = metrics;
        this.apiKey = new ApiKey(settings.apiKey());
        this.allowedNames = new AllowedNames(settings.allowedNames());
        this.permits = new Semaphore(settings.maxRequests());
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = settings.debug() ? System.nanoTime() : 0;
        String path = req.path().rawPath();
        Method method = req.prologue().method();
        try {
            route(req, res, path, method);
        } finally {
            if (settings.debug()) {
                LOG.log(Level.INFO, () -> method.text() + " " + path + " -> " + res.status().code() + " in "
                        + (System.nanoTime() - start) / 1000 + " us");
            }
        }
    }

    private void route(ServerRequest req, ServerResponse res, String path, Method method) {
        // The TLS handshake already refuses names not allowed; this is the second lock on the same door.
        if (!allowedNames.admits(req)) {
            Responses.error(res, 403, "Forbidden: the client certificate's name is not allowed");
            return;
        }
        if (path.equals(HEALTH)) {
            if (only(res, method, Method.GET)) {
                res.header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON);
                res.send(lifecycle.accepting() ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            }
            return;
        }
        if (!apiKey.allows(req.headers())) {
            Responses.error(res, 401, "Unauthorized");
            return;
        }
        if (path.equals(SHUTDOWN)) {
            if (only(res, method, Method.POST)) {
                res.header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON);
                res.send("{\"status\":\"Shutting down\"}");
                Thread.ofVirtual().name("mh-shutdown").start(shutdown);
            }
        } else if (path.equals(METRICS)) {
            if (only(res, method, Method.GET)) {
                res.header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON);
                res.send(metrics.get());
            }
        } else if (path.startsWith(STREAM)) {
            admitted(req, res, () -> files.handle(req, res, path.substring(STREAM.length()), method));
        } else {
            String name = path.substring(1);
            RequestTarget<?, ?> target = targets.get(name);
            if (target == null) {
                Responses.error(res, 404, "Handler not found: " + name);
            } else if (only(res, method, Method.POST)) {
                admitted(req, res, () -> call(target, req, res));
            }
        }
    }

    /** Answers 405 unless the method is the allowed one. */
    private static boolean only(ServerResponse res, Method method, Method allowed) {
        if (method.equals(allowed)) {
            return true;
        }
        res.header(HeaderNames.ALLOW, allowed.text());
        Responses.error(res, 405, "Method not allowed: use " + allowed.text());
        return false;
    }

    /** Runs a call if the manager takes it: not shutting down, and within {@code maxRequests}. */
    private void admitted(ServerRequest req, ServerResponse res, Runnable work) {
        lifecycle.enter();
        try {
            if (!lifecycle.accepting()) {
                Responses.error(res, 503, "Service unavailable: shutting down");
            } else if (!permits.tryAcquire()) {
                Responses.error(res, 503, "Service unavailable: too many requests");
            } else {
                try {
                    work.run();
                } finally {
                    permits.release();
                }
            }
        } finally {
            lifecycle.exit();
        }
    }

    private <I, O> void call(RequestTarget<I, O> target, ServerRequest req, ServerResponse res) {
        I input;
        try {
            byte[] body = readBody(req, res);
            if (body == null) {
                return;
            }
            input = target.input().readBody(body);
        } catch (JsonInputException e) {
            Responses.error(res, 400, e.getMessage());
            return;
        }
        CallInfo call = new CallInfo(Call.HTTP, target.name(),
                System.nanoTime() + settings.requestTimeout().toNanos(), Peers.address(req),
                name -> req.headers().first(HeaderNames.create(name)), Peers.clientName(req));
        try {
            O output = target.call(input, call);
            Responses.ok(res, target.output().writeJson(output));
        } catch (ReplicaTimeoutException e) {
            Responses.error(res, 503, "Service unavailable: no replica of '" + target.name()
                    + "' was free within the request timeout");
        } catch (BusTimeoutException e) {
            Responses.error(res, 504, "Gateway timeout: handler '" + target.name()
                    + "' ran past the request timeout");
        } catch (HandlerException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (settings.debug()) {
                LOG.log(Level.WARNING, "Handler '" + target.name() + "' failed", cause);
            }
            Responses.error(res, 500, "Internal server error: " + cause.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call to '" + target.name() + "' failed", e);
            Responses.error(res, 500, "Internal server error: " + e.getMessage());
        }
    }

    /** The body, at most {@code maxJsonBytes}; null when it was longer and 413 has been answered. */
    private byte[] readBody(ServerRequest req, ServerResponse res) throws JsonInputException {
        long max = settings.maxJsonBytes();
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > max) {
            tooLarge(res, max);
            return null;
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                tooLarge(res, max);
                return null;
            }
            return body;
        } catch (IOException | RuntimeException e) {
            throw new JsonInputException("Invalid body: it could not be read", e);
        }
    }

    private static void tooLarge(ServerResponse res, long max) {
        res.header(io.helidon.http.HeaderValues.CONNECTION_CLOSE);
        Responses.error(res, 413, "Payload too large: the limit is " + max + " bytes");
    }
}
