package io.managerhandlers.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the service under test once for the test class, and stops it after the class's tests.
 *
 * <p>The service is the generated {@code ManagerBootstrap.manager()} of the test class's package (or of the
 * nearest enclosing package that has one), built on a free loopback port ({@code 127.0.0.1}, {@code port(0)}).
 * A static method of the test class annotated {@link Configure}, taking a {@code Manager.Builder}, adjusts the
 * builder before it is built. Test constructors and methods may take as parameters:
 * <ul>
 *   <li>{@code io.managerhandlers.Manager}, started;</li>
 *   <li>{@code java.net.URI}, the base URI ({@code http://127.0.0.1:<port>/}, {@code https} with TLS);</li>
 *   <li>the generated {@code Handlers} and {@code Topics} of that package;</li>
 *   <li>the generated {@code HandlersClient}, connected to the base URI with the manager's API key.</li>
 * </ul>
 *
 * <pre>{@code
 * @ManagerTest
 * class HelloTest {
 *     @ManagerTest.Configure
 *     static void configure(Manager.Builder builder) {
 *         builder.apiKey("test-key");
 *     }
 *
 *     @Test
 *     void greets(Handlers handlers) {
 *         assertEquals("Hello, Ada", handlers.hello().publish("Ada"));
 *     }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ManagerExtension.class)
public @interface ManagerTest {
    /**
     * Gives the service a {@code redis-server} of its own (a process on a free loopback port, persistence
     * off, stopped after the class). When none is installed, the class's tests are skipped with the reason.
     */
    boolean redis() default false;

    /** Marks a static method taking a {@code Manager.Builder}, called before the manager is built. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Configure {
    }
}
