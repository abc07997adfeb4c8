package io.managerhandlers.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** What every generated file shares: {@code @Generated}, its originating elements, its format, its writing. */
final class JavaFiles {
    static final String PROCESSOR = "io.managerhandlers.processor.ManagerProcessor";
    static final ClassName MANAGER = ClassName.get(Injection.RUNTIME_PACKAGE, "Manager");

    private final Filer filer;
    private final Elements elements;
    private final ErrorReporter reporter;
    private final boolean generatedAvailable;

    JavaFiles(Filer filer, Elements elements, ErrorReporter reporter) {
        this.filer = filer;
        this.elements = elements;
        this.reporter = reporter;
        // javax.annotation.processing.Generated lives in the java.compiler module; a modular application that
        // does not read it still compiles, without the annotation.
        this.generatedAvailable = elements.getTypeElement("javax.annotation.processing.Generated") != null;
    }

    /** A public final class builder with {@code @Generated} (no date, so that builds are reproducible). */
    TypeSpec.Builder classBuilder(String simpleName, List<TypeElement> originatingElements) {
        TypeSpec.Builder type = TypeSpec.classBuilder(simpleName)
                .addModifiers(javax.lang.model.element.Modifier.PUBLIC, javax.lang.model.element.Modifier.FINAL);
        if (generatedAvailable) {
            type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", PROCESSOR)
                    .build());
        }
        originatingElements.forEach(type::addOriginatingElement);
        return type;
    }

    /** The source text of {@code type} in {@code packageName}, as it is written. */
    static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type).indent("    ").skipJavaLangImports(true).build();
    }

    /** Writes a resource ({@code path} in the class output), such as the OpenAPI document. */
    void writeResource(String path, String text, List<TypeElement> originatingElements) {
        try (java.io.OutputStream out = filer.createResource(javax.tools.StandardLocation.CLASS_OUTPUT, "", path,
                originatingElements.toArray(new TypeElement[0])).openOutputStream()) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            reporter.report(Message.WRITE_FAILED, path, e.getMessage());
        }
    }

    void write(String packageName, TypeSpec type) {
        try {
            file(packageName, type).writeTo(filer);
        } catch (IOException e) {
            // Most often a source of the compilation declares the class already: report on it.
            String name = packageName + "." + type.name();
            TypeElement existing = elements.getTypeElement(name);
            if (existing != null) {
                reporter.report(Message.WRITE_FAILED, existing, name, e.getMessage());
            } else {
                reporter.report(Message.WRITE_FAILED, name, e.getMessage());
            }
        }
    }
}
