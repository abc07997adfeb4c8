package io.managerhandlers.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Handler} class, as written; the validator decides whether it is usable.
 *
 * @param name the handler's name
 * @param replicas the replica count
 * @param kind the handler interface it implements, null unless exactly one
 * @param type the class
 * @param input a request handler's input type, null for file handlers or when it cannot be resolved
 * @param output a request handler's output type, likewise
 * @param construction how it is constructed
 * @param interfaces every handler interface found among its supertypes, with its type arguments as resolved
 *     for this class (a raw {@code RequestHandler} has none)
 * @param annotation the {@code @Handler} annotation, to report on
 */
record HandlerModel(String name, int replicas, HandlerKind kind, TypeElement type, TypeMirror input,
        TypeMirror output, Construction construction, List<DeclaredType> interfaces, AnnotationMirror annotation) {

    /** The constructor's injections, in order. */
    List<Injection> constructorParameters() {
        return construction.injections();
    }
}
