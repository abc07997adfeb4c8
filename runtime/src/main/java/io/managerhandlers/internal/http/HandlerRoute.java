package io.managerhandlers.internal.http;

import static io.managerhandlers.internal.http.Responses.refuse;

import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.ReplicaTimeoutException;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.json.JsonInputException;
import io.managerhandlers.internal.settings.Settings;
import java.lang.System.Logger.Level;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /<handler>}: the JSON body read within the body budget, the call made (on this thread when a
 * replica is free), and one answer given on time — the handler's output, or the error its failure maps to.
 */
final class HandlerRoute {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());

    private final Settings settings;
    private final BodyBudget bodies;
    /** The HTTP calls in progress (queued for a replica or running): a stop answers those left at its deadline. */
    private final Set<OnTime> running = ConcurrentHashMap.newKeySet();

    HandlerRoute(Settings settings) {
        this.settings = settings;
        this.bodies = new BodyBudget(settings.maxInFlightBodyBytes());
    }

    /**
     * A call within the body budget: room for its body is reserved before a byte of it is read (503 when
     * there is none), and given back once the answer is written.
     */
    <I, O> void call(RequestTarget<I, O> target, ServerRequest req, ServerResponse res) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > settings.maxJsonBytes()) {
            JsonBodies.tooLarge(req, res, settings.maxJsonBytes());
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
        byte[] body = JsonBodies.read(req, res, settings.maxJsonBytes());
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
    void answerRunningCalls() {
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
}
