package io.managerhandlers.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.TypeToken;
import io.managerhandlers.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * One client's connection to a manager: the JDK's {@code HttpClient}, the base URI, the key, the timeout. The
 * generated {@code HandlersClient} asks it for an endpoint per handler; users need not touch it.
 */
public final class ClientConnection implements AutoCloseable {
    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;

    ClientConnection(URI base, String apiKey, SSLContext sslContext, Duration timeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)      // the manager serves HTTP/1.1
                .connectTimeout(timeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    /** The handler {@code name}, reading and writing its types as the manager does. */
    public <I, O> ClientEndpoint<I, O> endpoint(String name, TypeToken<I> input, TypeToken<O> output) {
        return new HttpClientEndpoint<>(this, name, input, output);
    }

    /** The manager's file routes. */
    public ClientFiles files() {
        return new ClientFiles(this);
    }

    @Override
    public void close() {
        http.close();
    }

    HttpClient http() {
        return http;
    }

    Duration timeout() {
        return timeout;
    }

    /** A request to {@code path} (starting with '/'), with the key; {@code timeout} null for none. */
    HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /**
     * A reader of {@code type} as the server writes it, for the {@code message} inside the envelope (so what
     * follows the value is the envelope's, not trailing content).
     */
    static ObjectReader messageReader(java.lang.reflect.Type type) {
        return Json.MAPPER.readerFor(Json.MAPPER.getTypeFactory().constructType(type))
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A path segment, percent-encoded (a space is {@code %20}, not {@code +}). */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The {@code message} of an answer {@code {"status":"Ok","message":...}} read by {@code reader}, streaming
     * (a tree would round decimals), or the failure its status means: 500 {@link HandlerException}, 504
     * {@link BusTimeoutException}, 404 ({@code handlerRoute}) {@link NoSuchHandlerException}, anything else
     * {@link ClientException}.
     */
    static <T> T answer(String name, boolean handlerRoute, int status, byte[] body, Duration timeout,
            ObjectReader reader) {
        if (status == 200) {
            try (JsonParser parser = reader.createParser(body)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    boolean ok = false;
                    boolean found = false;
                    T message = null;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        parser.nextToken();
                        if (field.equals("status")) {
                            ok = "Ok".equals(parser.getValueAsString());
                        } else if (field.equals("message")) {
                            message = reader.readValue(parser);
                            found = true;
                        } else {
                            parser.skipChildren();
                        }
                    }
                    if (ok && found) {
                        return message;
                    }
                }
            } catch (IOException e) {
                throw new ClientException(name, status, "Cannot read the answer of '" + name + "': "
                        + e.getMessage(), e);
            }
        }
        throw failure(name, handlerRoute, status, body, timeout);
    }

    private static BusException failure(String name, boolean handlerRoute, int status, byte[] body,
            Duration timeout) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("message");
            if (message.isTextual()) {
                text = message.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not the error envelope: the body as it came
        }
        return switch (status) {
            case 500 -> handlerRoute ? new HandlerException(name, text, null) : new ClientException(name, 500, text, null);
            case 504 -> new BusTimeoutException(name, timeout);
            case 404 -> handlerRoute ? new NoSuchHandlerException(name) : new ClientException(name, 404, text, null);
            case 200 -> new ClientException(name, 200, "Not an answer of a manager: " + text, null);
            default -> new ClientException(name, status, text, null);
        };
    }

    /** What an exception of {@code HttpClient} means for the call to {@code name}. */
    static BusException failure(String name, Throwable e, Duration timeout) {
        if (e instanceof BusException bus) {
            return bus;
        }
        if (e instanceof HttpTimeoutException) {
            return new BusTimeoutException(name, timeout);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new ClientException(name, 0, "Interrupted while calling '" + name + "'", e);
        }
        return new ClientException(name, 0, "Cannot call '" + name + "': " + e, e);
    }
}
