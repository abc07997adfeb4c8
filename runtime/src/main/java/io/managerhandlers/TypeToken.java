package io.managerhandlers;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A full generic type, such as {@code List<Order>}, for registering handlers and state keys whose types
 * are generic. Built explicitly, as the generated code does:
 *
 * <pre>{@code TypeToken<List<Order>> orders = TypeToken.parameterized(List.class, TypeToken.of(Order.class));}</pre>
 *
 * or, when writing by hand, captured from an anonymous subclass:
 *
 * <pre>{@code TypeToken<List<Order>> orders = new TypeToken<>() {};}</pre>
 */
public class TypeToken<T> {
    private final Type type;

    /** Captures the type argument of an anonymous subclass: {@code new TypeToken<List<Order>>() {}}. */
    protected TypeToken() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("new TypeToken<...>() {} needs its type argument");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    private TypeToken(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A plain class, or a primitive (boxed). */
    @SuppressWarnings("unchecked")
    public static <T> TypeToken<T> of(Class<T> type) {
        return new TypeToken<>(type.isPrimitive() ? (Class<T>) box(type) : type);
    }

    /** {@code raw<arguments...>}, such as {@code Map<String, List<Order>>}. */
    public static <T> TypeToken<T> parameterized(Class<?> raw, TypeToken<?>... arguments) {
        if (raw.getTypeParameters().length != arguments.length) {
            throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
                    + " type arguments, not " + arguments.length);
        }
        Type[] types = Arrays.stream(arguments).map(TypeToken::type).toArray(Type[]::new);
        return new TypeToken<>(new Parameterized(raw, raw.getEnclosingClass(), types));
    }

    /** {@code component[]}, for a generic component such as {@code List<Order>[]}. */
    public static <T> TypeToken<T> arrayOf(TypeToken<?> component) {
        Type c = component.type;
        return new TypeToken<>(c instanceof Class<?> k ? k.arrayType() : new GenericArray(c));
    }

    /** {@code ? extends bound}. */
    public static <T> TypeToken<T> subtypeOf(TypeToken<?> bound) {
        return new TypeToken<>(new Wildcard(new Type[] {bound.type}, new Type[0]));
    }

    /** {@code ? super bound}. */
    public static <T> TypeToken<T> supertypeOf(TypeToken<?> bound) {
        return new TypeToken<>(new Wildcard(new Type[] {Object.class}, new Type[] {bound.type}));
    }

    /** The type. */
    public final Type type() {
        return type;
    }

    /** The type's class, without its arguments. */
    public final Class<?> rawType() {
        return rawType(type);
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        } else if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        } else if (type instanceof GenericArrayType a) {
            return rawType(a.getGenericComponentType()).arrayType();
        } else if (type instanceof WildcardType w) {
            return rawType(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof TypeToken<?> t && type.getTypeName().equals(t.type.getTypeName());
    }

    @Override
    public final int hashCode() {
        return type.getTypeName().hashCode();
    }

    @Override
    public final String toString() {
        return type.getTypeName();
    }

    private record Parameterized(Class<?> raw, Type owner, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public String getTypeName() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType()) && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ raw.hashCode() ^ Objects.hashCode(owner);
        }
    }

    private record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String getTypeName() {
            return component.getTypeName() + "[]";
        }
    }

    private record Wildcard(Type[] upper, Type[] lower) implements WildcardType {
        @Override
        public Type[] getUpperBounds() {
            return upper.clone();
        }

        @Override
        public Type[] getLowerBounds() {
            return lower.clone();
        }

        @Override
        public String getTypeName() {
            return lower.length > 0 ? "? super " + lower[0].getTypeName()
                    : upper[0] == Object.class ? "?" : "? extends " + upper[0].getTypeName();
        }
    }
}
