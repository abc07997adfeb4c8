package io.managerhandlers.processor;

import io.managerhandlers.annotations.Handler;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** Reads a {@code @Handler} class into a {@link HandlerModel}, judging nothing: the validator does. */
final class HandlerReader {
    private final TypeInspector inspector;
    private final ConstructionReader constructions;

    HandlerReader(TypeInspector inspector, ConstructionReader constructions) {
        this.inspector = inspector;
        this.constructions = constructions;
    }

    HandlerModel read(TypeElement type) {
        Handler handler = type.getAnnotation(Handler.class);
        AnnotationMirror annotation = Annotations.find(type, Handler.class);
        List<DeclaredType> interfaces = inspector.handlerInterfaces(type);
        HandlerKind kind = null;
        TypeMirror input = null;
        TypeMirror output = null;
        if (interfaces.size() == 1) {
            DeclaredType implemented = interfaces.get(0);
            kind = HandlerKind.ofInterface(
                    ((TypeElement) implemented.asElement()).getQualifiedName().toString());
            if (kind == HandlerKind.REQUEST && implemented.getTypeArguments().size() == 2) {
                input = implemented.getTypeArguments().get(0);
                output = implemented.getTypeArguments().get(1);
            }
        }
        return new HandlerModel(handler.value(), handler.replicas(), kind, type, input, output,
                constructions.read(type), interfaces, annotation);
    }
}
