package io.managerhandlers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a named handler. The class implements exactly one of {@code RequestHandler},
 * {@code UploadHandler}, {@code DownloadHandler} or {@code MetadataHandler}, has one public constructor,
 * and is registered by the generated {@code ManagerBootstrap}.
 *
 * <pre>{@code
 * @Handler("echo")                          // served at POST /echo
 * public final class Echo implements RequestHandler<String, String> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Handler {
    /** The handler's name: {@code [A-Za-z0-9_-]+}, not {@code shutdown}, {@code stream} or {@code observe}. */
    String value();

    /** How many instances serve calls at once; each replica is its own instance. At least 1. */
    int replicas() default 1;
}
