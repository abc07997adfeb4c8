package io.managerhandlers.test;

import io.managerhandlers.Manager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The classes the processor generated for the service under test, found by name: {@code ManagerBootstrap} in
 * the test class's package or the nearest enclosing one, and {@code Handlers}, {@code Topics} and
 * {@code HandlersClient} beside it. Reflection only here, once per test class: the service itself is built by
 * the generated code.
 */
final class GeneratedTypes {
    static final String BOOTSTRAP = "ManagerBootstrap";
    static final String HANDLERS = "Handlers";
    static final String TOPICS = "Topics";
    static final String CLIENT = "HandlersClient";

    private final String packageName;
    private final Class<?> bootstrap;

    private GeneratedTypes(String packageName, Class<?> bootstrap) {
        this.packageName = packageName;
        this.bootstrap = bootstrap;
    }

    /** @throws ExtensionConfigurationException no package from the test class's up has a {@code ManagerBootstrap} */
    static GeneratedTypes of(Class<?> testClass) {
        String start = testClass.getPackageName();
        ClassLoader loader = testClass.getClassLoader();
        for (String name = start; ; name = parent(name)) {
            Class<?> found = load(loader, qualified(name, BOOTSTRAP));
            if (found != null) {
                return new GeneratedTypes(name, found);
            }
            if (name.isEmpty()) {
                break;
            }
        }
        throw new ExtensionConfigurationException("@ManagerTest on " + testClass.getName() + " found no generated "
                + BOOTSTRAP + " in package '" + start + "' nor in an enclosing package. The processor writes it in"
                + " the package of the handlers: put the test in that package (or below it), and check that"
                + " manager-handlers-processor is on the compiler's annotationProcessorPaths.");
    }

    String packageName() {
        return packageName;
    }

    /** Calls {@code ManagerBootstrap.manager()}. */
    Manager.Builder builder() {
        try {
            Method manager = bootstrap.getMethod("manager");
            if (!Modifier.isStatic(manager.getModifiers()) || manager.getReturnType() != Manager.Builder.class) {
                throw new ExtensionConfigurationException(bootstrap.getName()
                        + ".manager() must be static and return Manager.Builder");
            }
            return (Manager.Builder) manager.invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new ExtensionConfigurationException(bootstrap.getName() + " has no public static manager()", e);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(bootstrap.getName() + ".manager() failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** True for {@code Handlers}, {@code Topics} and {@code HandlersClient} of the service's package. */
    boolean isGenerated(Class<?> type) {
        return type.getName().equals(qualified(packageName, HANDLERS))
                || type.getName().equals(qualified(packageName, TOPICS))
                || type.getName().equals(qualified(packageName, CLIENT));
    }

    /** The generated {@code Handlers}, {@code Topics} or {@code HandlersClient} for a running service. */
    Object create(Class<?> type, Manager manager, URI base, String apiKey) {
        if (type.getSimpleName().equals(CLIENT)) {
            return call(type, "connect(URI, String)", new Class<?>[] {URI.class, String.class},
                    new Object[] {base, apiKey}, "the processor that generates HandlersClient (with"
                            + " connect(URI base, String apiKey)) is newer than the one that compiled this package:"
                            + " build with the same manager-handlers version for runtime, processor and test");
        }
        return call(type, "of(Manager)", new Class<?>[] {Manager.class}, new Object[] {manager},
                "it is not the generated " + type.getSimpleName() + ": recompile with manager-handlers-processor");
    }

    private static Object call(Class<?> type, String signature, Class<?>[] parameters, Object[] arguments,
            String why) {
        Method factory;
        try {
            factory = type.getMethod(signature.substring(0, signature.indexOf('(')), parameters);
        } catch (NoSuchMethodException e) {
            throw new ParameterResolutionException("@ManagerTest cannot give a " + type.getName() + ": it has no public"
                    + " static " + signature + "; " + why);
        }
        try {
            return factory.invoke(null, arguments);
        } catch (IllegalAccessException e) {
            throw new ParameterResolutionException("@ManagerTest cannot call " + type.getName() + "." + signature, e);
        } catch (InvocationTargetException e) {
            throw new ParameterResolutionException(type.getName() + "." + signature + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static String parent(String packageName) {
        int dot = packageName.lastIndexOf('.');
        return dot < 0 ? "" : packageName.substring(0, dot);
    }

    private static String qualified(String packageName, String simpleName) {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
}
