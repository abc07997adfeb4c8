package io.managerhandlers.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads how a class is constructed: its public constructors and what each parameter is injected with. */
final class ConstructionReader {
    private final String generatedPackage;
    private final Elements elements;

    /** {@code generatedPackage}: where Handlers and Topics are generated, to recognise them. */
    ConstructionReader(String generatedPackage, Elements elements) {
        this.generatedPackage = generatedPackage;
        this.elements = elements;
    }

    Construction read(TypeElement type) {
        // The implicit default constructor has the class's access: it counts as public, so that a class that
        // is not public is told so once, not also that it lacks a public constructor.
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(constructor -> constructor.getModifiers().contains(Modifier.PUBLIC)
                        || elements.getOrigin(constructor) == Elements.Origin.MANDATED)
                .toList();
        List<Construction.Parameter> parameters = constructors.size() != 1 ? List.of()
                : constructors.get(0).getParameters().stream()
                        .map(parameter -> new Construction.Parameter(parameter, injection(parameter)))
                        .toList();
        return new Construction(type, constructors, parameters);
    }

    /**
     * What {@code parameter} is injected with, or null. Before this processor's first files exist (the first
     * round), a parameter of type {@code Handlers} or {@code Topics} is an unresolved ("error") type, known
     * only by the name written in the source: it is recognised by that name.
     */
    private Injection injection(VariableElement parameter) {
        TypeMirror type = parameter.asType();
        if (type.getKind() == TypeKind.ERROR) {
            return Injection.ofUnresolved(type.toString(), generatedPackage);
        } else if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            return Injection.ofType(element.getQualifiedName().toString(), generatedPackage);
        }
        return null;
    }
}
