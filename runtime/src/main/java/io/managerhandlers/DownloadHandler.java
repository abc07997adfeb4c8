package io.managerhandlers;

/** Serves {@code GET /stream/download/{file_id}} (POST too). */
@FunctionalInterface
public interface DownloadHandler {
    /**
     * Opens one file.
     *
     * @param fileId the {@code file_id} path segment, decoded; untrusted
     * @return the content, or {@code null} (as does throwing {@link java.nio.file.NoSuchFileException})
     *     for an unknown id, answered 404
     */
    FileContent download(Call call, String fileId) throws Exception;
}
