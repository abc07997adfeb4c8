package io.managerhandlers.processor;

import io.managerhandlers.annotations.Subscribe;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Reads a class's {@code @Subscribe} methods into a {@link SubscriberModel}, judging nothing. */
final class SubscriberReader {
    /** Methods in a stable order, whatever their order in the source: name, then topic, then parameters. */
    static final Comparator<SubscriptionModel> ORDER = Comparator
            .comparing((SubscriptionModel s) -> s.method().getSimpleName().toString())
            .thenComparing(SubscriptionModel::topic)
            .thenComparing(s -> s.method().getParameters().toString());

    private final ConstructionReader constructions;

    SubscriberReader(ConstructionReader constructions) {
        this.constructions = constructions;
    }

    /** The {@code @Subscribe} methods declared by {@code type} itself. */
    static List<ExecutableElement> subscribeMethods(TypeElement type) {
        return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> method.getAnnotation(Subscribe.class) != null)
                .toList();
    }

    /** The subscriber {@code type} is, or null when it has no {@code @Subscribe} method. */
    SubscriberModel read(TypeElement type) {
        List<ExecutableElement> methods = subscribeMethods(type);
        if (methods.isEmpty()) {
            return null;
        }
        List<SubscriptionModel> subscriptions = methods.stream().map(SubscriberReader::subscription)
                .sorted(ORDER)
                .toList();
        return new SubscriberModel(type, constructions.read(type), subscriptions);
    }

    private static SubscriptionModel subscription(ExecutableElement method) {
        Subscribe subscribe = method.getAnnotation(Subscribe.class);
        TypeMirror type = method.getParameters().size() == 1 ? method.getParameters().get(0).asType() : null;
        return new SubscriptionModel(subscribe.value(), subscribe.transport(), method, type,
                Annotations.find(method, Subscribe.class));
    }
}
