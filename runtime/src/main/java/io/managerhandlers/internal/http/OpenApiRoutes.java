package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.internal.settings.Settings;
import io.managerhandlers.internal.http.FileRoutes;
import io.managerhandlers.internal.openapi.OpenApiDocument;
import io.managerhandlers.internal.openapi.OpenApiUi;
import java.util.Set;

/** {@code GET /openapi} (the document, key required) and {@code GET /openapi/ui[/file]} (Swagger UI, no key). */
final class OpenApiRoutes {
    private final OpenApiDocument document;
    private final OpenApiUi ui;

    OpenApiRoutes(Settings settings, Set<String> handlers, FileRoutes files) {
        this.document = new OpenApiDocument(Set.copyOf(handlers), files.served(), settings.apiKey() != null);
        this.ui = OpenApiUi.find();
    }

    void document(ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(document.json());
    }

    /** {@code rest}: what follows {@code /openapi/ui}: empty for the page, {@code /name} for one of its files. */
    void ui(ServerRequest req, ServerResponse res, String rest) {
        if (ui == null) {
            Responses.refuse(req, res, 404, OpenApiUi.MISSING);
            return;
        }
        OpenApiUi.Asset asset = rest.isEmpty() ? ui.page() : ui.file(rest.substring(1));
        if (asset == null) {
            Responses.refuse(req, res, 404, "Not found");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(asset.bytes());
    }
}
