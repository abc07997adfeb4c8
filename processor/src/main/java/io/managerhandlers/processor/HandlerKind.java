package io.managerhandlers.processor;

/** The four handler interfaces a {@code @Handler} class may implement (exactly one of). */
enum HandlerKind {
    REQUEST("io.managerhandlers.RequestHandler", "handler", "request"),
    UPLOAD("io.managerhandlers.UploadHandler", "uploadHandler", "upload"),
    DOWNLOAD("io.managerhandlers.DownloadHandler", "downloadHandler", "download"),
    METADATA("io.managerhandlers.MetadataHandler", "metadataHandler", "metadata");

    private final String interfaceName;
    private final String builderMethod;
    private final String word;

    HandlerKind(String interfaceName, String builderMethod, String word) {
        this.interfaceName = interfaceName;
        this.builderMethod = builderMethod;
        this.word = word;
    }

    /** The interface's qualified name. */
    String interfaceName() {
        return interfaceName;
    }

    /** The method of {@code Manager.Builder} that registers such a handler. */
    String builderMethod() {
        return builderMethod;
    }

    /** The kind in words, for messages: {@code upload}. */
    String word() {
        return word;
    }

    /** The kind whose interface is {@code qualifiedName}, or null. */
    static HandlerKind ofInterface(String qualifiedName) {
        for (HandlerKind kind : values()) {
            if (kind.interfaceName.equals(qualifiedName)) {
                return kind;
            }
        }
        return null;
    }
}
