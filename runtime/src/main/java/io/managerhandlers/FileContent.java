package io.managerhandlers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DownloadHandler} answers: a file on disk (sent with its {@code Content-Length}, read from
 * its channel in large blocks) or any stream, with its length when known.
 */
public final class FileContent {
    private final Path path;
    private final InputStream stream;
    private final long length;
    private final String contentType;
    private final String fileName;

    private FileContent(Path path, InputStream stream, long length, String contentType, String fileName) {
        this.path = path;
        this.stream = stream;
        this.length = length;
        this.contentType = contentType;
        this.fileName = fileName;
    }

    /** A file on disk; its length is read when the download starts. */
    public static FileContent of(Path file) {
        return new FileContent(Objects.requireNonNull(file, "file"), null, -1, "application/octet-stream", null);
    }

    /** A stream of {@code length} bytes ({@code -1} when unknown: sent chunked). Closed once sent. */
    public static FileContent of(InputStream stream, long length) {
        return new FileContent(null, Objects.requireNonNull(stream, "stream"), length, "application/octet-stream",
                null);
    }

    /** The same content answered with another {@code Content-Type}. */
    public FileContent withContentType(String contentType) {
        return new FileContent(path, stream, length, Objects.requireNonNull(contentType, "contentType"), fileName);
    }

    /**
     * The same content offered as a download named {@code fileName}: answered with
     * {@code Content-Disposition: attachment} and the name (an ASCII fallback plus the exact name, RFC 6266).
     * The name only goes into that header; it is never used as a path.
     */
    public FileContent withFileName(String fileName) {
        return new FileContent(path, stream, length, contentType, Objects.requireNonNull(fileName, "fileName"));
    }

    /** The download name set by {@link #withFileName(String)}, if any. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
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
