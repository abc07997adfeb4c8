package io.managerhandlers.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The manager's file routes, streamed both ways in constant memory: the upload is read from its file as it is
 * sent, the download written to its file as it arrives. No timeout applies to the transfer itself (a large
 * file takes what it takes); the connection's set-up has the client's. A failure is a {@link ClientException}
 * with the status (404: no such file, or no such file handler).
 */
public final class ClientFiles {
    private static final ObjectReader TEXT = ClientConnection.messageReader(String.class);
    private static final ObjectReader TREE = ClientConnection.messageReader(JsonNode.class);
    private final ClientConnection connection;

    ClientFiles(ClientConnection connection) {
        this.connection = connection;
    }

    /** Uploads {@code file} under its file name ({@code POST /stream/upload/{name}}); the id the handler gave. */
    public String upload(Path file) {
        String fileName = file.getFileName().toString();
        try {
            HttpRequest request = connection.request("/stream/upload/" + ClientConnection.segment(fileName), null)
                    .header("Approximate-Size", Long.toString(Files.size(file)))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file))
                    .build();
            HttpResponse<byte[]> response = connection.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            return ClientConnection.answer("upload", false, response.statusCode(), response.body(),
                    connection.timeout(), TEXT);
        } catch (IOException e) {
            if (e instanceof java.nio.file.NoSuchFileException) {
                throw new UncheckedIOException("No file to upload: " + file, e);
            }
            throw ClientConnection.failure("upload", e, connection.timeout());
        } catch (InterruptedException e) {
            throw ClientConnection.failure("upload", e, connection.timeout());
        }
    }

    /** Downloads the file {@code id} into {@code target} (replaced); written only once the manager said 200. */
    public void download(String id, Path target) {
        HttpRequest request = connection.request("/stream/download/" + ClientConnection.segment(id), null)
                .GET().build();
        BodyHandler<byte[]> toFileOrError = info -> info.statusCode() == 200
                ? BodySubscribers.mapping(BodySubscribers.ofFile(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), path -> null)
                : BodySubscribers.ofByteArray();
        try {
            HttpResponse<byte[]> response = connection.http().send(request, toFileOrError);
            if (response.statusCode() != 200) {
                ClientConnection.answer("download", false, response.statusCode(), response.body(),
                        connection.timeout(), TEXT);
            }
        } catch (IOException | InterruptedException e) {
            throw ClientConnection.failure("download", e, connection.timeout());
        }
    }

    /** The metadata of the file {@code id}, as JSON text ({@code GET /stream/metadata/{id}}'s message). */
    public String metadata(String id) {
        HttpRequest request = connection.request("/stream/metadata/" + ClientConnection.segment(id),
                connection.timeout()).GET().build();
        try {
            HttpResponse<byte[]> response = connection.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            return ClientConnection.<JsonNode>answer("metadata", false, response.statusCode(), response.body(),
                    connection.timeout(), TREE).toString();
        } catch (IOException | InterruptedException e) {
            throw ClientConnection.failure("metadata", e, connection.timeout());
        }
    }
}
