package io.managerhandlers.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The read deadline Helidon 4.5 lacks: it never closes a connection whose request trickles in (slowloris),
 * stalls mid-body, or never comes at all. The guard is the server's only HTTP/1.1 connection selector, so it
 * sees every connection from its start; each gets a {@link Watch}, moved along by the connection's own
 * thread (its reads, and Helidon's callbacks when a head is read and an answer begins), and judged by one
 * sweep a second:
 *
 * <ul>
 *   <li>a request's head must arrive within the read timeout of its first byte (of the connection's start,
 *       for a connection's first request): otherwise {@code 408} and closed;</li>
 *   <li>a body must arrive within the read timeout of the head's end; an upload's, which may take longer,
 *       must never make the server wait that long for its next bytes: otherwise closed;</li>
 *   <li>a connection that waits for its next request longer than the keep-alive time is closed, also when
 *       Helidon's own idle timer would not (it only interrupts a wait for a request line).</li>
 * </ul>
 *
 * The sweep is not on any delivery path: it only reads a few volatile fields per open connection.
 */
final class ConnectionGuard implements ServerConnectionSelector {
    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    /** A connection closed but still registered this long after (its 408 write blocked) is closed hard. */
    static final long HARD_CLOSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Http1ConnectionSelector http1;
    private final long readTimeoutNanos;
    private final long idleNanos;
    private final Predicate<String> streams;
    private final byte[] timeoutAnswer;
    private final Set<Watch> open = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> sweeper;

    /**
     * @param streams whether a raw request path streams its body (uploads), so that only each wait for
     *        its bytes is bounded
     * @param http1 the HTTP/1.1 limits (prologue and header sizes), without listeners: the guard adds its own
     * @param checks runs first on every request head (and may refuse it with a {@code RequestException})
     */
    ConnectionGuard(Duration readTimeout, Duration idle, Predicate<String> streams, Http1Config.Builder http1,
            Http1ConnectionListener checks) {
        this.readTimeoutNanos = readTimeout.toNanos();
        this.idleNanos = idle.toNanos();
        this.streams = streams;
        // One listener each way: Helidon 4.5 combines two or more into a listener that forwards none of the
        // head callbacks (Http1ConnectionListenerUtil.ListFrameListener overrides only data()).
        Http1Config config = http1
                .clearReceiveListeners()
                .clearSendListeners()
                .addReceiveListener(new Received(checks))
                .addSendListener(new Sent())
                .build();
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
        this.timeoutAnswer = Responses.rawAnswer(408, "Request Timeout",
                "Request timeout: the request did not arrive within " + readTimeout.toMillis() + " ms");
    }

    /** Sweeps every second until {@link #stop()} or the executor's shutdown. */
    void start(ScheduledExecutorService timers) {
        sweeper = timers.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        ScheduledFuture<?> running = sweeper;
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Connections open right now (for tests and metrics). */
    int openConnections() {
        return open.size();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        Watch watch = new Watch(ctx.serverSocket(), ctx.dataWriter());
        return new Guarded(http1.connection(new WatchedContext(ctx, watch)), watch);
    }

    void sweep() {
        long now = System.nanoTime();
        for (Watch watch : open) {
            try {
                judge(watch, now);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Closing a connection failed", e);
            }
        }
    }

    private void judge(Watch watch, long now) {
        int phase = watch.phase();
        long reading = watch.readingSince();
        switch (phase) {
            case Watch.HEAD -> {
                long late = now - watch.phaseSince - readTimeoutNanos;
                if (late > 0) {
                    // A head cut short is answered 408, which only a thread blocked in a read can be answered
                    // for: it writes nothing then, and stops. One busy parsing bytes is judged again next
                    // sweep, and closed without an answer if it is never caught waiting. A new connection
                    // that sent nothing is just closed.
                    boolean taken = watch.takeRead(reading);
                    if (taken || !watch.headBegun || late > HARD_CLOSE_NANOS) {
                        cut(watch, Watch.HEAD, taken && watch.headBegun, taken);
                    }
                }
            }
            case Watch.REQUEST -> {
                boolean stalled = reading != Watch.NONE && (now - reading > readTimeoutNanos
                        || !watch.streaming && now - watch.phaseSince > readTimeoutNanos);
                if (stalled && watch.takeRead(reading)) {
                    cut(watch, Watch.REQUEST, true, true);
                }
            }
            case Watch.WAITING -> {
                if (reading != Watch.NONE && now - reading > idleNanos && watch.takeRead(reading)) {
                    cut(watch, Watch.WAITING, false, true);
                }
            }
            case Watch.LINGERING -> {
                if (LingeringClose.overdue(watch, now)) {
                    LingeringClose.cut(watch);
                }
            }
            default -> {
                if (now - watch.closedAt > HARD_CLOSE_NANOS) {
                    closeQuietly(watch);
                }
            }
        }
    }

    /**
     * Closes the connection, if it is still in the phase judged; otherwise only releases its thread, which
     * waits for the guard when its read was {@code taken} (see {@link Watch#awaitCut}).
     */
    private void cut(Watch watch, int judged, boolean answer, boolean taken) {
        if (watch.close(judged)) {
            close(watch, answer);
        } else if (taken) {
            watch.cutDone();
        }
    }

    /** Closes off the guard's thread: writing the 408 may block on a client that reads nothing. */
    private void close(Watch watch, boolean answer) {
        Thread.ofVirtual().name("mh-close-slow-connection").start(() -> {
            try {
                if (answer) {
                    watch.writer.writeNow(BufferData.create(timeoutAnswer));
                    watch.writer.flush();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.TRACE, "The 408 answer could not be written", e);
            } finally {
                closeQuietly(watch);
                watch.cutDone();
            }
        });
    }

    /** {@code Connection: close}; the header is looked up first, as Helidon's token search is costly. */
    private static boolean closes(Headers headers) {
        return headers.contains(HeaderNames.CONNECTION) && headers.containsToken(HeaderValues.CONNECTION_CLOSE);
    }

    private static void closeQuietly(Watch watch) {
        SocketShutdown.both(watch.socket);
        try {
            watch.socket.close();
        } catch (RuntimeException alreadyClosed) {
            // closed by its own thread meanwhile
        }
    }

    /** Registers the watch while Helidon's connection runs; its thread is the connection's. */
    private final class Guarded implements ServerConnection, InterruptableTask<Void> {
        private final ServerConnection delegate;
        private final Watch watch;

        Guarded(ServerConnection delegate, Watch watch) {
            this.delegate = delegate;
            this.watch = watch;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            open.add(watch);
            Watch.serving(watch);
            try {
                delegate.handle(limit);
            } finally {
                Watch.served();
                LingeringClose.lingerIfAsked(watch);
                open.remove(watch);
            }
        }

        @Override
        public void handle(Semaphore requestSemaphore) throws InterruptedException {
            open.add(watch);
            Watch.serving(watch);
            try {
                delegate.handle(requestSemaphore);
            } finally {
                Watch.served();
                LingeringClose.lingerIfAsked(watch);
                open.remove(watch);
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }
    }

    /** Helidon's callbacks as a request is read: where its path is known, and where its head ends. */
    private final class Received implements Http1ConnectionListener {
        private final Http1ConnectionListener checks;

        Received(Http1ConnectionListener checks) {
            this.checks = checks;
        }

        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            checks.prologue(ctx, prologue);
            if (ctx instanceof WatchedContext watched) {
                watched.watch().prologueRead(streams.test(prologue.uriPath().rawPath()));
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            checks.headers(ctx, headers);
            if (ctx instanceof WatchedContext watched) {
                if (closes(headers)) {
                    watched.watch().lastAnswer = true;     // the client's last request on this connection
                }
                watched.watch().headRead();
            }
        }
    }

    /** Helidon's callbacks as an answer begins. */
    private static final class Sent implements Http1ConnectionListener {
        @Override
        public void status(ConnectionContext ctx, Status status) {
            if (ctx instanceof WatchedContext watched) {
                watched.watch().answered();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof WatchedContext watched && closes(headers)) {
                watched.watch().lastAnswer = true;
            }
        }
    }
}
