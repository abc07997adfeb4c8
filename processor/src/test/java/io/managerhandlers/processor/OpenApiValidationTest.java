package io.managerhandlers.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every golden OpenAPI document (which {@link GoldenFileTest} holds equal to what the processor writes) is valid
 * OpenAPI 3.1 for {@code @apidevtools/swagger-parser}. Needs {@code node} and {@code npm ci} in
 * {@code src/test/node}; skipped, with the reason, without them.
 */
class OpenApiValidationTest {
    private static final Path NODE_DIR = Path.of("src/test/node");

    @Test
    void goldenDocumentsAreValidOpenApi31() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/@apidevtools/swagger-parser")),
                "swagger-parser is not installed: run `npm ci --prefix processor/src/test/node`");
        List<String> command = new ArrayList<>(List.of("node", "validate.js"));
        try (Stream<Path> goldens = Files.list(Path.of("src/test/resources/golden"))) {
            goldens.sorted().forEach(dir -> command.add(dir.resolve("openapi.json").toAbsolutePath().toString()));
        }
        Process node;
        try {
            node = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "node is not installed: " + e.getMessage());
            return;
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node ended").isTrue();
        assertThat(output).contains("valid ").doesNotContain("invalid");
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.startsWith("valid ")).count()).isEqualTo(command.size() - 2);
    }
}
