package io.managerhandlers.internal.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: one page and its script and style, read from this jar once. The page holds no data and
 * needs no key; its script asks for the key and fetches the JSON metrics with it.
 */
final class Dashboard {
    private static final String ROOT = "/observe/dashboard";

    private final Map<String, Page> pages = Map.of(
            ROOT, load("index.html", "text/html; charset=utf-8"),
            ROOT + "/dashboard.js", load("dashboard.js", "text/javascript; charset=utf-8"),
            ROOT + "/dashboard.css", load("dashboard.css", "text/css; charset=utf-8"));

    /** The asset at this path, or null. */
    Page page(String path) {
        return pages.get(path);
    }

    private static Page load(String name, String contentType) {
        try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The dashboard's " + name + " is missing from the jar");
            }
            return new Page(200, contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
