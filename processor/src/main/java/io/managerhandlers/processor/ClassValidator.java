package io.managerhandlers.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;

/**
 * Checks that ManagerBootstrap can construct a class (handler or subscriber alike) with a plain constructor
 * call: a public, concrete, static, non-generic class or record, with one public constructor whose
 * parameters can all be injected.
 */
final class ClassValidator {
    private final ErrorReporter reporter;

    ClassValidator(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    /** Reports every problem with constructing {@code construction}'s class; true when there is none. */
    boolean validate(Construction construction) {
        TypeElement type = construction.type();
        String name = displayName(type);
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            reporter.report(Message.NOT_A_CLASS, type, name, kindInWords(type.getKind()));
            return false;
        }
        boolean valid = true;
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            reporter.report(Message.ABSTRACT_CLASS, type, name);
            valid = false;
        }
        List<String> notPublic = notPublic(type);
        if (!notPublic.isEmpty()) {
            reporter.report(Message.NOT_PUBLIC_CLASS, type, name, String.join(" and ", notPublic));
            valid = false;
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            reporter.report(Message.INNER_CLASS, type, name, displayName((TypeElement) type.getEnclosingElement()));
            valid = false;
        }
        if (!type.getTypeParameters().isEmpty()) {
            reporter.report(Message.GENERIC_CLASS, type, name, type.getTypeParameters().stream()
                    .map(TypeParameterElement::getSimpleName)
                    .map(Object::toString)
                    .collect(Collectors.joining(", ", "<", ">")));
            valid = false;
        }
        int constructors = construction.publicConstructors().size();
        if (constructors == 0) {
            reporter.report(Message.NO_PUBLIC_CONSTRUCTOR, type, name);
            valid = false;
        } else if (constructors > 1) {
            reporter.report(Message.SEVERAL_PUBLIC_CONSTRUCTORS, type, name, constructors);
            valid = false;
        }
        for (Construction.Parameter parameter : construction.parameters()) {
            if (parameter.injection() == null) {
                reporter.report(Message.NOT_INJECTABLE, parameter.element(), parameter.element().getSimpleName(),
                        name, parameter.element().asType());
                valid = false;
            }
        }
        return valid;
    }

    /** The class and the classes enclosing it that are not public, innermost first. */
    private static List<String> notPublic(TypeElement type) {
        List<String> names = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                names.add(displayName(t));
            }
        }
        return names;
    }

    private static String kindInWords(ElementKind kind) {
        return switch (kind) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** A class as users write it in their package: {@code Orders}, {@code Outer.Nested}. */
    static String displayName(TypeElement type) {
        String qualified = type.getQualifiedName().toString();
        Element e = type;
        while (e.getEnclosingElement() instanceof TypeElement enclosing) {
            e = enclosing;
        }
        String top = ((TypeElement) e).getQualifiedName().toString();
        return qualified.substring(top.length() - e.getSimpleName().length());
    }
}
