package io.managerhandlers;

/**
 * Creates one instance of a handler or subscriber, given the manager it belongs to, so that constructors
 * can receive {@code Handlers.of(manager)}, {@code manager.bus()}, {@code manager.state()} and so on.
 * Called once per replica, while the manager starts.
 */
@FunctionalInterface
public interface HandlerFactory<T> {
    T create(Manager manager) throws Exception;
}
