package io.managerhandlers.processor;

import io.managerhandlers.processor.Schema.Any;
import io.managerhandlers.processor.Schema.ArrayOf;
import io.managerhandlers.processor.Schema.EnumType;
import io.managerhandlers.processor.Schema.MapOf;
import io.managerhandlers.processor.Schema.Named;
import io.managerhandlers.processor.Schema.Nullable;
import io.managerhandlers.processor.Schema.ObjectType;
import io.managerhandlers.processor.Schema.Property;
import io.managerhandlers.processor.Schema.Ref;
import io.managerhandlers.processor.Schema.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads Java types into {@link Schema}s, as Jackson reads and writes them with the runtime's configuration
 * (Jdk8Module, JavaTimeModule with dates as ISO-8601 text). Generic types are resolved where they are used:
 * {@code Page<Order>} is a schema of its own, whose {@code List<T>} component is a list of {@code Order}.
 */
final class SchemaReader {
    /** Formats of JSON scalars by the Java class, as Jackson writes them. */
    private static final Map<String, Scalar> SCALARS = Map.ofEntries(
            Map.entry("java.lang.String", new Scalar("string", null)),
            Map.entry("java.lang.CharSequence", new Scalar("string", null)),
            Map.entry("java.lang.Boolean", new Scalar("boolean", null)),
            Map.entry("java.lang.Byte", new Scalar("integer", "int8")),
            Map.entry("java.lang.Short", new Scalar("integer", "int16")),
            Map.entry("java.lang.Integer", new Scalar("integer", "int32")),
            Map.entry("java.lang.Long", new Scalar("integer", "int64")),
            Map.entry("java.lang.Float", new Scalar("number", "float")),
            Map.entry("java.lang.Double", new Scalar("number", "double")),
            Map.entry("java.lang.Character", new Scalar("string", "char")),
            Map.entry("java.math.BigDecimal", new Scalar("number", "decimal")),
            Map.entry("java.math.BigInteger", new Scalar("integer", "big-integer")),
            Map.entry("java.time.Instant", new Scalar("string", "date-time")),
            Map.entry("java.time.OffsetDateTime", new Scalar("string", "date-time")),
            Map.entry("java.time.ZonedDateTime", new Scalar("string", "date-time")),
            Map.entry("java.time.LocalDate", new Scalar("string", "date")),
            Map.entry("java.time.LocalDateTime", new Scalar("string", "local-date-time")),
            Map.entry("java.time.LocalTime", new Scalar("string", "partial-time")),
            Map.entry("java.time.OffsetTime", new Scalar("string", "time")),
            // JavaTimeModule writes a Duration as seconds (3.5) unless WRITE_DURATIONS_AS_TIMESTAMPS is off.
            Map.entry("java.time.Duration", new Scalar("number", "duration-seconds")),
            Map.entry("java.time.Period", new Scalar("string", "duration")),
            Map.entry("java.time.Year", new Scalar("integer", "int32")),
            Map.entry("java.time.YearMonth", new Scalar("string", "year-month")),
            Map.entry("java.time.ZoneId", new Scalar("string", "zone-id")),
            Map.entry("java.time.ZoneOffset", new Scalar("string", "zone-offset")),
            Map.entry("java.util.UUID", new Scalar("string", "uuid")),
            Map.entry("java.net.URI", new Scalar("string", "uri")),
            Map.entry("java.net.URL", new Scalar("string", "uri")),
            Map.entry("java.util.OptionalInt", new Scalar("integer", "int32")),
            Map.entry("java.util.OptionalLong", new Scalar("integer", "int64")),
            Map.entry("java.util.OptionalDouble", new Scalar("number", "double")));

    private final Types types;
    private final Elements elements;
    private final Map<String, Named> named = new TreeMap<>();

    SchemaReader(Types types, Elements elements) {
        this.types = types;
        this.elements = elements;
    }

    /** Every record and enum read so far, by key. */
    Map<String, Named> named() {
        return named;
    }

    Schema read(TypeMirror type) {
        switch (type.getKind()) {
            case BOOLEAN: return new Scalar("boolean", null);
            case BYTE: return SCALARS.get("java.lang.Byte");
            case SHORT: return SCALARS.get("java.lang.Short");
            case INT: return SCALARS.get("java.lang.Integer");
            case LONG: return SCALARS.get("java.lang.Long");
            case FLOAT: return SCALARS.get("java.lang.Float");
            case DOUBLE: return SCALARS.get("java.lang.Double");
            case CHAR: return SCALARS.get("java.lang.Character");
            case ARRAY: {
                TypeMirror component = ((ArrayType) type).getComponentType();
                // Jackson writes byte[] as base64 text.
                return component.getKind() == TypeKind.BYTE ? new Scalar("string", "byte")
                        : new ArrayOf(read(component), false);
            }
            case WILDCARD: {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                return bound == null ? new Any() : read(bound);
            }
            case DECLARED:
                return declared((DeclaredType) type);
            default:
                return new Any();        // type variables: nothing more is known
        }
    }

    private Schema declared(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        String name = element.getQualifiedName().toString();
        Scalar scalar = SCALARS.get(name);
        if (scalar != null) {
            return name.startsWith("java.util.Optional") ? new Nullable(scalar) : scalar;
        }
        switch (name) {
            case "java.lang.Object", "com.fasterxml.jackson.databind.JsonNode" -> {
                return new Any();
            }
            case "java.lang.Void" -> {
                return new Scalar("null", null);
            }
            case "java.util.Optional" -> {
                return new Nullable(argument(type, 0));
            }
            default -> {
            }
        }
        DeclaredType map = supertype(type, "java.util.Map");
        if (map != null) {
            return new MapOf(argument(map, 1));
        }
        DeclaredType collection = supertype(type, "java.util.Collection");
        if (collection != null) {
            return new ArrayOf(argument(collection, 0), supertype(type, "java.util.Set") != null);
        }
        if (element.getKind() == ElementKind.ENUM) {
            return enumType(type, element);
        }
        if (element.getKind() == ElementKind.RECORD) {
            return record(type, element);
        }
        // A bean or another class Jackson writes as an object: its properties are not described.
        return new Scalar("object", null);
    }

    private Schema enumType(DeclaredType type, TypeElement element) {
        String key = type.toString();
        if (!named.containsKey(key)) {
            List<String> values = new ArrayList<>();
            for (Element enclosed : element.getEnclosedElements()) {
                if (enclosed.getKind() == ElementKind.ENUM_CONSTANT) {
                    values.add(enclosed.getSimpleName().toString());
                }
            }
            named.put(key, new EnumType(key, simpleName(type), Javadocs.text(elements.getDocComment(element)),
                    values));
        }
        return new Ref(key);
    }

    private Schema record(DeclaredType type, TypeElement element) {
        String key = type.toString();
        if (!named.containsKey(key)) {
            // Registered before its components are read, so that a record that contains itself ends.
            List<Property> properties = new ArrayList<>();
            named.put(key, new ObjectType(key, simpleName(type), Javadocs.text(elements.getDocComment(element)),
                    properties));
            for (RecordComponentElement component : element.getRecordComponents()) {
                TypeMirror componentType = component.getAccessor() == null ? component.asType()
                        : ((ExecutableType) types.asMemberOf(type, component.getAccessor())).getReturnType();
                Schema schema = read(componentType);
                properties.add(new Property(component.getSimpleName().toString(), schema,
                        !(schema instanceof Nullable)));
            }
        }
        return new Ref(key);
    }

    /** The {@code index}th type argument of {@code type}, any value when raw. */
    private Schema argument(DeclaredType type, int index) {
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        return arguments.size() > index ? read(arguments.get(index)) : new Any();
    }

    /** {@code type} seen as the generic interface {@code name}, with its arguments; null if it is none. */
    private DeclaredType supertype(DeclaredType type, String name) {
        TypeElement target = elements.getTypeElement(name);
        if (target == null || !types.isAssignable(types.erasure(type), types.erasure(target.asType()))) {
            return null;
        }
        List<TypeMirror> queue = new ArrayList<>(List.of(type));
        while (!queue.isEmpty()) {
            TypeMirror current = queue.remove(0);
            if (current instanceof DeclaredType declared
                    && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(name)) {
                return declared;
            }
            queue.addAll(types.directSupertypes(current));
        }
        return null;
    }

    /** {@code Order}, {@code Page_Order} for {@code Page<Order>}, {@code Outer.Inner} for a nested type. */
    private String simpleName(DeclaredType type) {
        StringBuilder name = new StringBuilder();
        Element element = type.asElement();
        String own = element.getSimpleName().toString();
        Element outer = element.getEnclosingElement();
        while (outer instanceof TypeElement enclosing) {
            own = enclosing.getSimpleName() + "." + own;
            outer = enclosing.getEnclosingElement();
        }
        name.append(own);
        for (TypeMirror argument : type.getTypeArguments()) {
            name.append('_').append(argumentName(argument));
        }
        return name.toString();
    }

    private String argumentName(TypeMirror argument) {
        return switch (argument.getKind()) {
            case DECLARED -> simpleName((DeclaredType) argument);
            case ARRAY -> argumentName(((ArrayType) argument).getComponentType()) + "Array";
            case WILDCARD -> ((WildcardType) argument).getExtendsBound() == null ? "Object"
                    : argumentName(((WildcardType) argument).getExtendsBound());
            default -> argument.getKind().isPrimitive() ? argument.toString() : "Object";
        };
    }
}
