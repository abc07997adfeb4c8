package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.managerhandlers.processor.Compile.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * When the files are written (rounds, deferral), in which package, and what happens when something goes
 * wrong: the package diagnostics, missing types, late classes, internal failures, and no noise around our
 * errors.
 */
class RoundsTest {
    /** Another annotation processor: writes one source file in its first round. */
    static final class WritesOnce extends AbstractProcessor {
        private final String qualifiedName;
        private final String text;
        private boolean done;

        WritesOnce(String qualifiedName, String text) {
            this.qualifiedName = qualifiedName;
            this.text = text;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
            if (!done) {
                done = true;
                try (Writer writer = processingEnv.getFiler().createSourceFile(qualifiedName).openWriter()) {
                    writer.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    private static final JavaFileObject USES_HANDLERS = file("test.Caller", """
            @Handler("caller")
            public final class Caller implements RequestHandler<String, String> {
                private final Handlers handlers;
                public Caller(Handlers handlers, Topics topics) {
                    this.handlers = handlers;
                }
                @Override public String handle(String input, Call call) { return handlers.caller().name(); }
            }
            """);

    @Test
    void handlersAndTopicsAreUnresolvedInTheFirstRoundAndAcceptedByName() {
        Compilation compilation = Compile.sources(USES_HANDLERS);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compile.generated(compilation, "test.ManagerBootstrap"))
                .contains("m -> new Caller(Handlers.of(m), Topics.of(m))");
    }

    @Test
    void handlersAndTopicsMayBeImportedOnDemandOrWrittenQualified() {
        JavaFileObject echo = com.google.testing.compile.JavaFileObjects.forSourceString("a.b.Echo", """
                package a.b;

                import gen.out.*;
                import io.managerhandlers.Call;
                import io.managerhandlers.RequestHandler;
                import io.managerhandlers.annotations.Handler;

                @Handler("echo")
                public final class Echo implements RequestHandler<String, String> {
                    public Echo(Handlers handlers, gen.out.Topics topics) {
                    }
                    @Override public String handle(String input, Call call) { return input; }
                }
                """);
        Compilation compilation = Compile.sources(List.of("-Amanagerhandlers.package=gen.out"), List.of(echo));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compile.generated(compilation, "gen.out.ManagerBootstrap"))
                .contains("m -> new Echo(Handlers.of(m), Topics.of(m))");
    }

    @Test
    void aClassWhoseTypesAnotherProcessorGeneratesIsReadInTheNextRound() {
        JavaFileObject handler = file("test.Prices", """
                @Handler("prices")
                public final class Prices implements RequestHandler<PriceQuery, List<Price>> {
                    public Prices(Handlers handlers) {
                    }
                    @Override public List<Price> handle(PriceQuery query, Call call) { return List.of(); }
                    @Subscribe("price")
                    public void on(Price price) {
                    }
                }
                """);
        JavaFileObject query = file("test.PriceQuery", "public record PriceQuery(String sku) {\n}\n");
        WritesOnce generator = new WritesOnce("test.Price", "package test;\npublic record Price(long cents) {\n}\n");
        Compilation compilation = Compile.sources(List.of(), List.of(handler, query), generator);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compile.generated(compilation, "test.Handlers"))
                .contains("public Endpoint<PriceQuery, List<Price>> prices()");
        assertThat(Compile.generated(compilation, "test.Topics")).contains("public Topic<Price> price()");
    }

    @Test
    void aTypeThatNoRoundCreatesIsReported() {
        JavaFileObject handler = file("test.Broken", """
                @Handler("broken")
                public final class Broken implements RequestHandler<Missing, String> {
                    @Override public String handle(Missing input, Call call) { return ""; }
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation)
                .hadErrorContaining("[MH-UNRESOLVED-TYPE] Broken refers to Missing, which no round of annotation"
                        + " processing created, so ManagerBootstrap, Handlers and Topics were not generated. Fix the"
                        + " missing type; the compiler reports where it is used.")
                .inFile(handler).onLineContaining("public final class Broken");
        assertThat(compilation).hadErrorContaining("cannot find symbol");
    }

    @Test
    void anAnnotatedClassThatAppearsAfterTheFilesWereWrittenIsReported() {
        WritesOnce generator = new WritesOnce("test.Late", """
                package test;
                @io.managerhandlers.annotations.Handler("late")
                public final class Late implements io.managerhandlers.RequestHandler<String, String> {
                    @Override public String handle(String input, io.managerhandlers.Call call) { return input; }
                }
                """);
        Compilation compilation = Compile.sources(List.of(), List.of(HandlerDiagnosticsTest.echo("test.Echo", "echo")),
                generator);
        assertThat(compilation).hadErrorCount(1);
        Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
        assertThat(error.getMessage(null)).isEqualTo("[MH-LATE-ELEMENT] Late appeared in round 2 of annotation"
                + " processing, after ManagerBootstrap, Handlers and Topics had been written without it. Declare it"
                + " in a source file, not in code generated by another annotation processor.");
        // The generated file is not available from a failed compilation: check its name and the line instead.
        assertThat(error.getSource().getName()).endsWith("test/Late.java");
        assertThat(error.getLineNumber()).isEqualTo(3);
    }

    @Test
    void classesThatShareNoPackageAreEachReported() {
        JavaFileObject one = HandlerDiagnosticsTest.echo("alpha.One", "one");
        JavaFileObject two = HandlerDiagnosticsTest.echo("beta.Two", "two");
        Compilation compilation = Compile.sources(one, two);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-NO-PACKAGE] One is in package \"alpha\", and the handlers and subscribers of"
                        + " this compilation share no package in which to generate ManagerBootstrap, Handlers and"
                        + " Topics. Name one with the compiler option -Amanagerhandlers.package=<package>, or move the"
                        + " classes under a common package.")
                .inFile(one).onLineContaining("public final class One");
        assertThat(compilation).hadErrorContaining("[MH-NO-PACKAGE] Two is in package \"beta\"")
                .inFile(two).onLineContaining("public final class Two");
    }

    @Test
    void theOptionNamesThePackageWhenClassesShareNone() {
        Compilation compilation = Compile.sources(List.of("-Amanagerhandlers.package=gamma"),
                List.of(HandlerDiagnosticsTest.echo("alpha.One", "one"),
                        HandlerDiagnosticsTest.echo("beta.Two", "two")));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(Compile.generated(compilation, "gamma.Handlers")).contains("one()", "two()");
    }

    @Test
    void theLongestCommonPackageIsChosen() {
        Compilation compilation = Compile.sources(HandlerDiagnosticsTest.echo("com.acme.orders.One", "one"),
                HandlerDiagnosticsTest.echo("com.acme.audit.Two", "two"),
                HandlerDiagnosticsTest.echo("com.acmex.Three", "three"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFile("com.Handlers")).isPresent();
    }

    @Test
    void anOptionThatIsNoPackageName() {
        JavaFileObject one = HandlerDiagnosticsTest.echo("alpha.One", "one");
        Compilation compilation = Compile.sources(List.of("-Amanagerhandlers.package=not-a.package"), List.of(one));
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-PACKAGE-OPTION] The compiler option -Amanagerhandlers.package=not-a.package"
                        + " is not a package name. Give a dotted Java package name, such as com.example.service.")
                .inFile(one).onLineContaining("public final class One");
    }

    @Test
    void anUnexpectedFailureIsReportedOnTheClassAndTheOthersAreStillGenerated() {
        JavaFileObject boom = HandlerDiagnosticsTest.echo("test.Boom", "boom");
        JavaFileObject fine = HandlerDiagnosticsTest.echo("test.Fine", "fine");
        ManagerProcessor processor = new ManagerProcessor(type -> {
            if (type.getSimpleName().contentEquals("Boom")) {
                throw new IllegalStateException("boom");
            }
        });
        JavaFileObject user = file("test.User", """
                public final class User {
                    public User(Handlers handlers, Topics topics) {
                    }
                }
                """);
        Compilation compilation = Compiler.javac().withProcessors(processor).compile(boom, fine, user);
        // One error: Handlers and Topics were written without Boom, so User compiles.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-INTERNAL] The manager-handlers processor failed on test.Boom:"
                        + " java.lang.IllegalStateException: boom. This is a bug in the processor; please report it"
                        + " with this class.")
                .inFile(boom).onLineContaining("public final class Boom");
    }

    @Test
    void aSourceThatDeclaresAGeneratedClassIsReported() {
        JavaFileObject handlers = file("test.Handlers", "public final class Handlers {\n}\n");
        Compilation compilation = Compile.sources(HandlerDiagnosticsTest.echo("test.Echo", "echo"), handlers);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-WRITE-FAILED] Could not write test.Handlers: Attempt to recreate a file for"
                        + " type test.Handlers. Check that the generated-sources directory is writable and that no"
                        + " other source declares that class.")
                .inFile(handlers).onLineContaining("public final class Handlers");
    }

    /**
     * One bad class among good ones: the files are still written from the good ones, so that the classes that
     * use Handlers and Topics compile, and the only error is ours, not a "cannot find symbol" for each use.
     */
    @Test
    void anErrorIsNotBuriedUnderCannotFindSymbol() {
        JavaFileObject bad = file("test.Bad", """
                @Handler("bad")
                public final class Bad {
                }
                """);
        JavaFileObject user = file("test.User", """
                public final class User {
                    private final Handlers handlers;
                    private final Topics topics;
                    public User(Handlers handlers, Topics topics) {
                        this.handlers = handlers;
                        this.topics = topics;
                    }
                }
                """);
        Compilation compilation = Compile.sources(USES_HANDLERS, bad, user);
        assertThat(compilation).failed();
        assertThat(compilation.errors()).extracting(d -> d.getMessage(null))
                .singleElement().asString().startsWith("[MH-NO-HANDLER-INTERFACE] Bad implements none");
        assertThat(compilation.diagnostics()).filteredOn(d -> d.getKind() == Diagnostic.Kind.WARNING).isEmpty();
    }
}
