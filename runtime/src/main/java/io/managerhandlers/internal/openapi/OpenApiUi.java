package io.managerhandlers.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The files of the page {@code GET /openapi/ui}: Swagger UI from its webjar, with the page and its start-up
 * script from the optional artifact {@code manager-handlers-openapi-ui}, which names the webjar's folder in
 * {@code META-INF/manager-handlers/openapi-ui.properties}. Nothing comes from the internet.
 */
public final class OpenApiUi {
    /** Present when the optional artifact is on the class path. */
    public static final String PROPERTIES = "META-INF/manager-handlers/openapi-ui.properties";
    /** What to add when it is not. */
    public static final String MISSING = "Not found: Swagger UI is not installed; add the dependency"
            + " io.managerhandlers:manager-handlers-openapi-ui to serve /openapi/ui";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final ClassLoader loader;
    private final String own;
    private final String webjar;

    private OpenApiUi(ClassLoader loader, String own, String webjar) {
        this.loader = loader;
        this.own = own;
        this.webjar = webjar;
    }

    /** The UI, or null when the optional artifact is not on the class path. */
    public static OpenApiUi find() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : OpenApiUi.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return new OpenApiUi(loader, folder(properties.getProperty("page")), folder(properties.getProperty("webjar")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES, e);
        }
    }

    private static String folder(String value) {
        if (value == null) {
            throw new IllegalStateException(PROPERTIES + " lacks its page or webjar folder");
        }
        return value.endsWith("/") ? value : value + "/";
    }

    /** The page itself, served at {@code /openapi/ui} only (its links are relative to that). */
    public Asset page() {
        return load("index.html");
    }

    /** One file of the page by name, from the page's folder, then Swagger UI's; null when there is none. */
    public Asset file(String name) {
        return NAME.matcher(name).matches() && !name.equals("index.html") ? load(name) : null;
    }

    private Asset load(String file) {
        for (String folder : new String[] {own, webjar}) {
            try (InputStream in = loader.getResourceAsStream(folder + file)) {
                if (in != null) {
                    return new Asset(in.readAllBytes(), contentType(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + folder + file, e);
            }
        }
        return null;
    }

    private static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "png" -> "image/png";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    /** A file's bytes and content type. */
    public record Asset(byte[] bytes, String contentType) {
    }
}
