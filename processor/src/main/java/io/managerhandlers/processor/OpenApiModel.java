package io.managerhandlers.processor;

import io.managerhandlers.processor.Schema.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the OpenAPI document says: one operation per request handler, sorted by name, and the records and
 * enums they use, each under a component name that is unique in the document.
 *
 * @param title the document's title (the generated package)
 * @param operations the request handlers, by name
 * @param schemas the records and enums by component name, sorted
 * @param names the component name of each {@link Named#key()}
 */
record OpenApiModel(String title, List<Operation> operations, Map<String, Named> schemas, Map<String, String> names) {
    /** Component names of the framework's own schemas, which a user's type must not take. */
    static final Set<String> RESERVED = Set.of("Error");

    /**
     * One {@code POST /{name}}.
     *
     * @param name the handler's name
     * @param operationId the method name in {@code Handlers}
     * @param className the handler class's qualified name
     * @param description the handler class's javadoc, as text (empty for none)
     * @param input the input's schema; null for a {@code String} input, which is the raw text body
     * @param output the output's schema
     */
    record Operation(String name, String operationId, String className, String description, Schema input,
            Schema output) {
    }

    /** The model of the valid request handlers of a compilation. */
    static OpenApiModel read(String title, List<HandlerModel> handlers, Types types, Elements elements) {
        SchemaReader reader = new SchemaReader(types, elements);
        Map<String, Operation> operations = new TreeMap<>();
        for (HandlerModel handler : handlers) {
            if (handler.kind() != HandlerKind.REQUEST) {
                continue;
            }
            Schema input = isString(handler.input()) ? null : reader.read(handler.input());
            operations.put(handler.name(), new Operation(handler.name(), Names.methodName(handler.name()),
                    handler.type().getQualifiedName().toString(),
                    Javadocs.text(elements.getDocComment(handler.type())), input, reader.read(handler.output())));
        }
        return new OpenApiModel(title, List.copyOf(operations.values()), byName(reader.named()), names(reader.named()));
    }

    private static boolean isString(TypeMirror type) {
        return type instanceof DeclaredType declared && declared.toString().equals("java.lang.String");
    }

    /**
     * Each type's simple name ({@code Order}, {@code Page_Order}) when no other type of the document and no
     * reserved name has it; otherwise its qualified name, with what a component name may not hold as '_'.
     */
    private static Map<String, String> names(Map<String, Named> byKey) {
        Map<String, Integer> counts = new HashMap<>();
        RESERVED.forEach(name -> counts.put(name, 1));
        byKey.values().forEach(named -> counts.merge(named.simpleName(), 1, Integer::sum));
        Map<String, String> names = new TreeMap<>();
        for (Named named : byKey.values()) {
            names.put(named.key(), counts.get(named.simpleName()) == 1 ? named.simpleName()
                    : named.key().replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return names;
    }

    private static Map<String, Named> byName(Map<String, Named> byKey) {
        Map<String, String> names = names(byKey);
        Map<String, Named> byName = new TreeMap<>();
        byKey.values().forEach(named -> byName.put(names.get(named.key()), named));
        return byName;
    }
}
