package io.managerhandlers.processor;

import io.managerhandlers.annotations.Transport;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Subscribe} method, as written.
 *
 * @param topic the topic's name
 * @param transport how the topic's messages travel
 * @param method the method
 * @param type its parameter's type, as declared; null unless it takes exactly one parameter
 * @param annotation the {@code @Subscribe} annotation, to report on
 */
record SubscriptionModel(String topic, Transport transport, ExecutableElement method, TypeMirror type,
        AnnotationMirror annotation) {
}
