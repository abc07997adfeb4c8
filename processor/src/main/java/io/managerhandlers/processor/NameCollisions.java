package io.managerhandlers.processor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.lang.model.element.TypeElement;

/**
 * The checks across classes on names: two handlers of one name, two file handlers of one kind, and names
 * that give an illegal method or one method for two names in Handlers or Topics. Each problem is reported on
 * every element involved, naming the other.
 */
final class NameCollisions {
    private final ErrorReporter reporter;
    private final Consumer<TypeElement> reject;

    NameCollisions(ErrorReporter reporter, Consumer<TypeElement> reject) {
        this.reporter = reporter;
        this.reject = reject;
    }

    /** {@code handlers} sorted by name. */
    void checkHandlers(List<HandlerModel> handlers) {
        Map<String, List<HandlerModel>> byName = new TreeMap<>();
        Map<HandlerKind, List<HandlerModel>> files = new EnumMap<>(HandlerKind.class);
        for (HandlerModel handler : handlers) {
            byName.computeIfAbsent(handler.name(), n -> new ArrayList<>()).add(handler);
            if (handler.kind() != null && handler.kind() != HandlerKind.REQUEST) {
                files.computeIfAbsent(handler.kind(), k -> new ArrayList<>()).add(handler);
            }
        }
        byName.forEach((name, named) -> pairs(named, (one, other) -> {
            boolean sameName = display(one).equals(display(other));
            reporter.report(Message.DUPLICATE_NAME, one.type(), one.annotation(), "value", name,
                    sameName ? one.type().getQualifiedName() : display(one),
                    sameName ? other.type().getQualifiedName() : display(other));
            reject.accept(one.type());
        }));
        files.forEach((kind, ofKind) -> pairs(ofKind, (one, other) -> {
            reporter.report(Message.DUPLICATE_FILE_HANDLER, one.type(), kind.word(), one.name(), display(one),
                    other.name(), display(other));
            reject.accept(one.type());
        }));
        // Methods of Handlers: request handlers only, one per distinct valid name.
        Map<String, List<HandlerModel>> byMethod = new TreeMap<>();
        for (List<HandlerModel> named : byName.values()) {
            HandlerModel handler = named.get(0);
            if (handler.kind() != HandlerKind.REQUEST || !Names.isHandlerName(handler.name())
                    || Names.isReserved(handler.name())) {
                continue;
            }
            String method = Names.methodName(handler.name());
            Optional<String> why = Names.whyNotAMethod(method);
            if (why.isPresent()) {
                for (HandlerModel h : named) {
                    reporter.report(Message.HANDLER_METHOD_NAME, h.type(), h.annotation(), "value", h.name(),
                            method, why.get());
                    reject.accept(h.type());
                }
            } else {
                byMethod.computeIfAbsent(method, m -> new ArrayList<>()).add(handler);
            }
        }
        byMethod.forEach((method, sharing) -> pairs(sharing, (one, other) -> {
            reporter.report(Message.HANDLER_METHOD_COLLISION, one.type(), one.annotation(), "value", one.name(),
                    display(one), other.name(), display(other), method);
            reject.accept(one.type());
        }));
    }

    /** {@code topics} sorted by name. */
    void checkTopics(List<TopicModel> topics) {
        Map<String, List<TopicModel>> byMethod = new TreeMap<>();
        for (TopicModel topic : topics) {
            Optional<String> why = Names.whyNotAMethod(topic.methodName());
            if (why.isPresent()) {
                for (SubscriptionModel s : topic.subscriptions()) {
                    reporter.report(Message.TOPIC_METHOD_NAME, s.method(), s.annotation(), "value", topic.name(),
                            topic.methodName(), why.get());
                    reject.accept((TypeElement) s.method().getEnclosingElement());
                }
            } else {
                byMethod.computeIfAbsent(topic.methodName(), m -> new ArrayList<>()).add(topic);
            }
        }
        byMethod.forEach((method, sharing) -> pairs(sharing, (one, other) -> {
            for (SubscriptionModel s : one.subscriptions()) {
                reporter.report(Message.TOPIC_METHOD_COLLISION, s.method(), s.annotation(), "value", one.name(),
                        Validator.methodName(s.method()), other.name(),
                        Validator.methodName(other.subscriptions().get(0).method()), method);
                reject.accept((TypeElement) s.method().getEnclosingElement());
            }
        }));
    }

    /** Calls {@code action} for each member of a group of two or more, with the first other member. */
    private static <T> void pairs(List<T> group, java.util.function.BiConsumer<T, T> action) {
        if (group.size() < 2) {
            return;
        }
        for (T one : group) {
            action.accept(one, one == group.get(0) ? group.get(1) : group.get(0));
        }
    }

    private static String display(HandlerModel handler) {
        return ClassValidator.displayName(handler.type());
    }
}
