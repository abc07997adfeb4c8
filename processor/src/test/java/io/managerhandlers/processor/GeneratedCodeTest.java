package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.managerhandlers.processor.Compile.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated code itself: deterministic, warning-free, free of reflection, and it runs. */
class GeneratedCodeTest {
    private static final List<String> FILES = List.of("ManagerBootstrap", "Handlers", "Topics");

    @Test
    void theSameSourcesInAnotherOrderGiveTheSameFiles() {
        List<JavaFileObject> sources = Compile.caseSources("typical");
        List<JavaFileObject> reversed = new ArrayList<>(sources);
        Collections.reverse(reversed);
        List<JavaFileObject> shuffled = new ArrayList<>(sources);
        Collections.shuffle(shuffled, new java.util.Random(42));
        Compilation first = Compile.sources(List.of(), sources);
        for (List<JavaFileObject> order : List.of(reversed, shuffled)) {
            Compilation other = Compile.sources(List.of(), order);
            for (String name : FILES) {
                assertThat(Compile.generated(other, "com.acme.shop." + name))
                        .isEqualTo(Compile.generated(first, "com.acme.shop." + name));
            }
        }
    }

    @Test
    void theOrderOfMethodsInASourceDoesNotMatter() {
        String one = """
                    @Subscribe("b.topic")
                    public void beta(String event) {
                    }
                    @Subscribe("a.topic")
                    public void alpha(String event) {
                    }
                    @Subscribe("a.topic")
                    public void alpha(Integer event) {
                    }
                """;
        String other = """
                    @Subscribe("a.topic")
                    public void alpha(Integer event) {
                    }
                    @Subscribe("a.topic")
                    public void alpha(String event) {
                    }
                    @Subscribe("b.topic")
                    public void beta(String event) {
                    }
                """;
        // Two methods of one topic with different types are an error; give them separate topics instead.
        one = one.replaceFirst("\"a.topic\"\\)\n    public void alpha\\(Integer", "\"c.topic\")\n    public void alpha(Integer");
        other = other.replaceFirst("\"a.topic\"\\)\n    public void alpha\\(Integer", "\"c.topic\")\n    public void alpha(Integer");
        Compilation first = Compile.sources(file("test.Audit", "public final class Audit {\n" + one + "}\n"));
        Compilation second = Compile.sources(file("test.Audit", "public final class Audit {\n" + other + "}\n"));
        assertThat(first).succeededWithoutWarnings();
        for (String name : FILES) {
            assertThat(Compile.generated(second, "test." + name)).isEqualTo(Compile.generated(first, "test." + name));
        }
    }

    @Test
    void theGeneratedCodeCompilesWithTheRuntimeWithoutWarningsOrReflection() {
        Compilation compilation = Compile.sources(List.of(), Compile.caseSources("typical"));
        assertThat(compilation).succeededWithoutWarnings();
        for (String name : FILES) {
            String text = Compile.generated(compilation, "com.acme.shop." + name);
            String code = text.lines().filter(line -> !line.strip().startsWith("*") && !line.strip().startsWith("/**"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(code).doesNotContain("reflect", "Class.forName", "getDeclared", "newInstance", "new TypeToken")
                    .contains("@Generated(\"io.managerhandlers.processor.ManagerProcessor\")")
                    .doesNotContain("\t");
            assertThat(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "com.acme.shop",
                    name + ".class")).as(name + ".class").isPresent();
        }
    }

    @Test
    void aValidCompileReportsNothing() {
        Compilation compilation = Compile.sources(List.of(), Compile.caseSources("typical"));
        assertThat(compilation).succeeded();
        assertThat(compilation.diagnostics()).isEmpty();
    }

    @Test
    void rawTypesInTheUsersTypesAreSuppressedInTheGeneratedCode() {
        Compilation compilation = Compile.sources(file("test.Raw", """
                @Handler("raw")
                @SuppressWarnings("rawtypes")
                public final class Raw implements RequestHandler<List, Map<String, List>> {
                    @Override public Map<String, List> handle(List input, Call call) { return Map.of(); }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compile.generated(compilation, "test.Handlers")).contains("@SuppressWarnings(\"rawtypes\")");
    }

    /** Greeter answers with the size of its input; with {@code injected}, it takes Handlers and Topics too. */
    private static JavaFileObject greeter(boolean injected) {
        String constructor = injected ? """
                    private final Handlers handlers;
                    private final Topics topics;
                    public Greeter(Handlers handlers, Topics topics) {
                        this.handlers = handlers;
                        this.topics = topics;
                    }
                    @Override public Map<String, Integer> handle(List<String> names, Call call) {
                        topics.greetings().publish(handlers.echo().publish(names.get(0)));
                        return Map.of(names.get(0), names.size());
                    }
                """ : """
                    @Override public Map<String, Integer> handle(List<String> names, Call call) {
                        return Map.of(names.get(0), names.size());
                    }
                """;
        return file("test.Greeter", """
                @Handler("greeter")
                public final class Greeter implements RequestHandler<List<String>, Map<String, Integer>> {
                """ + constructor + "}\n");
    }

    /** Builds and starts the manager of ManagerBootstrap, calls Greeter, and returns its answer and the topic's. */
    private static String run(JavaFileObject greeter, String publish) throws Exception {
        JavaFileObject audit = file("test.Audit", """
                public final class Audit {
                    public static final java.util.concurrent.BlockingQueue<String> HEARD =
                            new java.util.concurrent.LinkedBlockingQueue<>();
                    @Subscribe("greetings")
                    public void on(String greeting) {
                        HEARD.add(greeting);
                    }
                }
                """);
        JavaFileObject main = file("test.Main", """
                public final class Main {
                    public static String run() throws Exception {
                        Manager manager = ManagerBootstrap.manager().build();
                        manager.startWithoutServer();
                        try {
                            Map<String, Integer> answer = Handlers.of(manager).greeter().publish(List.of("ada", "bob"));
                            %s
                            String heard = Audit.HEARD.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                            return answer + " " + heard;
                        } finally {
                            manager.stop();
                        }
                    }
                }
                """.formatted(publish));
        Compilation compilation = Compile.sources(HandlerDiagnosticsTest.echo("test.Echo", "echo"), greeter, audit,
                main);
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = new CompiledClassLoader(compilation, GeneratedCodeTest.class.getClassLoader());
        return (String) loader.loadClass("test.Main").getMethod("run").invoke(null);
    }

    @Test
    void theGeneratedBootstrapHandlersAndTopicsRun() throws Exception {
        String publish = "Topics.of(manager).greetings().publish(Handlers.of(manager).echo().publish(\"ada\"));";
        assertThat(run(greeter(false), publish)).isEqualTo("{ada=2} ada");
    }

    /** A handler whose constructor takes Handlers and Topics, as the contract allows. */
    @Test
    void handlersAndTopicsInjectedInAConstructorRun() throws Exception {
        assertThat(run(greeter(true), "")).isEqualTo("{ada=2} ada");
    }

    /** Loads the classes a compilation wrote to its in-memory class output. */
    private static final class CompiledClassLoader extends ClassLoader {
        private final Compilation compilation;

        CompiledClassLoader(Compilation compilation, ClassLoader parent) {
            super(parent);
            this.compilation = compilation;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            int dot = name.lastIndexOf('.');
            JavaFileObject file = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT,
                    name.substring(0, dot), name.substring(dot + 1) + ".class")
                    .orElseThrow(() -> new ClassNotFoundException(name));
            try (InputStream in = file.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
