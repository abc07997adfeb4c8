package io.managerhandlers.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The shape {@code Handlers}, {@code Topics} and {@code HandlersClient} share: per handler or topic, a private
 * final field set once in the private constructor, and a public method of the same name that returns it.
 * Each writer gives the accessors and what surrounds them (the class's Javadoc, its factory methods).
 */
final class AccessorClass {
    /**
     * One handler or topic: its method (and field) name, the type it returns, how the constructor gets it,
     * its method's Javadoc, and whether its type names a raw type (the class then suppresses the warning).
     */
    record Accessor(String method, TypeName type, CodeBlock init, CodeBlock javadoc, boolean raw) {
    }

    private AccessorClass() {
    }

    /** A field per accessor, and the constructor's statement that sets it. */
    static void addFields(TypeSpec.Builder type, MethodSpec.Builder constructor, List<Accessor> accessors) {
        for (Accessor accessor : accessors) {
            type.addField(FieldSpec.builder(accessor.type(), accessor.method(), Modifier.PRIVATE, Modifier.FINAL)
                    .build());
            constructor.addStatement("this.$N = $L", accessor.method(), accessor.init());
        }
    }

    /** The public method per accessor, then the raw-type suppression if any accessor needs it. */
    static void addMethods(TypeSpec.Builder type, List<Accessor> accessors) {
        for (Accessor accessor : accessors) {
            type.addMethod(MethodSpec.methodBuilder(accessor.method())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(accessor.type())
                    .addJavadoc(accessor.javadoc())
                    .addStatement("return $N", accessor.method())
                    .build());
        }
    }

    /** Adds {@code @SuppressWarnings("rawtypes")} when an accessor's type names a raw type. */
    static void suppressRawTypes(TypeSpec.Builder type, List<Accessor> accessors) {
        if (accessors.stream().anyMatch(Accessor::raw)) {
            type.addAnnotation(Suppressions.RAWTYPES);
        }
    }
}
