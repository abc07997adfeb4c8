package io.managerhandlers.internal.files;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.Call;
import io.managerhandlers.DownloadHandler;
import io.managerhandlers.FileContent;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.internal.Settings;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.ReplicaPool;
import io.managerhandlers.internal.http.Peers;
import io.managerhandlers.internal.http.Responses;
import io.managerhandlers.internal.json.Json;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.OptionalLong;

/** The three file routes under {@code /stream/}, each served by the one handler of its kind, if any. */
public final class FileRoutes {
    private static final System.Logger LOG = System.getLogger(FileRoutes.class.getName());

    /** One file handler and its replicas. */
    public record FileTarget<H>(String name, ReplicaPool<H> pool) {
    }

    private final Settings settings;
    private final FileTarget<UploadHandler> upload;
    private final FileTarget<DownloadHandler> download;
    private final FileTarget<MetadataHandler> metadata;

    public FileRoutes(Settings settings, FileTarget<UploadHandler> upload, FileTarget<DownloadHandler> download,
            FileTarget<MetadataHandler> metadata) {
        this.settings = settings;
        this.upload = upload;
        this.download = download;
        this.metadata = metadata;
    }

    /** Serves {@code /stream/<rest>}; {@code rest} is still percent-encoded. */
    public void handle(ServerRequest req, ServerResponse res, String rest, Method method) {
        int slash = rest.indexOf('/');
        String route = slash < 0 ? rest : rest.substring(0, slash);
        String id = slash < 0 ? null : PathSegments.decode(rest.substring(slash + 1));
        FileTarget<?> target = switch (route) {
            case "upload" -> upload;
            case "download" -> download;
            case "metadata" -> metadata;
            default -> null;
        };
        if (target == null || id == null || id.isEmpty()) {
            Responses.error(res, 404, "Not found");
            return;
        }
        boolean isUpload = route.equals("upload");
        if (isUpload ? !method.equals(Method.POST) : !(method.equals(Method.GET) || method.equals(Method.POST))) {
            res.header(HeaderNames.ALLOW, isUpload ? "POST" : "GET, POST");
            Responses.error(res, 405, "Method not allowed: use " + (isUpload ? "POST" : "GET or POST"));
            return;
        }
        try {
            switch (route) {
                case "upload" -> upload(req, res, id);
                case "download" -> withReplica(req, res, download, h -> download(res, h.download(call(req, download), id)));
                default -> withReplica(req, res, metadata, h -> metadata(res, h.metadata(call(req, metadata), id)));
            }
        } catch (NoSuchFileException e) {
            Responses.error(res, 404, "File not found: " + id);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "File route /stream/" + route + " failed", e);
            if (!res.isSent()) {
                Responses.error(res, 500, "Internal server error: " + e.getMessage());
            }
        }
    }

    private void upload(ServerRequest req, ServerResponse res, String fileName) throws Exception {
        long approximate;
        try {
            approximate = Long.parseLong(req.headers().first(HeaderNames.create("Approximate-Size")).orElse(""));
        } catch (NumberFormatException e) {
            Responses.error(res, 400, "Missing or invalid Approximate-Size header: a number of bytes is required");
            return;
        }
        if (approximate < 0) {
            Responses.error(res, 400, "Invalid Approximate-Size header: it must not be negative");
            return;
        }
        OptionalLong declared = req.headers().contentLength();
        if (approximate > settings.maxUploadBytes()
                || declared.isPresent() && declared.getAsLong() > settings.maxUploadBytes()) {
            res.header(io.helidon.http.HeaderValues.CONNECTION_CLOSE);
            Responses.error(res, 413, "Payload too large: the limit is " + settings.maxUploadBytes() + " bytes");
            return;
        }
        withReplica(req, res, upload, h -> {
            try (InputStream body = req.content().inputStream()) {
                String id = h.upload(call(req, upload), body, fileName, approximate);
                Responses.ok(res, Json.MAPPER.writeValueAsBytes(id));
            }
        });
    }

    private static void download(ServerResponse res, FileContent content) throws Exception {
        if (content == null) {
            throw new NoSuchFileException("absent");
        }
        long length = content.length();
        res.header(HeaderNames.CONTENT_TYPE, content.contentType());
        if (length >= 0) {
            res.contentLength(length);
        }
        try (InputStream in = content.open(); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        }
    }

    private static void metadata(ServerResponse res, Object value) throws Exception {
        if (value == null) {
            throw new NoSuchFileException("absent");
        }
        Responses.ok(res, value instanceof String text
                ? Json.MAPPER.writeValueAsString(text).getBytes(StandardCharsets.UTF_8)
                : Json.MAPPER.writeValueAsBytes(value));
    }

    private CallInfo call(ServerRequest req, FileTarget<?> target) {
        return new CallInfo(Call.HTTP, target.name(), System.nanoTime() + settings.requestTimeout().toNanos(),
                Peers.address(req), name -> req.headers().first(HeaderNames.create(name)), Peers.clientName(req));
    }

    private interface Work<H> {
        void run(H handler) throws Exception;
    }

    /** Runs on the request's own thread once a replica is free; 503 when none frees up in time. */
    private <H> void withReplica(ServerRequest req, ServerResponse res, FileTarget<H> target, Work<H> work)
            throws Exception {
        H handler = target.pool().acquire(System.nanoTime() + settings.requestTimeout().toNanos());
        if (handler == null) {
            Responses.error(res, 503, "Service unavailable: no replica of '" + target.name()
                    + "' was free within the request timeout");
            return;
        }
        try {
            work.run(handler);
        } finally {
            target.pool().release(handler);
        }
    }
}
