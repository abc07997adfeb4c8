package io.managerhandlers.test;

import io.managerhandlers.Manager;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link ManagerTest} does: starts the service before the class's tests (or when a test constructor first
 * asks for it), keeps it in the class's store so JUnit stops it after them, and resolves the parameters.
 * A {@code @Nested} class shares its enclosing class's service.
 */
public final class ManagerExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ManagerExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean redis = annotation(context).map(ManagerTest::redis).orElse(false);
        if (redis && PrivateRedis.executable() == null) {
            return ConditionEvaluationResult.disabled(PrivateRedis.MISSING);
        }
        return ConditionEvaluationResult.enabled("the service can be started");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        service(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == Manager.class || type == URI.class) {
            return true;
        }
        return type.getSimpleName().equals(GeneratedTypes.HANDLERS) || type.getSimpleName().equals(GeneratedTypes.TOPICS)
                || type.getSimpleName().equals(GeneratedTypes.CLIENT)
                ? service(context).types().isGenerated(type) : false;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Parameter parameter = parameterContext.getParameter();
        Class<?> type = parameter.getType();
        ServiceUnderTest service = service(context);
        if (type == Manager.class) {
            return service.manager();
        }
        if (type == URI.class) {
            return service.base();
        }
        if (service.types().isGenerated(type)) {
            return service.types().create(type, service.manager(), service.base(), service.apiKey());
        }
        throw new ParameterResolutionException("@ManagerTest gives Manager, URI, Handlers, Topics and HandlersClient,"
                + " not " + type.getName());
    }

    /** The service of the test class, started once: in the store of the class that carries {@code @ManagerTest}. */
    private static ServiceUnderTest service(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        Class<?> testClass = owner.getRequiredTestClass();
        ManagerTest annotation = AnnotationSupport.findAnnotation(testClass, ManagerTest.class).orElseThrow();
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(ServiceUnderTest.class,
                key -> ServiceUnderTest.start(testClass, annotation), ServiceUnderTest.class);
    }

    /** The class-level context of the outermost class annotated {@code @ManagerTest}. */
    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext owner = null;
        for (ExtensionContext at = context; at != null; at = at.getParent().orElse(null)) {
            if (at.getTestMethod().isEmpty() && at.getTestClass().isPresent()
                    && AnnotationSupport.isAnnotated(at.getTestClass().get(), ManagerTest.class)) {
                owner = at;
            }
        }
        if (owner == null) {
            throw new ParameterResolutionException("ManagerExtension is meant to be used through @ManagerTest on the"
                    + " test class");
        }
        return owner;
    }

    private static Optional<ManagerTest> annotation(ExtensionContext context) {
        return context.getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, ManagerTest.class));
    }
}
