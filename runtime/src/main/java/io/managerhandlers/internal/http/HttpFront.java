package io.managerhandlers.internal.http;

import static io.managerhandlers.internal.http.Responses.refuse;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.observe.Observability;
import io.managerhandlers.internal.observe.Page;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.tls.AllowedNames;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Every HTTP request goes through here. Routing is on the raw path, exactly: Helidon normalises paths
 * before its own routing ({@code /x/../shutdown} would reach {@code /shutdown}), so the framework matches
 * the path as it was sent and answers anything else 404. The API key is checked before anything else.
 */
public final class HttpFront implements Handler {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    private static final String SHUTDOWN = "/shutdown";
    private static final String STREAM = "/stream/";
    private static final String OPENAPI = "/openapi";
    private static final String OPENAPI_UI = "/openapi/ui";

    private static final Header NO_SNIFF = HeaderValues.create("X-Content-Type-Options", "nosniff");
    private static final Header NO_STORE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store");
    /** The dashboard loads its own script and style and fetches the metrics: nothing else, from nowhere else. */
    private static final Header ASSETS_ONLY = HeaderValues.create("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:");

    private final Settings settings;
    private final Map<String, RequestTarget<?, ?>> targets;
    private final FileRoutes files;
    private final Lifecycle lifecycle;
    private final Runnable shutdown;
    private final Observability observe;
    private final ApiKey apiKey;
    private final AllowedNames allowedNames;
    private final Semaphore permits;
    private final OpenApiRoutes openApi;
    private final HandlerRoute handlers;
    private final HttpTraces traces;

    public HttpFront(Settings settings, Map<String, RequestTarget<?, ?>> targets, FileRoutes files,
            Lifecycle lifecycle, Runnable shutdown, Observability observe, Tracing tracing) {
        this.traces = new HttpTraces(tracing);
        this.settings = settings;
        this.targets = targets;
        this.files = files;
        this.lifecycle = lifecycle;
        this.shutdown = shutdown;
        this.observe = observe;
        this.apiKey = new ApiKey(settings.apiKey());
        this.allowedNames = new AllowedNames(settings.allowedNames());
        this.permits = new Semaphore(settings.maxRequests());
        this.openApi = new OpenApiRoutes(settings, targets.keySet(), files);
        this.handlers = new HandlerRoute(settings);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        long start = settings.debug() || observe.accessLog() ? System.nanoTime() : 0;
        String path = req.path().rawPath();
        Method method = req.prologue().method();
        // Its ids are drawn only when asked for: by the handler's Call, a span, or the access log line.
        Trace trace = HttpTraces.of(req);
        try {
            route(req, res, path, method, trace);
        } finally {
            observe.answered(method.text(), path, res.status().code(), res.bytesWritten(), start,
                    observe.accessLog() ? trace.traceId() : null);
            if (settings.debug()) {
                LOG.log(Level.INFO, () -> method.text() + " " + path + " -> " + res.status().code() + " in "
                        + (System.nanoTime() - start) / 1000 + " us");
            }
        }
    }

    private void route(ServerRequest req, ServerResponse res, String path, Method method, Trace trace) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            // "POST ? HTTP/1.1", "POST * HTTP/1.1": Helidon lets through targets that are not a path.
            refuse(req, res, 400, "Bad request: the request target must be a path");
            return;
        }
        // The TLS handshake already refuses names not allowed; this is the second lock on the same door.
        if (!allowedNames.admits(req)) {
            refuse(req, res, 403, "Forbidden: the client certificate's name is not allowed");
            return;
        }
        Page open = observe.open(path);          // probes and dashboard: no key
        if (open != null) {
            if (method.equals(Method.HEAD) || only(req, res, method, Method.GET)) {
                send(req, res, open);
            }
            return;
        }
        if (path.equals(OPENAPI_UI) || path.startsWith(OPENAPI_UI + "/")) {
            // The page asks for the key itself: loading it needs none.
            if (only(req, res, method, Method.GET)) {
                openApi.ui(req, res, path.substring(OPENAPI_UI.length()));
            }
            return;
        }
        if (!apiKey.allows(req.headers())) {
            refuse(req, res, 401, "Unauthorized");
            return;
        }
        if (path.equals(SHUTDOWN)) {
            if (only(req, res, method, Method.POST)) {
                res.header(io.helidon.http.HeaderValues.CONTENT_TYPE_JSON);
                res.send("{\"status\":\"Shutting down\"}");
                Thread.ofVirtual().name("mh-shutdown").start(shutdown);
            }
        } else if (path.equals(Observability.METRICS)) {
            if (method.equals(Method.HEAD) || only(req, res, method, Method.GET)) {
                send(req, res, observe.metrics(req.headers().first(HeaderNames.ACCEPT).orElse(null)));
            }
        } else if (path.equals(OPENAPI) && method.equals(Method.GET)) {
            openApi.document(res);     // POST /openapi stays a handler's route
        } else if (path.startsWith(STREAM)) {
            admitted(req, res, () -> traces.run(trace, req, res, method, HttpTraces.fileRoute(path),
                    () -> files.handle(req, res, path.substring(STREAM.length()), method)));
        } else {
            String name = path.substring(1);
            RequestTarget<?, ?> target = targets.get(name);
            if (target == null) {
                refuse(req, res, 404, "Handler not found: " + name);
            } else if (only(req, res, method, Method.POST)) {
                admitted(req, res, () -> traces.run(trace, req, res, method, path, () -> handlers.call(target, req, res)));
            }
        }
    }

    private static void send(ServerRequest req, ServerResponse res, Page page) {
        res.status(page.status());
        res.header(HeaderNames.CONTENT_TYPE, page.contentType());
        res.header(NO_SNIFF);
        res.header(NO_STORE);
        res.header(ASSETS_ONLY);
        Responses.send(req, res, page.body());
    }

    /** Answers 405 unless the method is the allowed one. */
    private static boolean only(ServerRequest req, ServerResponse res, Method method, Method allowed) {
        if (method.equals(allowed)) {
            return true;
        }
        res.header(HeaderNames.ALLOW, allowed.text());
        refuse(req, res, 405, "Method not allowed: use " + allowed.text());
        return false;
    }

    /** Runs a call if the manager takes it: not shutting down, and within {@code maxRequests}. */
    private void admitted(ServerRequest req, ServerResponse res, Runnable work) {
        lifecycle.enter();
        try {
            if (!lifecycle.accepting()) {
                refuse(req, res, 503, "Service unavailable: shutting down");
            } else if (!permits.tryAcquire()) {
                refuse(req, res, 503, "Service unavailable: too many requests");
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

    /**
     * The shutdown deadline passed: every call still running is answered 504 now, and its connection closed
     * after the answer (see {@link HandlerRoute#answerRunningCalls()}).
     */
    public void answerRunningCalls() {
        handlers.answerRunningCalls();
    }
}
