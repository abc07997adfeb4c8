package io.managerhandlers.test.handwritten;

import io.managerhandlers.Manager;

/** Registered by hand, as the README shows: @ManagerTest finds it by name like a generated one. */
public final class ManagerBootstrap {
    private ManagerBootstrap() {
    }

    public static Manager.Builder manager() {
        return Manager.builder().handler("echo", 1, m -> (data, call) -> data);
    }
}
