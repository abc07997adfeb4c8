package io.managerhandlers.example;

import io.managerhandlers.Manager;

/**
 * Starts the shop: {@code bin/example [port]}. The API key comes from {@code MH_API_KEY} ("secret" when
 * unset, for trying it out). Stop it with Ctrl-C or {@code POST /shutdown}.
 */
public final class ShopService {
    private ShopService() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String apiKey = System.getenv().getOrDefault("MH_API_KEY", "secret");
        Manager manager = ManagerBootstrap.manager()      // generated: every @Handler and @Subscribe here
                .port(port)
                .apiKey(apiKey)
                .state(ShopState.GREETING, "Hello")
                .build()
                .start();
        System.out.println("Shop serving on http://localhost:" + manager.port() + " (try: curl -H 'Authorization: Bearer "
                + apiKey + "' -d '{\"sku\":\"apple\",\"quantity\":3}' localhost:" + manager.port() + "/orders)");
        manager.awaitShutdown();
    }
}
