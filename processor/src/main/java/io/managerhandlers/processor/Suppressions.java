package io.managerhandlers.processor;

import com.palantir.javapoet.AnnotationSpec;

/** The warnings a generated file suppresses, only when it must. */
final class Suppressions {
    /**
     * A handler or subscriber type that names a generic class without type arguments ({@code List}) makes the
     * generated code name it too; the warning belongs to the user's declaration, which javac reports there.
     */
    static final AnnotationSpec RAWTYPES = AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "$S", "rawtypes")
            .build();

    private Suppressions() {
    }
}
