package io.managerhandlers.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a public, non-static, {@code void} method with exactly one parameter to a topic. Every
 * subscriber of the topic receives every message published to it, asynchronously.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Subscribe {
    /** The topic's name: {@code [A-Za-z0-9_.-]+}. */
    String value();

    /** {@link Transport#LOCAL} for this process only, {@link Transport#REDIS} for every instance. */
    Transport transport() default Transport.LOCAL;
}
