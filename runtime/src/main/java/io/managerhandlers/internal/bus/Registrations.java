package io.managerhandlers.internal.bus;

import io.managerhandlers.DownloadHandler;
import io.managerhandlers.HandlerFactory;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.Subscriptions;
import io.managerhandlers.TypeToken;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.annotations.NameRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/** What a builder was told to register, checked as it is told (names, duplicates, one handler per file kind). */
public final class Registrations {
    /** First path segments the framework serves itself. */

    /** The three kinds of file handler, each served at its own route. */
    public enum FileKind { UPLOAD, DOWNLOAD, METADATA }

    /** A request handler to instantiate. */
    public record RequestDefinition<I, O>(String name, int replicas, TypeToken<I> input, TypeToken<O> output,
            HandlerFactory<? extends RequestHandler<I, O>> factory) {
    }

    /** A file handler to instantiate. */
    public record FileDefinition(FileKind kind, String name, int replicas, HandlerFactory<?> factory) {
    }

    /** A subscriber to instantiate and bind. */
    public record SubscriberDefinition<S>(HandlerFactory<? extends S> factory, BiConsumer<S, Subscriptions> binder) {
    }

    private final Map<String, RequestDefinition<?, ?>> requests = new LinkedHashMap<>();
    private final Map<FileKind, FileDefinition> files = new LinkedHashMap<>();
    private final List<SubscriberDefinition<?>> subscribers = new ArrayList<>();

    public <I, O> void request(String name, int replicas, TypeToken<I> input, TypeToken<O> output,
            HandlerFactory<? extends RequestHandler<I, O>> factory) {
        checkName(name, replicas);
        requests.put(name, new RequestDefinition<>(name, replicas, Objects.requireNonNull(input, "input"),
                Objects.requireNonNull(output, "output"), Objects.requireNonNull(factory, "factory")));
    }

    public void upload(String name, int replicas, HandlerFactory<? extends UploadHandler> factory) {
        file(FileKind.UPLOAD, name, replicas, factory);
    }

    public void download(String name, int replicas, HandlerFactory<? extends DownloadHandler> factory) {
        file(FileKind.DOWNLOAD, name, replicas, factory);
    }

    public void metadata(String name, int replicas, HandlerFactory<? extends MetadataHandler> factory) {
        file(FileKind.METADATA, name, replicas, factory);
    }

    public <S> void subscriber(HandlerFactory<? extends S> factory, BiConsumer<S, Subscriptions> binder) {
        subscribers.add(new SubscriberDefinition<>(Objects.requireNonNull(factory, "factory"),
                Objects.requireNonNull(binder, "binder")));
    }

    public List<RequestDefinition<?, ?>> requests() {
        return List.copyOf(requests.values());
    }

    public List<FileDefinition> files() {
        return List.copyOf(files.values());
    }

    public List<SubscriberDefinition<?>> subscribers() {
        return List.copyOf(subscribers);
    }

    /** Every handler name registered, request and file handlers alike. */
    public boolean hasName(String name) {
        return requests.containsKey(name) || files.values().stream().anyMatch(f -> f.name().equals(name));
    }

    private void file(FileKind kind, String name, int replicas, HandlerFactory<?> factory) {
        checkName(name, replicas);
        FileDefinition previous = files.get(kind);
        if (previous != null) {
            throw new IllegalStateException("Two " + kind.name().toLowerCase() + " handlers: '" + previous.name()
                    + "' and '" + name + "'; a service has at most one of each file kind");
        }
        files.put(kind, new FileDefinition(kind, name, replicas, Objects.requireNonNull(factory, "factory")));
    }

    private void checkName(String name, int replicas) {
        if (!NameRules.isHandlerName(name)) {
            throw new IllegalArgumentException("Handler name '" + name + "' must match " + NameRules.HANDLER_NAME);
        }
        if (NameRules.isReserved(name)) {
            throw new IllegalArgumentException("Handler name '" + name + "' is reserved: " + NameRules.RESERVED
                    + " are routes of the framework");
        }
        if (hasName(name)) {
            throw new IllegalStateException("Two handlers are named '" + name + "'");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("Handler '" + name + "' needs at least 1 replica, not " + replicas);
        }
    }
}
