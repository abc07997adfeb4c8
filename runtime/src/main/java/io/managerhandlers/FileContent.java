package io.managerhandlers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DownloadHandler} answers: a file on disk (sent without copying through the heap where the
 * JDK allows) or any stream, with its length when known.
 */
public final class FileContent {
    private final Path path;
    private final InputStream stream;
    private final long length;
    private final String contentType;

    private FileContent(Path path, InputStream stream, long length, String contentType) {
        this.path = path;
        this.stream = stream;
        this.length = length;
        this.contentType = contentType;
    }

    /** A file on disk; its length is read when the download starts. */
    public static FileContent of(Path file) {
        return new FileContent(Objects.requireNonNull(file, "file"), null, -1, "application/octet-stream");
    }

    /** A stream of {@code length} bytes ({@code -1} when unknown: sent chunked). Closed once sent. */
    public static FileContent of(InputStream stream, long length) {
        return new FileContent(null, Objects.requireNonNull(stream, "stream"), length, "application/octet-stream");
    }

    /** The same content answered with another {@code Content-Type}. */
    public FileContent withContentType(String contentType) {
        return new FileContent(path, stream, length, Objects.requireNonNull(contentType, "contentType"));
    }

    /** The file, when this content is one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The length in bytes, or {@code -1} when unknown. */
    public long length() throws IOException {
        return path != null ? Files.size(path) : length;
    }

    /** The {@code Content-Type} answered; {@code application/octet-stream} unless set. */
    public String contentType() {
        return contentType;
    }

    /** Opens the content; for a stream, the stream itself. */
    public InputStream open() throws IOException {
        return path != null ? Files.newInputStream(path) : stream;
    }
}
