package io.managerhandlers.processor;

import java.util.List;

/**
 * The JSON Schema (2020-12, as OpenAPI 3.1 uses) of a Java type, as Jackson with the runtime's strict
 * configuration reads and writes it. Records and enums are named: a {@link Ref} points at them by key, and
 * {@link OpenApiModel} holds each once.
 */
sealed interface Schema {
    /** Any JSON value ({@code Object}, {@code JsonNode}, a type variable). */
    record Any() implements Schema {
    }

    /** A JSON scalar, or an object Jackson writes from a class that is neither a record nor an enum. */
    record Scalar(String type, String format) implements Schema {
    }

    /** An array: a list, a set ({@code unique}), a collection or a Java array. */
    record ArrayOf(Schema items, boolean unique) implements Schema {
    }

    /** An object whose every value has one schema: a {@code Map} (keys are strings in JSON). */
    record MapOf(Schema values) implements Schema {
    }

    /** The value, or JSON {@code null}: an {@code Optional} (empty is written as null, and read from null). */
    record Nullable(Schema value) implements Schema {
    }

    /** A record or an enum, by its {@link Named#key()}. */
    record Ref(String key) implements Schema {
    }

    /** A record or an enum, written once under {@code components/schemas}. */
    sealed interface Named {
        /** The type as javac writes it, with its type arguments: unique, and what the names are made from. */
        String key();

        /** The simple name, with the type arguments' simple names: {@code Page_Order} for {@code Page<Order>}. */
        String simpleName();

        /** The javadoc's text, or empty. */
        String description();
    }

    /** A record: its components in declaration order; all required but the {@code Optional} ones. */
    record ObjectType(String key, String simpleName, String description, List<Property> properties)
            implements Named {
    }

    /** An enum: its constants' names, in declaration order, as Jackson writes them. */
    record EnumType(String key, String simpleName, String description, List<String> values) implements Named {
    }

    /** A record component. */
    record Property(String name, Schema schema, boolean required) {
    }
}
