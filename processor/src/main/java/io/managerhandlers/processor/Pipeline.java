package io.managerhandlers.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * One generation, over every annotated class of the compilation: choose the package ({@link PackageChoice}), read the classes into
 * models, validate them, write the three files, the HTTP client and the OpenAPI document.
 *
 * <p>When some classes have problems, the files are still written, from the classes that have none. That is
 * deliberate: user code names {@code Handlers} and {@code Topics} (constructor parameters, fields), and
 * without them javac would add a "cannot find symbol" for each use to our errors, burying them. The files
 * written from valid classes compile, so the only errors left are ours, on the elements to fix. Only when no
 * package can be chosen is nothing written.
 */
final class Pipeline {
    private final ProcessingEnvironment env;
    private final ErrorReporter reporter;
    private final TypeInspector inspector;
    private final Consumer<TypeElement> beforeReading;

    /** {@code beforeReading}: called on each class before it is read; tests use it to fail on purpose. */
    Pipeline(ProcessingEnvironment env, ErrorReporter reporter, Consumer<TypeElement> beforeReading) {
        this.env = env;
        this.reporter = reporter;
        this.beforeReading = beforeReading;
        this.inspector = new TypeInspector(env.getTypeUtils());
    }

    /** {@code classes}: every class with {@code @Handler} or a {@code @Subscribe} method, each once. */
    void run(List<TypeElement> classes, String packageOption) {
        classes = classes.stream().sorted(Comparator.comparing(c -> c.getQualifiedName().toString())).toList();
        Optional<String> chosen = new PackageChoice(reporter, env.getElementUtils()).choose(classes, packageOption);
        if (chosen.isEmpty()) {
            return;
        }
        String packageName = chosen.get();
        ConstructionReader constructions = new ConstructionReader(packageName, env.getElementUtils());
        HandlerReader handlerReader = new HandlerReader(inspector, constructions);
        SubscriberReader subscriberReader = new SubscriberReader(constructions);
        Validator validator = new Validator(reporter, inspector, env.getElementUtils());
        List<HandlerModel> handlers = new ArrayList<>();
        List<SubscriberModel> subscribers = new ArrayList<>();
        for (TypeElement type : classes) {
            try {
                beforeReading.accept(type);
                if (type.getAnnotation(io.managerhandlers.annotations.Handler.class) != null) {
                    handlers.add(handlerReader.read(type));
                }
                SubscriberModel subscriber = subscriberReader.read(type);
                if (subscriber != null) {
                    subscribers.add(subscriber);
                }
            } catch (RuntimeException e) {
                internal(type, e);
                validator.reject(type);
            }
        }
        Validator.Validated valid;
        try {
            valid = validator.validate(handlers, subscribers);
        } catch (RuntimeException e) {
            internal(classes.get(0), e);
            return;
        }
        JavaFiles files = new JavaFiles(env.getFiler(), env.getElementUtils(), reporter);
        TypeTokens tokens = new TypeTokens(env.getTypeUtils());
        try {
            files.write(packageName, new HandlersWriter(files, tokens, inspector)
                    .build(packageName, valid.handlers(), classes));
            files.write(packageName, new TopicsWriter(files, tokens, inspector)
                    .build(packageName, valid.topics(), classes));
            files.write(packageName, new BootstrapWriter(files, tokens, inspector)
                    .build(packageName, valid, classes));
            files.write(packageName, new ClientWriter(files, tokens, inspector)
                    .build(packageName, valid.handlers(), classes));
            files.writeResource(OpenApiWriter.RESOURCE, OpenApiWriter.write(
                    OpenApiModel.read(packageName, valid.handlers(), env.getTypeUtils(), env.getElementUtils())),
                    classes);
        } catch (RuntimeException e) {
            internal(classes.get(0), e);
        }
    }

    private void internal(TypeElement type, RuntimeException e) {
        reporter.report(Message.INTERNAL, type, type.getQualifiedName(), e);
    }
}
