package io.managerhandlers.processor;

import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Reports every diagnostic of the processor, always on the element (and, where one is to blame, the
 * annotation value) that the user has to change.
 */
final class ErrorReporter {
    private final Messager messager;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** Reports {@code message} on {@code element}. */
    void report(Message message, Element element, Object... args) {
        print(message, element, null, null, args);
    }

    /**
     * Reports {@code message} on one member of an annotation of {@code element}, such as the {@code value} of
     * {@code @Handler("bad name")}, so that the compiler points at the value. Falls back to the annotation,
     * then to the element, when the member is not written out (a default value).
     */
    void report(Message message, Element element, AnnotationMirror annotation, String member, Object... args) {
        print(message, element, annotation, annotation == null ? null : explicitValue(annotation, member), args);
    }

    /** Reports {@code message} where no element is to blame. */
    void report(Message message, Object... args) {
        messager.printMessage(message.kind(), message.format(args));
    }

    private void print(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
            Object... args) {
        if (value != null) {
            messager.printMessage(message.kind(), message.format(args), element, annotation, value);
        } else if (annotation != null) {
            messager.printMessage(message.kind(), message.format(args), element, annotation);
        } else {
            messager.printMessage(message.kind(), message.format(args), element);
        }
    }

    private static AnnotationValue explicitValue(AnnotationMirror annotation, String member) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
                : annotation.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(member)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
