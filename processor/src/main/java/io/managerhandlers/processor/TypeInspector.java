package io.managerhandlers.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/** Questions about types: which handler interfaces a class implements, and what its types contain. */
final class TypeInspector {
    private final Types types;

    TypeInspector(Types types) {
        this.types = types;
    }

    /**
     * Every handler interface among the supertypes of {@code type}, each once, in {@link HandlerKind} order,
     * with the type arguments substituted along the way: for {@code class X extends Base<Integer>} and
     * {@code class Base<T> implements RequestHandler<T, String>}, {@code RequestHandler<Integer, String>}. A
     * raw supertype on the way gives a raw {@code RequestHandler}, without type arguments.
     */
    List<DeclaredType> handlerInterfaces(TypeElement type) {
        Map<HandlerKind, DeclaredType> found = new EnumMap<>(HandlerKind.class);
        Deque<TypeMirror> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(type.asType());
        while (!queue.isEmpty()) {
            TypeMirror current = queue.poll();
            if (current.getKind() != TypeKind.DECLARED || !seen.add(current.toString())) {
                continue;
            }
            TypeElement element = (TypeElement) ((DeclaredType) current).asElement();
            HandlerKind kind = HandlerKind.ofInterface(element.getQualifiedName().toString());
            if (kind != null) {
                found.putIfAbsent(kind, (DeclaredType) current);
            } else {
                queue.addAll(types.directSupertypes(current));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The first type, among those the generated code would name for {@code type}, that the compiler could not
     * resolve (yet): a supertype, a handler's input or output, a constructor parameter other than the generated
     * Handlers and Topics, a subscriber's parameter.
     */
    Optional<TypeMirror> firstMissingType(TypeElement type, List<ExecutableElement> subscribeMethods) {
        Optional<TypeMirror> missing = missingSupertype(type);
        if (missing.isPresent()) {
            return missing;
        }
        for (DeclaredType handlerInterface : handlerInterfaces(type)) {
            for (TypeMirror argument : handlerInterface.getTypeArguments()) {
                missing = firstError(argument);
                if (missing.isPresent()) {
                    return missing;
                }
            }
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (!constructor.getModifiers().contains(Modifier.PUBLIC)) {
                continue;
            }
            for (VariableElement parameter : constructor.getParameters()) {
                // Handlers and Topics are ours to write: not a reason to wait, wherever they appear. (Anything
                // but a bare Handlers or Topics is then reported as not injectable.)
                missing = errors(parameter.asType()).stream().filter(t -> !isGeneratedName(t.toString())).findFirst();
                if (missing.isPresent()) {
                    return missing;
                }
            }
        }
        for (ExecutableElement method : subscribeMethods) {
            for (VariableElement parameter : method.getParameters()) {
                missing = firstError(parameter.asType());
                if (missing.isPresent()) {
                    return missing;
                }
            }
        }
        return Optional.empty();
    }

    /** The first type variable in {@code type}, if any. */
    Optional<TypeVariable> firstTypeVariable(TypeMirror type) {
        List<TypeVariable> variables = new ArrayList<>();
        visit(type, t -> {
            if (t.getKind() == TypeKind.TYPEVAR) {
                variables.add((TypeVariable) t);
            }
        });
        return variables.stream().findFirst();
    }

    /** Whether {@code type} names a generic class without its type arguments, anywhere within. */
    boolean containsRawType(TypeMirror type) {
        boolean[] raw = {false};
        visit(type, t -> {
            if (t.getKind() == TypeKind.DECLARED && ((DeclaredType) t).getTypeArguments().isEmpty()
                    && !((TypeElement) ((DeclaredType) t).asElement()).getTypeParameters().isEmpty()) {
                raw[0] = true;
            }
        });
        return raw[0];
    }

    /** Whether the checked exception {@code thrown} is checked: not a RuntimeException nor an Error. */
    boolean isChecked(TypeMirror thrown, TypeMirror runtimeException, TypeMirror error) {
        return !types.isAssignable(thrown, runtimeException) && !types.isAssignable(thrown, error);
    }

    private static Optional<TypeMirror> firstError(TypeMirror type) {
        return errors(type).stream().findFirst();
    }

    /** The unresolved types in {@code type}, outermost first. */
    private static List<TypeMirror> errors(TypeMirror type) {
        List<TypeMirror> errors = new ArrayList<>();
        visit(type, t -> {
            if (t.getKind() == TypeKind.ERROR) {
                errors.add(t);
            }
        });
        return errors;
    }

    private Optional<TypeMirror> missingSupertype(TypeElement type) {
        Deque<TypeElement> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            TypeElement current = queue.poll();
            if (!seen.add(current.getQualifiedName().toString())) {
                continue;
            }
            List<TypeMirror> supertypes = new ArrayList<>(current.getInterfaces());
            supertypes.add(current.getSuperclass());
            for (TypeMirror supertype : supertypes) {
                if (supertype.getKind() == TypeKind.ERROR) {
                    return Optional.of(supertype);
                } else if (supertype.getKind() == TypeKind.DECLARED) {
                    queue.add((TypeElement) ((DeclaredType) supertype).asElement());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether an unresolved type, as written, stands for a type this processor generates. */
    static boolean isGeneratedName(String written) {
        for (Injection injection : Injection.values()) {
            if (injection.generated() && (written.equals(injection.simpleName())
                    || written.endsWith("." + injection.simpleName()))) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code visitor} on {@code type} and every type within it (arguments, components, bounds). */
    private static void visit(TypeMirror type, java.util.function.Consumer<TypeMirror> visitor) {
        visitor.accept(type);
        switch (type.getKind()) {
            case DECLARED, ERROR -> {
                DeclaredType declared = (DeclaredType) type;
                declared.getTypeArguments().forEach(argument -> visit(argument, visitor));
                TypeMirror enclosing = declared.getEnclosingType();
                if (enclosing.getKind() == TypeKind.DECLARED) {
                    visit(enclosing, visitor);
                }
            }
            case ARRAY -> visit(((ArrayType) type).getComponentType(), visitor);
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    visit(wildcard.getExtendsBound(), visitor);
                }
                if (wildcard.getSuperBound() != null) {
                    visit(wildcard.getSuperBound(), visitor);
                }
            }
            default -> {
            }
        }
    }
}
