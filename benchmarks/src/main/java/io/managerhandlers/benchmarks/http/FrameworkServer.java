package io.managerhandlers.benchmarks.http;

import io.managerhandlers.Manager;
import java.time.Duration;

/**
 * The benchmark route served by the framework: {@code POST /quote}, a JSON record in and out, behind the API
 * key. Also the routes of the load, overload and shutdown runs:
 * {@code POST /work} (sleeps the number of milliseconds it is given, 4 replicas) and {@code POST /slow}
 * (the same, 64 replicas).
 *
 * <pre>java -cp benchmarks.jar io.managerhandlers.benchmarks.http.FrameworkServer PORT [maxRequests]</pre>
 */
public final class FrameworkServer {
    private FrameworkServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int maxRequests = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        Manager manager = Manager.builder()
                .port(port)
                .host("127.0.0.1")
                .apiKey("secret")
                .maxRequests(maxRequests)
                .requestTimeout(Duration.ofSeconds(2))
                .shutdownTimeout(Duration.ofSeconds(10))
                .handler("quote", 64, Quote.Request.class, Quote.Answer.class, m -> (request, call) -> Quote.price(request))
                .handler("work", 4, m -> (data, call) -> {
                    Thread.sleep(Long.parseLong(data.trim()));
                    return data;
                })
                .handler("slow", 64, m -> (data, call) -> {
                    Thread.sleep(Long.parseLong(data.trim()));
                    return data;
                })
                .build()
                .start();
        System.out.println("READY " + manager.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        manager.awaitShutdown();
        System.out.println("STOPPED");
    }
}
