package io.managerhandlers.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.managerhandlers.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document the manager serves at {@code GET /openapi}: the documents the processor wrote
 * ({@code META-INF/manager-handlers/openapi.json}, one per compilation, from any jar) merged, kept to the handlers
 * this manager has, with a plain entry for a handler registered by hand, the file routes it serves, and no
 * security requirement when it has no API key. Made once, on first request.
 */
public final class OpenApiDocument {
    /** Where the processor writes each compilation's document. */
    public static final String RESOURCE = "META-INF/manager-handlers/openapi.json";
    private static final String OWN = "/io/managerhandlers/internal/openapi/";

    private final Set<String> handlers;
    private final Set<String> fileRoutes;
    private final boolean apiKey;
    private final ClassLoader loader;
    private volatile byte[] json;

    /**
     * @param handlers the request handlers' names
     * @param fileRoutes which of {@code upload}, {@code download}, {@code metadata} are served
     * @param apiKey whether a key is required
     */
    public OpenApiDocument(Set<String> handlers, Set<String> fileRoutes, boolean apiKey) {
        this.handlers = handlers;
        this.fileRoutes = fileRoutes;
        this.apiKey = apiKey;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.loader = context != null ? context : OpenApiDocument.class.getClassLoader();
    }

    /** The document as JSON bytes. */
    public byte[] json() {
        byte[] made = json;
        if (made == null) {
            made = make();
            json = made;
        }
        return made;
    }

    private byte[] make() {
        ObjectNode document = (ObjectNode) own("base.json");
        ObjectNode paths = (ObjectNode) document.get("paths");
        ObjectNode components = (ObjectNode) document.get("components");
        List<JsonNode> generated = generated();
        if (generated.size() == 1 && generated.get(0).has("info")) {
            document.set("info", generated.get(0).get("info"));
        }
        for (JsonNode one : generated) {
            one.path("paths").properties().forEach(path -> {
                if (handlers.contains(path.getKey().substring(1)) && !paths.has(path.getKey())) {
                    paths.set(path.getKey(), path.getValue());
                }
            });
            one.path("components").properties().forEach(kind -> {
                ObjectNode mine = components.has(kind.getKey()) ? (ObjectNode) components.get(kind.getKey())
                        : components.putObject(kind.getKey());
                kind.getValue().properties().forEach(entry -> {
                    if (!mine.has(entry.getKey())) {
                        mine.set(entry.getKey(), entry.getValue());
                    }
                });
            });
        }
        for (String handler : handlers) {
            if (!paths.has("/" + handler)) {
                paths.set("/" + handler, unknownTypes(handler));
            }
        }
        JsonNode files = own("file-routes.json");
        for (String route : List.of("upload", "download", "metadata")) {
            if (fileRoutes.contains(route)) {
                files.get(route).properties().forEach(path -> paths.set(path.getKey(), path.getValue()));
            }
        }
        sort(paths);
        components.properties().forEach(kind -> sort((ObjectNode) kind.getValue()));
        if (!apiKey) {
            document.remove("security");
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handler registered without the processor: its types are unknown here, any JSON is shown. */
    private static JsonNode unknownTypes(String handler) {
        ObjectNode post = Json.MAPPER.createObjectNode();
        ObjectNode operation = post.putObject("post");
        operation.put("operationId", handler);
        operation.put("description", "Registered without the annotation processor: its types are not described.");
        operation.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").putObject("schema");
        ObjectNode ok = operation.putObject("responses").putObject("200");
        ok.put("description", "The handler's answer.");
        ok.putObject("content").putObject("application/json").putObject("schema")
                .put("type", "object").putObject("properties").putObject("status").put("const", "Ok");
        for (String[] error : new String[][] {{"400", "BadRequest"}, {"401", "Unauthorized"},
                {"500", "InternalServerError"}, {"503", "ServiceUnavailable"}, {"504", "GatewayTimeout"}}) {
            ((ObjectNode) operation.get("responses")).putObject(error[0])
                    .put("$ref", "#/components/responses/" + error[1]);
        }
        return post;
    }

    /** Every compilation's document on the class path, in a fixed order (by URL). */
    private List<JsonNode> generated() {
        List<URL> urls;
        try {
            urls = new ArrayList<>(Collections.list(loader.getResources(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + RESOURCE, e);
        }
        urls.sort(Comparator.comparing(URL::toString));
        List<JsonNode> documents = new ArrayList<>();
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                documents.add(Json.MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the OpenAPI document " + url, e);
            }
        }
        return documents;
    }

    private static JsonNode own(String name) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OWN + name)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sort(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList());
        entries.sort(Map.Entry.comparingByKey());
        node.removeAll();
        entries.forEach(entry -> node.set(entry.getKey(), entry.getValue()));
    }
}
