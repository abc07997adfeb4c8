package io.managerhandlers.example;

import io.helidon.config.Config;
import io.managerhandlers.Manager;

/**
 * Starts the shop: {@code bin/example [port]}, or {@code java -jar target/manager-handlers-example.jar [port]}.
 * The settings come from {@code application.yaml} (the {@code manager} node), overridden by system properties
 * ({@code -Dmanager.port=9090}) and environment variables ({@code MANAGER_PORT=9090}); a port given as the
 * first argument wins. The API key is {@code MH_API_KEY}, or the file's ("secret", for trying it out). Stop
 * it with Ctrl-C (SIGTERM) or {@code POST /shutdown}.
 */
public final class ShopService {
    private ShopService() {
    }

    public static void main(String[] args) {
        Config config = Config.create();                     // application.yaml, system properties, environment
        Manager.Builder builder = ManagerBootstrap.manager() // generated: every @Handler and @Subscribe here
                .config(config.get("manager"))
                .state(ShopState.GREETING, "Hello");
        if (args.length > 0) {
            builder.port(Integer.parseInt(args[0]));
        }
        String apiKey = System.getenv("MH_API_KEY");
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        Manager manager = builder.build().start();
        System.out.println("Shop serving on http://localhost:" + manager.port() + " (try: curl -H 'Authorization: Bearer "
                + (apiKey != null ? apiKey : "secret") + "' -d '{\"sku\":\"apple\",\"quantity\":3}' localhost:"
                + manager.port() + "/orders)");
        manager.awaitShutdown();
    }
}
