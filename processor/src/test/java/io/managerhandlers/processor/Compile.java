package io.managerhandlers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles sources with the processor, as a user's build would, and reads what it generated. */
final class Compile {
    /** Every lint but "processing" (which flags annotations no processor claims, such as @Override). */
    static final List<String> LINT = List.of("-Xlint:all,-processing");
    static final Path CASES = Path.of("src/test/resources/cases");

    private Compile() {
    }

    static Compilation sources(JavaFileObject... sources) {
        return sources(List.of(), List.of(sources));
    }

    static Compilation sources(List<String> options, List<JavaFileObject> sources, Processor... others) {
        List<Processor> processors = new ArrayList<>(List.of(others));
        processors.add(new ManagerProcessor());
        List<String> all = new ArrayList<>(LINT);
        all.addAll(options);
        return Compiler.javac().withProcessors(processors).withOptions(all).compile(sources);
    }

    /**
     * A source file of class {@code qualifiedName} whose text is {@code body}, after its package declaration
     * and imports of the runtime API, the annotations and {@code java.util}.
     */
    static JavaFileObject file(String qualifiedName, String body) {
        int dot = qualifiedName.lastIndexOf('.');
        String header = (dot < 0 ? "" : "package " + qualifiedName.substring(0, dot) + ";\n\n")
                + "import io.managerhandlers.*;\n"
                + "import io.managerhandlers.annotations.*;\n"
                + "import java.util.*;\n\n";
        return JavaFileObjects.forSourceString(qualifiedName, header + body);
    }

    /** A source file of {@code lines}, named after its class. */
    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    /** The text of a generated source file. */
    static String generated(Compilation compilation, String qualifiedName) {
        Optional<JavaFileObject> file = compilation.generatedSourceFile(qualifiedName);
        assertThat(file).as("generated " + qualifiedName + "; diagnostics: " + compilation.diagnostics())
                .isPresent();
        try {
            return file.get().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAPI document the processor wrote to the class output. */
    static String openApi(Compilation compilation) {
        Optional<JavaFileObject> file = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT,
                "META-INF/manager-handlers/openapi.json");
        assertThat(file).as("generated openapi.json; diagnostics: " + compilation.diagnostics()).isPresent();
        try (java.io.InputStream in = file.get().openInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sources of one case directory under {@code src/test/resources/cases}, sorted by path. */
    static List<JavaFileObject> caseSources(String name) {
        Path root = CASES.resolve(name);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().map(f -> {
                String relative = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                String qualifiedName = relative.substring(0, relative.length() - ".java".length());
                try {
                    return JavaFileObjects.forSourceString(qualifiedName, Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiler options of a case: its {@code options.txt}, one per line, if any. */
    static List<String> caseOptions(String name) {
        Path options = CASES.resolve(name).resolve("options.txt");
        try {
            return Files.exists(options)
                    ? Files.readAllLines(options).stream().map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
