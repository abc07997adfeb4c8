package io.managerhandlers.internal.http;

import static io.managerhandlers.internal.http.Responses.refuse;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.ReplicaTimeoutException;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.observe.Observability;
import io.managerhandlers.internal.observe.Page;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.tls.AllowedNames;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
    /** The HTTP calls in progress (queued for a replica or running): a stop answers those left at its deadline. */
    private final Set<OnTime> running = ConcurrentHashMap.newKeySet();
    private final OpenApiRoutes openApi;
    private final BodyBudget bodies;
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
        this.bodies = new BodyBudget(settings.maxInFlightBodyBytes());
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
                admitted(req, res, () -> traces.run(trace, req, res, method, path, () -> call(target, req, res)));
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
     * A call within the body budget: room for its body is reserved before a byte of it is read (503 when
     * there is none), and given back once the answer is written.
     */
    private <I, O> void call(RequestTarget<I, O> target, ServerRequest req, ServerResponse res) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > settings.maxJsonBytes()) {
            tooLarge(req, res, settings.maxJsonBytes());
            return;
        }
        // Without a length (chunked), room for the largest body allowed.
        long reserved = bodies.reserve(declared.orElse(settings.maxJsonBytes()));
        if (reserved < 0) {
            refuse(req, res, 503, "Service unavailable: too many request bodies in flight");
            return;
        }
        try {
            callWithin(target, req, res);
        } catch (CloseConnectionException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            Responses.unexpected(req, res, e);
        } finally {
            bodies.release(reserved);
        }
    }

    private <I, O> void callWithin(RequestTarget<I, O> target, ServerRequest req, ServerResponse res) {
        byte[] body = readBody(req, res);
        if (body == null) {
            return;
        }
        I input;
        try {
            input = target.input().readBody(body);
        } catch (JsonInputException e) {
            Responses.error(res, 400, e.getMessage());
            return;
        }
        CallInfo call = Peers.call(req, target.name(), settings.requestTimeout());
        OnTime onTime = new OnTime(res, target);
        running.add(onTime);
        try {
            // On this thread when a replica is free: no hand-off to the replica's thread and back.
            Object here = target.callHere(input, call, onTime);
            @SuppressWarnings("unchecked")
            O output = here == RequestTarget.NOT_HERE ? target.call(input, call) : (O) here;
            byte[] json = target.output().writeJson(output);
            if (onTime.take()) {
                Responses.ok(res, json);
            }
        } catch (ReplicaTimeoutException e) {
            if (onTime.take()) {
                Responses.error(res, 503, "Service unavailable: no replica of '" + target.name()
                        + "' was free within the request timeout");
            }
        } catch (BusTimeoutException e) {
            if (onTime.take()) {
                Responses.error(res, 504, OnTime.message(target));
            }
        } catch (HandlerException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (settings.debug()) {
                LOG.log(Level.WARNING, "Handler '" + target.name() + "' failed [trace " + call.traceId() + "]", cause);
            }
            if (onTime.take()) {
                internalError(res, target, cause.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call to '" + target.name() + "' failed [trace " + call.traceId() + "]", e);
            if (onTime.take()) {
                internalError(res, target, e.getMessage());
            }
        } finally {
            running.remove(onTime);
            if (onTime.settle()) {
                // Another thread answered 504 with Connection: close: this connection ends here, before
                // Helidon reads (or answers) anything more on it.
                throw new CloseConnectionException("Answered 504 at the deadline; the connection ends");
            }
        }
    }

    /**
     * The shutdown deadline passed: every call still running is answered 504 now, and its connection closed
     * after the answer, so no client of a stopping server is left without one. The handlers are not
     * interrupted here; the server's stop does that.
     */
    public void answerRunningCalls() {
        for (OnTime call : running) {
            call.late("Gateway timeout: handler '" + call.target.name()
                    + "' had not answered when the shutdown timeout ran out");
        }
    }

    /** 500 with the message capped; a message that was cut is logged whole, since the caller never saw it. */
    private void internalError(ServerResponse res, RequestTarget<?, ?> target, String cause) {
        String message = "Internal server error: " + cause;
        if (ErrorMessages.cut(message) && !settings.debug()) {
            LOG.log(Level.WARNING, "Handler '" + target.name() + "' failed (answered 500, message cut): " + message);
        }
        Responses.error(res, 500, ErrorMessages.capped(message));
    }

    /**
     * One answer per request, given on time: by the request's thread when the call ends, or by the timer
     * thread with a 504 when the request timeout passes while this thread still runs the handler. Whoever
     * takes it answers; the request's thread then waits for a 504 being written before it returns the
     * response to Helidon.
     */
    private static final class OnTime extends AtomicInteger implements Runnable {
        private static final long serialVersionUID = 1L;
        private static final int OPEN = 0;
        private static final int TAKEN = 1;
        private static final int LATE = 2;
        private static final int LATE_SENT = 3;
        private final transient ServerResponse res;
        private final transient RequestTarget<?, ?> target;
        private final transient Thread owner = Thread.currentThread();

        OnTime(ServerResponse res, RequestTarget<?, ?> target) {
            this.res = res;
            this.target = target;
        }

        static String message(RequestTarget<?, ?> target) {
            return "Gateway timeout: handler '" + target.name() + "' ran past the request timeout";
        }

        /** The request's thread answers, unless the timer did. */
        boolean take() {
            return compareAndSet(OPEN, TAKEN);
        }

        /** The deadline passed while the request's thread ran the handler: answer 504 now. */
        @Override
        public void run() {
            late(message(target));
        }

        /** Answers 504 with this message now, unless the call was answered already. */
        void late(String message) {
            if (compareAndSet(OPEN, LATE)) {
                target.metrics().timedOut();
                try {
                    // The connection stays busy until the handler ends: no client may send on it meanwhile.
                    res.header(HeaderValues.CONNECTION_CLOSE);
                    Responses.error(res, 504, message);
                } catch (RuntimeException e) {
                    // the client is gone: nobody to answer
                } finally {
                    set(LATE_SENT);
                    LockSupport.unpark(owner);
                }
            }
        }

        /** Waits for the timer's 504 to be written, if it is being written; true when it was. */
        boolean settle() {
            while (get() == LATE) {
                LockSupport.park(this);
            }
            return get() == LATE_SENT;
        }
    }

    /**
     * The body, at most {@code maxJsonBytes}, read whole before anything parses it; null when it was longer
     * or could not be read, and the answer (413 or 400) has been given.
     */
    private byte[] readBody(ServerRequest req, ServerResponse res) {
        long max = settings.maxJsonBytes();
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > max) {
            tooLarge(req, res, max);
            return null;
        }
        InputStream in = req.content().inputStream();
        byte[] body;
        try {
            // With a Content-Length (at most max here), exactly that many bytes; otherwise up to max + 1.
            body = declared.isPresent() ? readExactly(in, (int) declared.getAsLong())
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (CloseConnectionException e) {
            throw e;                         // the connection ends (the guard may be answering 408 for it)
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException("The request body could not be read: the client is gone", e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            // The client stopped sending (it may still read): the body is shorter than it said.
            refuse(req, res, 400, "Invalid body: it ended before its declared length");
            return null;
        } catch (RuntimeException e) {
            if (e instanceof RequestException helidon && helidon.status().code() == 413) {
                tooLarge(req, res, max);
            } else {
                // A malformed chunk. Closing the stream would make Helidon read on for the rest of the body,
                // and after a malformed chunk size it waits for bytes that never come: answer and close.
                refuse(req, res, 400, "Invalid body: malformed chunked transfer coding");
            }
            return null;
        }
        if (body.length > max) {
            tooLarge(req, res, max);
            return null;
        }
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body;
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw new DataReader.InsufficientDataAvailableException();
        }
        return body;
    }

    private static void tooLarge(ServerRequest req, ServerResponse res, long max) {
        refuse(req, res, 413, "Payload too large: the limit is " + max + " bytes");
    }
}
