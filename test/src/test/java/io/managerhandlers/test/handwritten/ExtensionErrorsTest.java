package io.managerhandlers.test.handwritten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.managerhandlers.Manager;
import io.managerhandlers.test.ManagerTest;
import io.managerhandlers.test.NoBootstrapCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Test classes run through the JUnit launcher, to see how @ManagerTest fails: with a message that says why. */
class ExtensionErrorsTest {
    @Test
    void aHandwrittenBootstrapServesAndAClientWithoutConnectIsAClearParameterError() {
        List<String> failures = run(WantsClient.class);
        assertThat(failures).containsExactlyInAnyOrder("ok", "ParameterResolutionException: @ManagerTest cannot give a "
                + HandlersClient.class.getName() + ": it has no public static connect(URI, String); the processor"
                + " that generates HandlersClient (with connect(URI base, String apiKey)) is newer than the one that"
                + " compiled this package: build with the same manager-handlers version for runtime, processor and test");
    }

    @Test
    void aConfigureMethodThatIsNotStaticIsNamed() {
        assertThat(run(BadConfigure.class)).containsExactly("ExtensionConfigurationException: @ManagerTest.Configure"
                + " method " + BadConfigure.class.getName() + ".configure must be static and take exactly one"
                + " Manager.Builder: static void configure(Manager.Builder builder)");
    }

    @Test
    void aPackageWithoutBootstrapSaysWhereItLooked() {
        assertThat(run(NoBootstrapCase.class)).singleElement().asString()
                .startsWith("ExtensionConfigurationException: @ManagerTest on " + NoBootstrapCase.class.getName()
                        + " found no generated ManagerBootstrap in package 'io.managerhandlers.test'");
    }

    /** Runs a class's tests; the failures as "ExceptionType: message", successes as "ok". */
    static List<String> run(Class<?> testClass) {
        List<String> outcomes = new ArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            Throwable thrown = result.getThrowable().orElseThrow();
                            outcomes.add(thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
                        } else if (id.isTest()) {
                            outcomes.add("ok");
                        }
                    }
                });
        return outcomes;
    }

    @ManagerTest
    static class WantsClient {
        @Test
        void echoes(Manager manager) {
            assertThat(manager.bus().publish("echo", "x")).isEqualTo("x");
        }

        @Test
        void wantsAClient(HandlersClient client) {
        }
    }

    @ManagerTest
    static class BadConfigure {
        @ManagerTest.Configure
        void configure(Manager.Builder builder) {
        }

        @Test
        void neverRuns() {
        }
    }
}
