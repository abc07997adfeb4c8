package io.managerhandlers;

import java.io.InputStream;

/** Serves {@code POST /stream/upload/{file_name}}: the body arrives as a stream, never buffered whole. */
@FunctionalInterface
public interface UploadHandler {
    /**
     * Stores one upload.
     *
     * @param body the request body, read straight from the connection
     * @param fileName the {@code file_name} path segment, decoded; untrusted
     * @param approximateSize the {@code Approximate-Size} header
     * @return the new file's id, answered as {@code {"status":"Ok","message":"<id>"}}
     */
    String upload(Call call, InputStream body, String fileName, long approximateSize) throws Exception;
}
