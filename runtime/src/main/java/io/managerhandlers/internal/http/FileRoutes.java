package io.managerhandlers.internal.http;

import static io.managerhandlers.internal.http.Responses.refuse;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.managerhandlers.DownloadHandler;
import io.managerhandlers.FileContent;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.internal.bus.CallInfo;
import io.managerhandlers.internal.bus.HandlerMetrics;
import io.managerhandlers.internal.bus.ReplicaPool;
import io.managerhandlers.internal.files.ContentDisposition;
import io.managerhandlers.internal.files.DiskFull;
import io.managerhandlers.internal.files.FileRouteException;
import io.managerhandlers.internal.json.Json;
import io.managerhandlers.internal.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The three file routes under {@code /stream/}, each served by the one handler of its kind, if any:
 * {@code POST upload/<file_name>}, {@code GET|POST download/<file_id>}, {@code GET|POST metadata/<file_id>}.
 *
 * <p>Uploads reach their handler as the connection's own stream, counted against {@code maxUploadBytes}.
 * A file to download goes out with {@code sendfile} after its first block where {@link FileSend} allows (plain
 * HTTP), else in large blocks read from its channel into the response stream (TLS; a wrapped stream).
 */
public final class FileRoutes {
    private static final System.Logger LOG = System.getLogger(FileRoutes.class.getName());
    private static final int DOWNLOAD_BUFFER = 256 * 1024;
    private static final int STREAM_BUFFER = 64 * 1024;

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

    /** Whether the response's head is gone, so that no error can be answered any more. */
    private static final class Progress {
        boolean streaming;
    }

    /** Serves {@code /stream/<rest>}; {@code rest} is still percent-encoded. */
    public void handle(ServerRequest req, ServerResponse res, String rest, Method method) {
        int slash = rest.indexOf('/');
        String route = slash < 0 ? rest : rest.substring(0, slash);
        String raw = slash < 0 ? "" : rest.substring(slash + 1);
        boolean isUpload = route.equals("upload");
        FileTarget<?> target = switch (route) {
            case "upload" -> upload;
            case "download" -> download;
            case "metadata" -> metadata;
            default -> null;
        };
        if (!(isUpload || route.equals("download") || route.equals("metadata"))
                || raw.isEmpty() || raw.indexOf('/') >= 0) {
            refuse(req, res, 404, "Not found");
            return;
        }
        if (isUpload ? !method.equals(Method.POST) : !(method.equals(Method.GET) || method.equals(Method.POST))) {
            res.header(HeaderNames.ALLOW, isUpload ? "POST" : "GET, POST");
            refuse(req, res, 405, "Method not allowed: use " + (isUpload ? "POST" : "GET or POST"));
            return;
        }
        if (target == null) {
            refuse(req, res, 404, "Not found: no " + route + " handler is registered");
            return;
        }
        String segment = PathSegments.decode(raw);
        if (segment == null) {
            if (isUpload) {
                refuse(req, res, 400, "Invalid file name: malformed percent-encoding or UTF-8");
            } else {
                refuse(req, res, 404, "File not found");
            }
            return;
        }
        Progress progress = new Progress();
        try {
            switch (route) {
                case "upload" -> upload(req, res, segment);
                case "download" -> withReplica(req, res, download,
                        h -> download(res, h.download(call(req, download), segment), progress));
                default -> withReplica(req, res, metadata,
                        h -> metadata(res, h.metadata(call(req, metadata), segment)));
            }
        } catch (CloseConnectionException e) {
            throw e;
        } catch (Throwable e) {
            failed(req, res, route, segment, e, progress);
        }
    }

    private void upload(ServerRequest req, ServerResponse res, String fileName) throws Exception {
        long max = settings.maxUploadBytes();
        String header = req.headers().first(HeaderNames.create("Approximate-Size")).orElse(null);
        long approximate;
        try {
            approximate = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            refuse(req, res, 400, "Invalid Approximate-Size header: a number of bytes is required");
            return;
        }
        if (header == null) {
            refuse(req, res, 400, "Missing Approximate-Size header: the upload's size in bytes is required");
            return;
        }
        if (approximate < 0) {
            refuse(req, res, 400, "Invalid Approximate-Size header: it must not be negative");
            return;
        }
        OptionalLong declared = req.headers().contentLength();
        if (approximate > max || declared.isPresent() && declared.getAsLong() > max) {
            tooLarge(req, res);
            return;
        }
        withReplica(req, res, upload, h -> {
            LimitedInputStream body = new LimitedInputStream(req.content().inputStream(), max);
            String id;
            try (body) {
                id = h.upload(call(req, upload), body, fileName, approximate);
            }
            if (body.exceeded()) {
                // The handler swallowed the exception: the body was cut all the same.
                throw new UploadTooLargeException(max);
            }
            if (id == null) {
                throw new IllegalStateException("the upload handler returned no id");
            }
            byte[] answer = Json.MAPPER.writeValueAsBytes(id);
            boolean unread = !req.content().consumed();
            if (unread) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
            Responses.ok(res, answer);
            if (unread) {
                // The handler left part of the body unread: rather than drain it, close (see refuse).
                throw Responses.closeUnread("Closed: the upload handler left the request body unread");
            }
        });
    }

    private static void download(ServerResponse res, FileContent content, Progress progress) throws Exception {
        if (content == null) {
            throw new NoSuchFileException("absent");
        }
        res.header(HeaderNames.CONTENT_TYPE, content.contentType());
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        Optional<String> name = content.fileName();
        if (name.isPresent()) {
            res.header(HeaderNames.CONTENT_DISPOSITION, ContentDisposition.attachment(name.get()));
        }
        Optional<Path> path = content.path();
        if (path.isPresent()) {
            try (FileChannel file = FileChannel.open(path.get(), StandardOpenOption.READ)) {
                long length = file.size();
                res.contentLength(length);
                progress.streaming = true;
                OutputStream out = res.outputStream();
                send(file, length, out);
                out.close();
            }
            return;
        }
        long length = content.length();
        try (InputStream in = content.open()) {
            if (length >= 0) {
                res.contentLength(length);
            }
            progress.streaming = true;
            OutputStream out = res.outputStream();
            byte[] buffer = new byte[STREAM_BUFFER];
            long sent = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                sent += n;
            }
            if (length >= 0 && sent != length) {
                throw new IOException("The download's stream gave " + sent + " bytes, not the " + length
                        + " announced");
            }
            out.close();
        }
    }

    /**
     * Sends {@code length} bytes of {@code file}: the first block through {@code out} (with the answer's head),
     * the rest with {@code sendfile} where the connection allows, else large positional reads into one buffer,
     * written out whole.
     */
    private static void send(FileChannel file, long length, OutputStream out) throws IOException {
        if (length == 0) {
            return;
        }
        SocketChannel socket = length > FileSend.FIRST_BLOCK ? FileSend.channel(out) : null;
        byte[] array = new byte[(int) Math.min(socket != null ? FileSend.FIRST_BLOCK : DOWNLOAD_BUFFER, length)];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        long position = 0;
        while (position < length) {
            if (socket != null && position > 0) {
                out.flush();
                FileSend.send(file, position, length, socket);
                return;
            }
            buffer.clear().limit((int) Math.min(array.length, length - position));
            while (buffer.hasRemaining()) {
                if (file.read(buffer, position + buffer.position()) < 0) {
                    throw FileSend.shrank(position + buffer.position(), length);
                }
            }
            out.write(array, 0, buffer.limit());
            position += buffer.limit();
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

    /** Answers a failure with its status, or cuts the connection when the response has already begun. */
    private void failed(ServerRequest req, ServerResponse res, String route, String segment, Throwable e,
            Progress progress) {
        if (progress.streaming || res.isSent()) {
            LOG.log(Level.DEBUG, () -> "/stream/" + route + " stopped mid-response: " + e);
            throw new CloseConnectionException("The response was cut: " + e.getMessage(), e);
        }
        FileRouteException refusal = find(e, FileRouteException.class);
        RequestException malformed = find(e, RequestException.class);
        if (tooLarge(e)) {
            tooLarge(req, res);
        } else if (find(e, DataReader.InsufficientDataAvailableException.class) != null) {
            // The client stopped sending (it may still read): one line, no trace; the store kept nothing.
            LOG.log(Level.INFO, () -> "/stream/" + route + ": the body ended before its declared length");
            refuse(req, res, 400, "Invalid body: it ended before its declared length", true);
        } else if (malformed != null && malformed.status().code() == 400) {
            refuse(req, res, 400, "Invalid body: malformed chunked transfer coding", true);
        } else if (isAbort(e) && !settings.debug()) {
            LOG.log(Level.INFO, () -> "/stream/" + route + ": the client went away mid-request: " + e);
            throw new CloseConnectionException("The client went away", e);
        } else if (refusal != null) {
            refuse(req, res, refusal.status(), refusal.getMessage());
        } else if (DiskFull.is(e)) {
            refuse(req, res, 507, "Insufficient storage: the disk is full");
        } else if (!route.equals("upload") && find(e, NoSuchFileException.class) != null) {
            refuse(req, res, 404, "File not found: "
                    + (segment.length() > 100 ? segment.substring(0, 100) + "..." : segment));
        } else {
            if (settings.debug() || !isAbort(e)) {
                LOG.log(Level.WARNING, "File route /stream/" + route + " failed", e);
            }
            refuse(req, res, 500, io.managerhandlers.internal.http.ErrorMessages.capped("Internal server error: " + e.getMessage()));
        }
    }

    private static boolean tooLarge(Throwable e) {
        if (find(e, UploadTooLargeException.class) != null) {
            return true;
        }
        RequestException helidon = find(e, RequestException.class);
        return helidon != null && helidon.status().code() == 413;
    }

    private static boolean isAbort(Throwable e) {
        return find(e, java.net.SocketException.class) != null || find(e, java.io.EOFException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    private void tooLarge(ServerRequest req, ServerResponse res) {
        refuse(req, res, 413, "Payload too large: the limit is " + settings.maxUploadBytes() + " bytes", true);
    }

    private CallInfo call(ServerRequest req, FileTarget<?> target) {
        return Peers.call(req, target.name(), settings.requestTimeout());
    }

    private interface Work<H> {
        void run(H handler) throws Exception;
    }

    /** Runs on the request's own thread once a replica is free; 503 when none frees up in time. */
    private <H> void withReplica(ServerRequest req, ServerResponse res, FileTarget<H> target, Work<H> work)
            throws Exception {
        H handler = target.pool().acquire(System.nanoTime() + settings.requestTimeout().toNanos());
        if (handler == null) {
            target.pool().metrics().timedOut();
            refuse(req, res, 503, "Service unavailable: no replica of '" + target.name()
                    + "' was free within the request timeout");
            return;
        }
        HandlerMetrics.Replica counters = target.pool().counters();
        counters.started();
        long start = System.nanoTime();
        boolean failed = true;
        try {
            work.run(handler);
            failed = false;
        } finally {
            counters.finished(start, System.nanoTime(), failed);
            target.pool().release(handler);
        }
    }

    /** Which of {@code upload}, {@code download} and {@code metadata} have a handler (for the OpenAPI document). */
    public java.util.Set<String> served() {
        java.util.Set<String> served = new java.util.TreeSet<>();
        if (upload != null) {
            served.add("upload");
        }
        if (download != null) {
            served.add("download");
        }
        if (metadata != null) {
            served.add("metadata");
        }
        return served;
    }
}
