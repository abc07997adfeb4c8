package io.managerhandlers.internal.files;

import java.nio.file.FileSystemException;
import java.util.Locale;

/** Recognises a full disk (or quota) among I/O failures: the JDK reports them as plain IOExceptions. */
public final class DiskFull {
    private DiskFull() {
    }

    public static boolean is(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            String message = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space on the disk")) {
                    return true;
                }
            }
        }
        return false;
    }
}
