package io.managerhandlers.test;

import org.junit.jupiter.api.Test;

/** Run by ExtensionErrorsTest only (no "Test" suffix): no package from here up has a ManagerBootstrap. */
@ManagerTest
public class NoBootstrapCase {
    @Test
    void neverRuns() {
    }
}
