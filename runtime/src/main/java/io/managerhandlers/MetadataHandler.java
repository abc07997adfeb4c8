package io.managerhandlers;

/** Serves {@code GET /stream/metadata/{file_id}} (POST too). */
@FunctionalInterface
public interface MetadataHandler {
    /**
     * Describes one file.
     *
     * @return any Jackson-mappable value, answered as {@code {"status":"Ok","message":<value>}}; {@code null}
     *     (or throwing {@link java.nio.file.NoSuchFileException}) for an unknown id, answered 404
     */
    Object metadata(Call call, String fileId) throws Exception;
}
