package ${package};

import io.helidon.config.Config;
import io.managerhandlers.Manager;

/**
 * Starts the service: {@code java -jar target/${artifactId}.jar}. The settings are the {@code manager} node of
 * {@code application.yaml}, overridden by system properties ({@code -Dmanager.port=9090}) and environment
 * variables ({@code MANAGER_PORT=9090}). It stops on {@code POST /shutdown} or SIGTERM, once the calls in
 * flight are done (at most {@code manager.shutdown-timeout}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Manager manager = ManagerBootstrap.manager()         // generated: every @Handler and @Subscribe here
                .config(Config.create().get("manager"))      // application.yaml, system properties, environment
                .build()
                .start();
        System.out.println("Serving on http://localhost:" + manager.port() + " (try: curl -d Ada localhost:"
                + manager.port() + "/hello)");
        manager.awaitShutdown();
    }
}
