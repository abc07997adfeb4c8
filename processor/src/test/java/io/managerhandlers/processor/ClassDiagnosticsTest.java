package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.managerhandlers.processor.Compile.file;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics about constructing a class, for handlers and subscribers alike. Each asserts the text, the
 * file and the line.
 */
class ClassDiagnosticsTest {
    private static final String HANDLE = "    @Override public String handle(String input, Call call) { return input; }\n";

    @Test
    void abstractHandler() {
        JavaFileObject handler = file("test.Abstract", """
                @Handler("abstract-one")
                public abstract class Abstract implements RequestHandler<String, String> {
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-ABSTRACT-CLASS] Abstract is abstract, so ManagerBootstrap cannot construct it."
                        + " Make it a concrete class, or move the annotations to a concrete subclass.")
                .inFile(handler).onLineContaining("public abstract class Abstract");
    }

    @Test
    void interfaceHandler() {
        JavaFileObject handler = file("test.Contract", """
                @Handler("contract")
                public interface Contract extends RequestHandler<String, String> {
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-A-CLASS] Contract is an interface, which ManagerBootstrap cannot"
                        + " construct. Put @Handler and @Subscribe on a class or a record.")
                .inFile(handler).onLineContaining("public interface Contract");
    }

    @Test
    void nonPublicHandler() {
        JavaFileObject handler = file("test.Hidden", """
                @Handler("hidden")
                final class Hidden implements RequestHandler<String, String> {
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-PUBLIC-CLASS] Hidden is not public, so ManagerBootstrap cannot construct"
                        + " it. Make Hidden public.")
                .inFile(handler).onLineContaining("final class Hidden");
    }

    @Test
    void publicNestedClassInANonPublicClass() {
        JavaFileObject handler = file("test.Outer", """
                final class Outer {
                    @Handler("nested")
                    public static final class Nested implements RequestHandler<String, String> {
                """ + HANDLE + "    }\n}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-PUBLIC-CLASS] Outer.Nested is not public, so ManagerBootstrap cannot"
                        + " construct it. Make Outer public.")
                .inFile(handler).onLineContaining("public static final class Nested");
    }

    @Test
    void innerClass() {
        JavaFileObject handler = file("test.Outer", """
                public final class Outer {
                    @Handler("inner")
                    public final class Inner implements RequestHandler<String, String> {
                """ + HANDLE + "    }\n}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-INNER-CLASS] Outer.Inner is an inner class: constructing it needs an instance"
                        + " of Outer. Declare it static.")
                .inFile(handler).onLineContaining("public final class Inner");
    }

    @Test
    void genericClass() {
        JavaFileObject handler = file("test.Generic", """
                @Handler("generic")
                public final class Generic<T, U> implements RequestHandler<T, String> {
                    @Override public String handle(T input, Call call) { return ""; }
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-GENERIC-CLASS] Generic declares the type parameters <T, U>, which"
                        + " ManagerBootstrap cannot choose. Remove them; a generic base class extended with concrete"
                        + " type arguments is fine.")
                .inFile(handler).onLineContaining("public final class Generic");
    }

    @Test
    void noPublicConstructor() {
        JavaFileObject handler = file("test.Private", """
                @Handler("private-one")
                public final class Private implements RequestHandler<String, String> {
                    private Private() {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NO-PUBLIC-CONSTRUCTOR] Private has no public constructor, so"
                        + " ManagerBootstrap cannot construct it. Add one public constructor.")
                .inFile(handler).onLineContaining("public final class Private");
    }

    @Test
    void severalPublicConstructors() {
        JavaFileObject handler = file("test.Two", """
                @Handler("two")
                public final class Two implements RequestHandler<String, String> {
                    public Two() {
                    }
                    public Two(Bus bus) {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SEVERAL-CONSTRUCTORS] Two has 2 public constructors, and ManagerBootstrap"
                        + " needs exactly one to know which to call. Keep one public and make the others non-public.")
                .inFile(handler).onLineContaining("public final class Two");
    }

    @Test
    void constructorParameterThatCannotBeInjectedIsReportedOnTheParameter() {
        JavaFileObject handler = file("test.Greedy", """
                @Handler("greedy")
                public final class Greedy implements RequestHandler<String, String> {
                    public Greedy(Bus bus,
                            String greeting) {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-INJECTABLE] Parameter \"greeting\" of the constructor of Greedy has the"
                        + " type java.lang.String, which cannot be injected. A constructor may take only Handlers,"
                        + " Topics, Bus, Remote and SharedState; keep anything else in the SharedState or create it in"
                        + " the constructor.")
                .inFile(handler).onLineContaining("String greeting");
    }

    @Test
    void aClassNamedHandlersInAnotherPackageIsNotInjectable() {
        JavaFileObject other = file("other.Handlers", "public final class Handlers {\n}\n");
        JavaFileObject handler = file("test.Wrong", """
                @Handler("wrong")
                public final class Wrong implements RequestHandler<String, String> {
                    public Wrong(other.Handlers handlers) {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(other, handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-INJECTABLE] Parameter \"handlers\" of the constructor of Wrong has the"
                        + " type other.Handlers")
                .inFile(handler).onLineContaining("other.Handlers handlers");
    }

    @Test
    void aGeneratedTypeInsideAnotherTypeIsNotInjectable() {
        JavaFileObject handler = file("test.Many", """
                @Handler("many")
                public final class Many implements RequestHandler<String, String> {
                    public Many(List<Handlers> handlers) {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NOT-INJECTABLE] Parameter \"handlers\" of the constructor of Many has the"
                        + " type java.util.List<Handlers>, which cannot be injected.")
                .inFile(handler).onLineContaining("public Many(List<Handlers> handlers)");
    }

    @Test
    void everyInjectableTypeIsAccepted() {
        JavaFileObject handler = file("test.Everything", """
                @Handler("everything")
                public final class Everything implements RequestHandler<String, String> {
                    public Everything(Handlers handlers, Topics topics, Bus bus, Remote remote, SharedState state) {
                    }
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).succeededWithoutWarnings();
        org.assertj.core.api.Assertions.assertThat(Compile.generated(compilation, "test.ManagerBootstrap"))
                .contains("m -> new Everything(Handlers.of(m), Topics.of(m), m.bus(), m.remote(), m.state())");
    }

    @Test
    void aRecordIsConstructedWithItsCanonicalConstructor() {
        JavaFileObject handler = file("test.Greeting", """
                @Handler("greeting")
                public record Greeting(SharedState state, Bus bus) implements RequestHandler<String, String> {
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).succeededWithoutWarnings();
        org.assertj.core.api.Assertions.assertThat(Compile.generated(compilation, "test.ManagerBootstrap"))
                .contains("m -> new Greeting(m.state(), m.bus())");
    }

    @Test
    void anEnumIsNotAClass() {
        JavaFileObject handler = file("test.Single", """
                @Handler("single")
                public enum Single implements RequestHandler<String, String> {
                    INSTANCE;
                """ + HANDLE + "}\n");
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[MH-NOT-A-CLASS] Single is an enum, which ManagerBootstrap"
                + " cannot construct.").inFile(handler).onLineContaining("public enum Single");
    }

    @Test
    void theClassRulesApplyToSubscriberClassesToo() {
        JavaFileObject subscriber = file("test.Listener", """
                public abstract class Listener {
                    private Listener() {
                    }
                    @Subscribe("events")
                    public void on(String event) {
                    }
                }
                """);
        Compilation compilation = Compile.sources(subscriber);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[MH-ABSTRACT-CLASS] Listener is abstract")
                .inFile(subscriber).onLineContaining("public abstract class Listener");
        assertThat(compilation).hadErrorContaining("[MH-NO-PUBLIC-CONSTRUCTOR] Listener has no public constructor")
                .inFile(subscriber).onLineContaining("public abstract class Listener");
    }

    @Test
    void nonPublicAndInnerSubscriberClasses() {
        JavaFileObject subscriber = file("test.Outer", """
                public final class Outer {
                    public final class Inner {
                        @Subscribe("inner")
                        public void on(String event) {
                        }
                    }
                    static final class Hidden {
                        @Subscribe("hidden")
                        public void on(String event) {
                        }
                    }
                }
                """);
        Compilation compilation = Compile.sources(subscriber);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("[MH-INNER-CLASS] Outer.Inner is an inner class")
                .inFile(subscriber).onLineContaining("public final class Inner");
        assertThat(compilation).hadErrorContaining("[MH-NOT-PUBLIC-CLASS] Outer.Hidden is not public")
                .inFile(subscriber).onLineContaining("static final class Hidden");
    }
}
