package com.acme.shop.files;

import io.managerhandlers.Call;
import io.managerhandlers.DownloadHandler;
import io.managerhandlers.FileContent;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.annotations.Handler;
import java.io.InputStream;
import java.util.Map;

/** File handlers, as public static nested classes. */
public final class Files {
    private Files() {
    }

    @Handler("upload")
    public static final class Upload implements UploadHandler {
        @Override
        public String upload(Call call, InputStream body, String fileName, long approximateSize) {
            return fileName;
        }
    }

    @Handler(value = "download", replicas = 8)
    public static final class Download implements DownloadHandler {
        private final SharedState state;

        public Download(SharedState state) {
            this.state = state;
        }

        @Override
        public FileContent download(Call call, String fileId) {
            return null;
        }
    }

    @Handler("metadata")
    public static final class Metadata implements MetadataHandler {
        @Override
        public Object metadata(Call call, String fileId) {
            return Map.of("id", fileId);
        }
    }
}
