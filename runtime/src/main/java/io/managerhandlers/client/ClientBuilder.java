package io.managerhandlers.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Settings of a client: {@code HandlersClient.builder(base).apiKey("secret").timeout(Duration.ofSeconds(5))
 * .build()}.
 *
 * @param <C> the generated client it builds
 */
public final class ClientBuilder<C> {
    /** The default timeout of a call, the bus's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final URI base;
    private final Function<ClientConnection, C> client;
    private String apiKey;
    private SSLContext sslContext;
    private Duration timeout = DEFAULT_TIMEOUT;

    /** For the generated {@code HandlersClient}: {@code base} is {@code http(s)://host:port}. */
    public ClientBuilder(URI base, Function<ClientConnection, C> client) {
        this.base = Objects.requireNonNull(base, "base");
        this.client = Objects.requireNonNull(client, "client");
        if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
            throw new IllegalArgumentException("The base URI must be http:// or https://, not " + base);
        }
    }

    /** The manager's API key, sent as {@code Authorization: Bearer <key>}; null sends none. */
    public ClientBuilder<C> apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /**
     * The TLS context for an {@code https} base: its trust store verifies the server; its key store, if any,
     * gives the client certificate of mutual TLS. The JDK's default without it.
     */
    public ClientBuilder<C> sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** How long a call waits for its answer, and a connection for its set-up (default 120 s). */
    public ClientBuilder<C> timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    public C build() {
        return client.apply(new ClientConnection(base, apiKey, sslContext, timeout));
    }
}
