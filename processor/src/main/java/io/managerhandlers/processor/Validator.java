package io.managerhandlers.processor;

import com.palantir.javapoet.TypeName;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;

/**
 * Every check on what the readers found, reported through the {@link ErrorReporter}. It never throws on bad
 * input: a class with a problem is left out of the result (the whole class: its handler and its subscriber
 * part), and every other class goes on being checked, so one compile shows every problem at once.
 */
final class Validator {
    /** What the writers get: only classes with no problem, each list in its generated order. */
    record Validated(List<HandlerModel> handlers, List<SubscriberModel> subscribers, List<TopicModel> topics) {
    }

    private final ErrorReporter reporter;
    private final ClassValidator classes;
    private final TypeInspector inspector;
    private final TypeMirror runtimeException;
    private final TypeMirror error;
    /** Qualified names of the classes left out. */
    private final Set<String> rejected = new HashSet<>();

    Validator(ErrorReporter reporter, TypeInspector inspector, Elements elements) {
        this.reporter = reporter;
        this.classes = new ClassValidator(reporter);
        this.inspector = inspector;
        this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
        this.error = elements.getTypeElement("java.lang.Error").asType();
    }

    /** Marks a class as left out, as a class that failed to be read at all is. */
    void reject(TypeElement type) {
        rejected.add(type.getQualifiedName().toString());
    }

    /** Checks every model, each on its own, then across them; returns the usable ones. */
    Validated validate(List<HandlerModel> handlers, List<SubscriberModel> subscribers) {
        handlers = handlers.stream().sorted(Comparator.comparing(HandlerModel::name)
                .thenComparing(h -> h.type().getQualifiedName().toString())).toList();
        subscribers = subscribers.stream()
                .sorted(Comparator.comparing(s -> s.type().getQualifiedName().toString())).toList();
        for (HandlerModel handler : handlers) {
            // Both checks run (no short circuit), so that every problem of the class is reported at once.
            boolean constructible = classes.validate(handler.construction());
            check(handler.type(), validateHandler(handler) && constructible);
        }
        for (SubscriberModel subscriber : subscribers) {
            boolean valid = handlers.stream().anyMatch(h -> h.type().equals(subscriber.type()))
                    || classes.validate(subscriber.construction());
            for (SubscriptionModel subscription : subscriber.subscriptions()) {
                valid &= validateSubscription(subscription);
            }
            check(subscriber.type(), valid);
        }
        new NameCollisions(reporter, this::reject).checkHandlers(handlers);
        new NameCollisions(reporter, this::reject).checkTopics(topics(subscribers, true));
        List<SubscriberModel> usableSubscribers = subscribers.stream().filter(s -> usable(s.type())).toList();
        return new Validated(handlers.stream().filter(h -> usable(h.type())).toList(), usableSubscribers,
                topics(usableSubscribers, false));
    }

    private boolean validateHandler(HandlerModel handler) {
        TypeElement type = handler.type();
        boolean valid = true;
        if (!Names.isHandlerName(handler.name())) {
            reporter.report(Message.HANDLER_NAME, type, handler.annotation(), "value", handler.name());
            valid = false;
        } else if (Names.isReserved(handler.name())) {
            reporter.report(Message.RESERVED_NAME, type, handler.annotation(), "value", handler.name());
            valid = false;
        }
        if (handler.replicas() < 1) {
            reporter.report(Message.REPLICAS, type, handler.annotation(), "replicas", handler.name(),
                    handler.replicas());
            valid = false;
        }
        List<DeclaredType> interfaces = handler.interfaces();
        String name = ClassValidator.displayName(type);
        if (interfaces.isEmpty()) {
            reporter.report(Message.NO_HANDLER_INTERFACE, type, name);
            return false;
        } else if (interfaces.size() > 1) {
            reporter.report(Message.SEVERAL_HANDLER_INTERFACES, type, name, interfaces.stream()
                    .map(i -> i.asElement().getSimpleName().toString())
                    .collect(Collectors.joining(" and ")));
            return false;
        } else if (handler.kind() == HandlerKind.REQUEST && handler.input() == null) {
            reporter.report(Message.RAW_REQUEST_HANDLER, type, name);
            return false;
        }
        if (handler.kind() == HandlerKind.REQUEST && type.getTypeParameters().isEmpty()) {
            for (TypeMirror io : List.of(handler.input(), handler.output())) {
                Optional<TypeVariable> variable = inspector.firstTypeVariable(io);
                if (variable.isPresent()) {
                    reporter.report(Message.TYPE_VARIABLE, type, name, variable.get(), interfaces.get(0));
                    valid = false;
                }
            }
        }
        return valid;
    }

    private boolean validateSubscription(SubscriptionModel subscription) {
        ExecutableElement method = subscription.method();
        String name = methodName(method);
        boolean valid = true;
        if (!Names.isTopicName(subscription.topic())) {
            reporter.report(Message.TOPIC_NAME, method, subscription.annotation(), "value", subscription.topic());
            valid = false;
        }
        if (!method.getModifiers().contains(Modifier.PUBLIC)) {
            reporter.report(Message.SUBSCRIBE_NOT_PUBLIC, method, name);
            valid = false;
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
            reporter.report(Message.SUBSCRIBE_STATIC, method, name);
            valid = false;
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            reporter.report(Message.SUBSCRIBE_RETURNS_VALUE, method, name, method.getReturnType());
            valid = false;
        }
        if (method.getParameters().size() != 1) {
            reporter.report(Message.SUBSCRIBE_PARAMETERS, method, name, method.getParameters().size());
            valid = false;
        } else {
            Optional<TypeVariable> variable = inspector.firstTypeVariable(subscription.type());
            if (variable.isPresent()) {
                reporter.report(Message.TYPE_VARIABLE, method, name, variable.get(), "its parameter");
                valid = false;
            }
        }
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (inspector.isChecked(thrown, runtimeException, error)) {
                reporter.report(Message.SUBSCRIBE_THROWS, method, name, thrown);
                valid = false;
            }
        }
        return valid;
    }

    /**
     * The topics of {@code subscribers} (see {@link TopicGrouping}). With {@code check}, reports (and rejects)
     * the subscribers of a topic that disagree with its first subscriber on the message type or the transport.
     */
    private List<TopicModel> topics(List<SubscriberModel> subscribers, boolean check) {
        TopicGrouping grouping = new TopicGrouping(subscribers);
        if (check) {
            for (TopicModel topic : grouping.topics()) {
                SubscriptionModel first = topic.subscriptions().get(0);
                for (SubscriptionModel other : topic.subscriptions().subList(1, topic.subscriptions().size())) {
                    if (!typeKey(first.type()).equals(typeKey(other.type()))) {
                        conflict(Message.TOPIC_TYPES, topic.name(), first, first.type(), other, other.type(),
                                grouping);
                    }
                    if (first.transport() != other.transport()) {
                        conflict(Message.TOPIC_TRANSPORTS, topic.name(), first, first.transport(), other,
                                other.transport(), grouping);
                    }
                }
            }
        }
        return grouping.topics();
    }

    private void conflict(Message message, String topic, SubscriptionModel first, Object firstValue,
            SubscriptionModel other, Object otherValue, TopicGrouping owners) {
        reporter.report(message, first.method(), topic, methodName(first.method()), firstValue,
                methodName(other.method()), otherValue);
        reporter.report(message, other.method(), topic, methodName(other.method()), otherValue,
                methodName(first.method()), firstValue);
        reject(owners.owner(first));
        reject(owners.owner(other));
    }

    /** Two message types are the same when their generated type names are, primitives boxed. */
    static String typeKey(TypeMirror type) {
        return TypeName.get(type).box().toString();
    }

    /** A method as users would name it: {@code Audit.on}. */
    static String methodName(ExecutableElement method) {
        return ClassValidator.displayName((TypeElement) method.getEnclosingElement()) + "." + method.getSimpleName();
    }

    private void check(Element type, boolean valid) {
        if (!valid) {
            reject((TypeElement) type);
        }
    }

    private boolean usable(TypeElement type) {
        return !rejected.contains(type.getQualifiedName().toString());
    }
}
