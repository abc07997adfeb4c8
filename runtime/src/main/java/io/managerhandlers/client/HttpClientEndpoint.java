package io.managerhandlers.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.managerhandlers.TypeToken;
import io.managerhandlers.internal.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code POST /{name}}: the input as the server reads it (raw text for a String, JSON otherwise), the answer back. */
final class HttpClientEndpoint<I, O> implements ClientEndpoint<I, O> {
    private final ClientConnection connection;
    private final String name;
    private final String path;
    private final boolean rawInput;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    HttpClientEndpoint(ClientConnection connection, String name, TypeToken<I> input, TypeToken<O> output) {
        this.connection = connection;
        this.name = name;
        this.path = "/" + ClientConnection.segment(name);
        this.rawInput = input.rawType() == String.class;
        JavaType inputType = Json.MAPPER.getTypeFactory().constructType(input.type());
        this.writer = Json.MAPPER.writerFor(inputType);
        this.reader = ClientConnection.messageReader(output.type());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public O publish(I input) {
        return publish(input, connection.timeout());
    }

    @Override
    public O publish(I input, Duration timeout) {
        HttpRequest request = request(input, timeout);
        HttpResponse<byte[]> response;
        try {
            response = connection.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw ClientConnection.failure(name, e, timeout);
        }
        return answer(response, timeout);
    }

    @Override
    public CompletableFuture<O> publishAsync(I input) {
        Duration timeout = connection.timeout();
        HttpRequest request;
        try {
            request = request(input, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.http().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw ClientConnection.failure(name, cause, timeout);
                    }
                    return answer(response, timeout);
                });
    }

    private HttpRequest request(I input, Duration timeout) {
        byte[] body;
        String type;
        if (rawInput) {
            body = ((String) input).getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else {
            try {
                body = writer.writeValueAsBytes(input);
            } catch (JsonProcessingException e) {
                throw new ClientException(name, 0, "Cannot write the input of '" + name + "' as JSON: "
                        + e.getOriginalMessage(), e);
            }
            type = "application/json";
        }
        return connection.request(path, timeout)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private O answer(HttpResponse<byte[]> response, Duration timeout) {
        return ClientConnection.answer(name, true, response.statusCode(), response.body(), timeout, reader);
    }
}
