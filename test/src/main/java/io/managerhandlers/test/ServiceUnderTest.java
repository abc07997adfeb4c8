package io.managerhandlers.test;

import io.managerhandlers.Manager;
import io.managerhandlers.internal.settings.Settings;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One test class's running service; stopped (with its Redis) when the class's tests are done. */
@SuppressWarnings("deprecation")   // CloseableResource: still what JUnit 5.10 to 5.14 all close
final class ServiceUnderTest implements ExtensionContext.Store.CloseableResource {
    private final GeneratedTypes types;
    private final Manager manager;
    private final URI base;
    private final String apiKey;
    private final PrivateRedis redis;

    private ServiceUnderTest(GeneratedTypes types, Manager manager, URI base, String apiKey, PrivateRedis redis) {
        this.types = types;
        this.manager = manager;
        this.base = base;
        this.apiKey = apiKey;
        this.redis = redis;
    }

    static ServiceUnderTest start(Class<?> testClass, ManagerTest annotation) {
        GeneratedTypes types = GeneratedTypes.of(testClass);
        List<Method> configure = configureMethods(testClass);
        PrivateRedis redis = null;
        try {
            Manager.Builder builder = types.builder().port(0).host("127.0.0.1");
            if (annotation.redis()) {
                redis = PrivateRedis.start();
                builder.redis(redis.url());
            }
            for (Method method : configure) {
                invoke(method, builder);
            }
            Settings settings = settingsOf(builder);
            Manager manager = builder.build().start();
            String scheme = settings != null && settings.tlsCertificate() != null ? "https" : "http";
            URI base = URI.create(scheme + "://127.0.0.1:" + manager.port() + "/");
            return new ServiceUnderTest(types, manager, base, settings == null ? null : settings.apiKey(), redis);
        } catch (Exception | Error e) {
            if (redis != null) {
                redis.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("@ManagerTest could not start the service of " + testClass.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The static {@code @ManagerTest.Configure} methods of the class and its superclasses, superclasses first. */
    private static List<Method> configureMethods(Class<?> testClass) {
        List<Method> found = new ArrayList<>();
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            List<Method> own = new ArrayList<>();
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(ManagerTest.Configure.class)) {
                    continue;
                }
                if (!Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1
                        || method.getParameterTypes()[0] != Manager.Builder.class) {
                    throw new ExtensionConfigurationException("@ManagerTest.Configure method " + type.getName() + "."
                            + method.getName() + " must be static and take exactly one Manager.Builder:"
                            + " static void configure(Manager.Builder builder)");
                }
                own.add(method);
            }
            own.sort(java.util.Comparator.comparing(Method::getName));
            found.addAll(0, own);
        }
        return found;
    }

    private static void invoke(Method method, Manager.Builder builder) throws IllegalAccessException {
        method.setAccessible(true);          // a package-private test class and method are the norm in JUnit 5
        try {
            method.invoke(null, builder);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("@ManagerTest.Configure method " + method.getName() + " failed: "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * The settings as configured, to know the API key and whether TLS is on: the builder keeps them in its
     * internal {@code Settings.Builder}, read here rather than widening the public API for tests. Null if that
     * ever moves (the client then goes without a key).
     */
    private static Settings settingsOf(Manager.Builder builder) {
        try {
            Field field = Manager.Builder.class.getDeclaredField("settings");
            field.setAccessible(true);
            return ((Settings.Builder) field.get(builder)).build();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    GeneratedTypes types() {
        return types;
    }

    Manager manager() {
        return manager;
    }

    URI base() {
        return base;
    }

    String apiKey() {
        return apiKey;
    }

    @Override
    public void close() {
        try {
            manager.stop();
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
