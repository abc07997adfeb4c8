package io.managerhandlers.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Writes the expression of a {@code TypeToken} for a type, built explicitly from class literals so that the
 * generated code needs no reflection on user classes and no anonymous subclass:
 * <ul>
 * <li>{@code Order}: {@code TypeToken.of(Order.class)}; {@code int}: {@code TypeToken.of(int.class)} (boxed
 * by the runtime); {@code Order[]}: {@code TypeToken.of(Order[].class)}</li>
 * <li>{@code List<Order>}: {@code TypeToken.<List<Order>>parameterized(List.class, TypeToken.of(Order.class))}</li>
 * <li>{@code List<Order>[]}: {@code TypeToken.<List<Order>[]>arrayOf(...)}</li>
 * <li>{@code ?}, {@code ? extends B}, {@code ? super B}: {@code TypeToken.subtypeOf(TypeToken.of(Object.class))},
 * {@code TypeToken.subtypeOf(...)}, {@code TypeToken.supertypeOf(...)}</li>
 * </ul>
 * The outermost call of a generic type names its type argument ({@code TypeToken.<List<Order>>...}), so that
 * the token's type is exact wherever it is used; nested ones are {@code TypeToken<?>} arguments and need none.
 */
final class TypeTokens {
    static final ClassName TYPE_TOKEN = ClassName.get(Injection.RUNTIME_PACKAGE, "TypeToken");

    private final Types types;

    TypeTokens(Types types) {
        this.types = types;
    }

    /** The token of {@code type}, whose type is exactly {@code TypeToken<type>} (primitives boxed). */
    CodeBlock of(TypeMirror type) {
        return token(type, true);
    }

    private CodeBlock token(TypeMirror type, boolean outermost) {
        if (type.getKind().isPrimitive() || isPlain(type)) {
            return CodeBlock.of("$T.of($T.class)", TYPE_TOKEN, TypeName.get(types.erasure(type)));
        }
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                CodeBlock.Builder arguments = CodeBlock.builder();
                for (TypeMirror argument : declared.getTypeArguments()) {
                    arguments.add(", $L", token(argument, false));
                }
                return CodeBlock.of(outermost ? "$T.<$T>parameterized($T.class$L)" : "$T.parameterized($T.class$L)",
                        witness(TYPE_TOKEN, type, outermost, TypeName.get(types.erasure(type)), arguments.build()));
            }
            case ARRAY -> {
                CodeBlock component = token(((ArrayType) type).getComponentType(), false);
                return CodeBlock.of(outermost ? "$T.<$T>arrayOf($L)" : "$T.arrayOf($L)",
                        witness(TYPE_TOKEN, type, outermost, component));
            }
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getSuperBound() != null) {
                    return CodeBlock.of("$T.supertypeOf($L)", TYPE_TOKEN, token(wildcard.getSuperBound(), false));
                }
                TypeMirror bound = wildcard.getExtendsBound();
                return CodeBlock.of("$T.subtypeOf($L)", TYPE_TOKEN,
                        bound == null ? CodeBlock.of("$T.of($T.class)", TYPE_TOKEN, ClassName.OBJECT)
                                : token(bound, false));
            }
            default -> throw new IllegalArgumentException("no type token for " + type + " (" + type.getKind() + ")");
        }
    }

    /** The format arguments, with the type witness after {@code TypeToken} when outermost. */
    private static Object[] witness(ClassName typeToken, TypeMirror type, boolean outermost, Object... rest) {
        List<Object> arguments = new java.util.ArrayList<>();
        arguments.add(typeToken);
        if (outermost) {
            arguments.add(TypeName.get(type));
        }
        arguments.addAll(List.of(rest));
        return arguments.toArray();
    }

    /**
     * Whether a class literal says all of {@code type}: a class without type arguments (raw types included),
     * or an array of such classes or primitives.
     */
    private static boolean isPlain(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> ((DeclaredType) type).getTypeArguments().isEmpty()
                    && !hasParameterizedOwner((DeclaredType) type);
            case ARRAY -> {
                TypeMirror component = ((ArrayType) type).getComponentType();
                yield component.getKind().isPrimitive() || isPlain(component);
            }
            default -> false;
        };
    }

    private static boolean hasParameterizedOwner(DeclaredType type) {
        TypeMirror owner = type.getEnclosingType();
        return owner.getKind() == TypeKind.DECLARED && (!((DeclaredType) owner).getTypeArguments().isEmpty()
                || hasParameterizedOwner((DeclaredType) owner));
    }
}
