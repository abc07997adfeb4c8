package io.managerhandlers.internal.core;

import io.helidon.webserver.WebServer;
import io.managerhandlers.Bus;
import io.managerhandlers.BusException;
import io.managerhandlers.DownloadHandler;
import io.managerhandlers.Endpoint;
import io.managerhandlers.HandlerFactory;
import io.managerhandlers.Manager;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.Remote;
import io.managerhandlers.SharedState;
import io.managerhandlers.Topic;
import io.managerhandlers.TypeToken;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.internal.bus.LocalBus;
import io.managerhandlers.internal.bus.LocalEndpoint;
import io.managerhandlers.internal.bus.Registrations.FileDefinition;
import io.managerhandlers.internal.bus.Registrations.FileKind;
import io.managerhandlers.internal.bus.Registrations.RequestDefinition;
import io.managerhandlers.internal.bus.Registrations.SubscriberDefinition;
import io.managerhandlers.internal.bus.Registrations;
import io.managerhandlers.internal.bus.ReplicaPool;
import io.managerhandlers.internal.bus.RequestTarget;
import io.managerhandlers.internal.files.DiskFileStore;
import io.managerhandlers.internal.http.FileRoutes.FileTarget;
import io.managerhandlers.internal.http.FileRoutes;
import io.managerhandlers.internal.http.HttpFront;
import io.managerhandlers.internal.http.HttpServers;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import io.managerhandlers.internal.observe.HandlerSource;
import io.managerhandlers.internal.observe.Observability;
import io.managerhandlers.internal.redis.RedisTransport;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.state.ConcurrentSharedState;
import io.managerhandlers.internal.topic.TopicHub;
import io.managerhandlers.internal.trace.CurrentTrace;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import io.managerhandlers.internal.transport.Transport;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** Everything a {@link Manager} is made of, wired together. */
public final class ManagerCore {
    private static final System.Logger LOG = System.getLogger(Manager.class.getName());

    private final Settings settings;
    private final Lifecycle lifecycle = new Lifecycle();
    private final ScheduledExecutorService timers;
    private final SharedState state;
    private final Map<String, RequestTarget<?, ?>> targets = new TreeMap<>();
    private final Map<FileKind, FileTarget<?>> files = new TreeMap<>();
    private final TopicHub topics;
    /** W3C propagation always; spans with an OpenTelemetry SDK (given, or the global one). */
    private final Tracing tracing;
    private final LocalBus bus;
    private final Consumer<? super BusException> onDispatchFailure;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile WebServer server;
    private volatile HttpFront front;
    private volatile Observability observability;
    private Thread shutdownHook;
    private final List<Runnable> instantiate;
    /** Where calls to other instances go: Redis with {@code redis(url)}, else nowhere (they stay here). */
    private final Transport transport;

    public ManagerCore(Manager manager, Settings settings, Registrations registrations,
            io.opentelemetry.api.OpenTelemetry openTelemetry) {
        this.settings = settings;
        this.tracing = Tracing.of(openTelemetry);
        this.topics = new TopicHub(tracing);
        this.state = new ConcurrentSharedState(settings.initialState());
        this.onDispatchFailure = settings.onDispatchFailure() != null ? settings.onDispatchFailure()
                : failure -> LOG.log(Level.WARNING, "A dispatched call failed" + traceOfThisThread() + ": "
                        + failure.getMessage(), settings.debug() ? failure : null);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("mh-timers").factory());
        scheduler.setRemoveOnCancelPolicy(true);
        this.timers = scheduler;
        this.bus = new LocalBus(targets, settings.busTimeout(), onDispatchFailure);
        for (String name : settings.replicas().keySet()) {
            if (!registrations.hasName(name)) {
                throw new IllegalStateException("replicas(\"" + name + "\", ...) names no handler");
            }
        }
        // Targets first, instances second: a constructor may ask for Handlers.of(manager), which looks them up.
        List<Runnable> instantiate = new ArrayList<>();
        for (RequestDefinition<?, ?> definition : registrations.requests()) {
            instantiate.add(register(manager, definition));
        }
        for (FileDefinition definition : registrations.files()) {
            instantiate.add(register(manager, definition));
        }
        if (settings.fileStore() != null) {
            // The built-in store serves the file kinds the user registered no handler for.
            for (FileDefinition definition : DiskFileStore.builtIn(settings.fileStore(), registrations.files())) {
                instantiate.add(register(manager, definition));
            }
        }
        for (SubscriberDefinition<?> definition : registrations.subscribers()) {
            instantiate.add(() -> bind(manager, definition));
        }
        this.instantiate = List.copyOf(instantiate);
        this.transport = settings.redis() == null ? Transport.inProcess(bus)
                : new RedisTransport(settings, targets, topics, onDispatchFailure, tracing);
    }

    /**
     * Creates the handler and subscriber instances. Separate from the constructor because their factories
     * call the {@link Manager} (for {@code Handlers.of(manager)}, {@code manager.state()}), which must
     * hold this core by then.
     */
    public void instantiate() {
        instantiate.forEach(Runnable::run);
    }

    private <I, O> Runnable register(Manager manager, RequestDefinition<I, O> definition) {
        RequestTarget<I, O> target = new RequestTarget<>(definition.name(), definition.input(), definition.output(),
                replicas(definition.name(), definition.replicas()), settings.queueCapacity(),
                settings.rejectWhenQueueFull(), lifecycle, timers, tracing);
        targets.put(definition.name(), target);
        return () -> target.start(create(manager, definition.name(), definition.factory(), target.replicas()));
    }

    private <H> Runnable register(Manager manager, FileDefinition definition) {
        ReplicaPool<H> pool = new ReplicaPool<>(replicas(definition.name(), definition.replicas()));
        files.put(definition.kind(), new FileTarget<>(definition.name(), pool));
        @SuppressWarnings("unchecked")
        HandlerFactory<? extends H> factory = (HandlerFactory<? extends H>) definition.factory();
        return () -> pool.fill(create(manager, definition.name(), factory, pool.size()));
    }

    private <S> void bind(Manager manager, SubscriberDefinition<S> definition) {
        S subscriber = create(manager, "subscriber", definition.factory(), 1).get(0);
        definition.binder().accept(subscriber, topics);
    }

    private int replicas(String name, int declared) {
        return settings.replicas().getOrDefault(name, declared);
    }

    /** " [trace <id>]" of the call this thread works for (a dispatched call fails on its replica's thread). */
    private static String traceOfThisThread() {
        Trace trace = CurrentTrace.get();
        return trace == null ? "" : " [trace " + trace.traceId() + "]";
    }

    private static <H> List<H> create(Manager manager, String name, HandlerFactory<? extends H> factory, int count) {
        List<H> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                H instance = factory.create(manager);
                if (instance == null) {
                    throw new IllegalStateException("The factory of '" + name + "' returned null");
                }
                instances.add(instance);
            } catch (RuntimeException e) {
                throw e instanceof IllegalStateException ? e
                        : new IllegalStateException("Creating '" + name + "' failed: " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException("Creating '" + name + "' failed: " + e.getMessage(), e);
            }
        }
        return instances;
    }

    public void start(boolean withServer) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This manager was already started");
        }
        lifecycle.running();
        transport.connectAsync();        // in parallel with the HTTP server's start
        if (withServer) {
            if (settings.apiKey() == null) {
                LOG.log(Level.WARNING, "No API key is set: every route is open to anyone who reaches the port");
            }
            @SuppressWarnings("unchecked")
            FileRoutes routes = new FileRoutes(settings, (FileTarget<UploadHandler>) files.get(FileKind.UPLOAD),
                    (FileTarget<DownloadHandler>) files.get(FileKind.DOWNLOAD),
                    (FileTarget<MetadataHandler>) files.get(FileKind.METADATA));
            front = new HttpFront(settings, targets, routes, lifecycle, this::stop, observability(), tracing);
            try {
                server = HttpServers.start(settings, front, timers);
            } catch (RuntimeException e) {
                stop();             // a failed start leaves nothing running behind it
                throw e;
            }
        }
        try {
            transport.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        topics.start();
        shutdownHook = new Thread(this::stop, "mh-sigterm");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        if (observability != null) {
            observability.started();
        }
    }

    public void stop() {
        // One bound for the whole stop: the drain, the bus's idle wait and the topics share this deadline.
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        if (!lifecycle.drain(settings.shutdownTimeout().toNanos())) {
            return;
        }
        transport.stopTaking();          // what other instances send now waits for them
        awaitIdleHandlers(deadline);
        try {
            HttpFront serving = front;
            if (serving != null) {
                serving.answerRunningCalls();      // 504 before the server closes their connections
            }
            WebServer running = server;
            if (running != null) {
                running.stop();
            }
            topics.stop(deadline);
            targets.values().forEach(RequestTarget::stop);
            timers.shutdownNow();
            transport.close();
        } finally {
            lifecycle.stopped();
            removeShutdownHook();
        }
    }

    /**
     * Waits for the calls queued or running on the bus, which HTTP's in-flight count does not cover (a
     * dispatched call outlives the request that made it). Checked every few milliseconds: this is the
     * shutdown path, never a delivery path.
     */
    private void awaitIdleHandlers(long deadlineNanos) {
        while (!targets.values().stream().allMatch(RequestTarget::idle) && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The JVM is exiting: the hook runs or ran anyway.
            }
        }
    }

    public void awaitShutdown() {
        lifecycle.awaitStopped();
    }

    public int port() {
        WebServer running = server;
        return running == null ? -1 : running.port();
    }

    public Bus bus() {
        return bus;
    }

    public Remote remote() {
        return transport.remote();
    }

    public SharedState state() {
        return state;
    }

    public <I, O> Endpoint<I, O> endpoint(String name, TypeToken<I> input, TypeToken<O> output) {
        RequestTarget<?, ?> target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("No request handler is named '" + name + "'");
        }
        if (!target.inputType().equals(input) || !target.outputType().equals(output)) {
            throw new IllegalArgumentException("Handler '" + name + "' takes " + target.inputType() + " to "
                    + target.outputType() + ", not " + input + " to " + output);
        }
        @SuppressWarnings("unchecked")
        RequestTarget<I, O> typed = (RequestTarget<I, O>) target;
        LocalEndpoint<I, O> local = new LocalEndpoint<>(typed, settings.busTimeout(), onDispatchFailure);
        return transport.endpoint(local, typed, settings.busTimeout());
    }

    public <T> Topic<T> topic(String name, TypeToken<T> type) {
        return topics.topic(name, type);
    }

    /** What {@code /observe/} serves, over every request and file handler of this manager. */
    private Observability observability() {
        List<HandlerSource> sources = new ArrayList<>();
        targets.values().forEach(target -> sources.add(new HandlerSource(target.name(), "request", target.metrics(),
                target.replicas(), target::busyReplicas, target::pending)));
        files.forEach((kind, file) -> sources.add(new HandlerSource(file.name(), kind.name().toLowerCase(Locale.ROOT),
                file.pool().metrics(), file.pool().size(), file.pool()::busy,
                () -> file.pool().busy() + file.pool().waiting())));
        observability = new Observability(sources, topics, lifecycle,
                transport.gauges(targets.keySet()).orElse(null), settings.accessLog());
        return observability;
    }

}
