package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated files of each input set under {@code src/test/resources/cases/<case>/} (sources, and an
 * optional {@code options.txt} of compiler options) compared, byte for byte, with
 * {@code src/test/resources/golden/<case>/ManagerBootstrap.java}, {@code Handlers.java}, {@code Topics.java}, {@code HandlersClient.java}
 * and the OpenAPI document {@code openapi.json}.
 *
 * <p>To regenerate the golden files after an intended change to the output, run
 * <pre>
 * mvn -B test -pl processor -Dtest=GoldenFileTest -Dgolden.update=true
 * </pre>
 * which writes them instead of comparing (the test still fails if a case does not compile), then review the
 * diff under {@code src/test/resources/golden} before committing it.
 */
class GoldenFileTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String OPENAPI = "openapi.json";
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "typical, com.acme.shop",
        "option, com.example.generated",
        "minimal, org.example",
        "schemas, com.acme.catalog",
    })
    void generatedFilesMatchGoldenFiles(String name, String packageName) throws IOException {
        Compilation compilation = Compile.sources(Compile.caseOptions(name), Compile.caseSources(name));
        assertThat(compilation).succeededWithoutWarnings();
        for (String file : new String[] {"ManagerBootstrap", "Handlers", "Topics", "HandlersClient", OPENAPI}) {
            String generated = file.equals(OPENAPI) ? Compile.openApi(compilation)
                    : Compile.generated(compilation, packageName + "." + file);
            Path golden = GOLDEN.resolve(name).resolve(file.equals(OPENAPI) ? file : file + ".java");
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, generated);
            } else {
                assertThat(golden).as("golden file (regenerate with -Dgolden.update=true)").exists();
                assertThat(generated).as(golden.toString()).isEqualTo(Files.readString(golden));
            }
        }
    }
}
