package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.managerhandlers.processor.Compile.file;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The diagnostics about handlers: names, replicas, interfaces. Each asserts the text, the file and the line. */
class HandlerDiagnosticsTest {
    /** A request handler of String to String named {@code name}. */
    static JavaFileObject echo(String qualifiedName, String name) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        return file(qualifiedName, """
                @Handler("%s")
                public final class %s implements RequestHandler<String, String> {
                    @Override public String handle(String input, Call call) { return input; }
                }
                """.formatted(name, simple));
    }

    @Test
    void duplicateNamesAreReportedOnBothHandlersEachNamingTheOther() {
        JavaFileObject orders = echo("test.Orders", "orders");
        JavaFileObject ordersV2 = echo("test.OrdersV2", "orders");
        Compilation compilation = Compile.sources(orders, ordersV2);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-NAME] Two handlers are named \"orders\": Orders and OrdersV2."
                        + " Rename one of them.")
                .inFile(orders).onLineContaining("@Handler(\"orders\")");
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-NAME] Two handlers are named \"orders\": OrdersV2 and Orders."
                        + " Rename one of them.")
                .inFile(ordersV2).onLineContaining("@Handler(\"orders\")");
    }

    @Test
    void duplicateNamesOfClassesWithOneSimpleNameGiveQualifiedNames() {
        JavaFileObject first = echo("test.a.Orders", "orders");
        JavaFileObject second = echo("test.b.Orders", "orders");
        Compilation compilation = Compile.sources(first, second);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-NAME] Two handlers are named \"orders\": test.a.Orders and"
                        + " test.b.Orders. Rename one of them.")
                .inFile(first).onLineContaining("@Handler(\"orders\")");
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-NAME] Two handlers are named \"orders\": test.b.Orders and"
                        + " test.a.Orders. Rename one of them.")
                .inFile(second).onLineContaining("@Handler(\"orders\")");
    }

    @Test
    void handlerNameOutsideTheAllowedCharacters() {
        JavaFileObject bad = echo("test.Bad", "bad name");
        Compilation compilation = Compile.sources(bad);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-HANDLER-NAME] Handler name \"bad name\" is not allowed: a handler's name is"
                        + " its URL path segment and must match [A-Za-z0-9_-]+. Use only letters, digits, '-' and '_'.")
                .inFile(bad).onLineContaining("@Handler(\"bad name\")");
    }

    @ParameterizedTest
    @CsvSource({"shutdown", "stream", "observe"})
    void reservedHandlerName(String name) {
        JavaFileObject reserved = echo("test.Reserved", name);
        Compilation compilation = Compile.sources(reserved);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-RESERVED-NAME] Handler name \"" + name + "\" is reserved: /shutdown, /stream"
                        + " and /observe are served by the framework itself. Choose another name.")
                .inFile(reserved).onLineContaining("@Handler(\"" + name + "\")");
    }

    @Test
    void twoNamesThatGiveOneMethodOfHandlers() {
        JavaFileObject dashed = echo("test.Dashed", "audit-log");
        JavaFileObject underscored = echo("test.Underscored", "audit_log");
        Compilation compilation = Compile.sources(dashed, underscored);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-HANDLER-METHOD-COLLISION] Handlers \"audit-log\" (Dashed) and \"audit_log\""
                        + " (Underscored) would both become the method Handlers.auditLog(). Rename one of them.")
                .inFile(dashed).onLineContaining("@Handler(\"audit-log\")");
        assertThat(compilation)
                .hadErrorContaining("[MH-HANDLER-METHOD-COLLISION] Handlers \"audit_log\" (Underscored) and"
                        + " \"audit-log\" (Dashed) would both become the method Handlers.auditLog(). Rename one of them.")
                .inFile(underscored).onLineContaining("@Handler(\"audit_log\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "class    | class    | is a Java keyword",
        "1st      | 1st      | starts with a digit",
        "get-class| getClass | is a Method of Object",
        "hashCode | hashCode | is a method of Object",
        "wait     | wait     | is a method of Object",
        "of       | of       | is taken by the factory method of()",
        "_        | ''       | is empty",
    })
    void nameThatGivesNoLegalMethod(String name, String method, String why) {
        why = why.replace("Method", "method");
        JavaFileObject handler = echo("test.Named", name);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-HANDLER-METHOD-NAME] Handler name \"" + name + "\" gives the method name \""
                        + method + "\" in Handlers, which " + why + ". Choose a name that starts with a letter and"
                        + " gives no Java keyword, no method of Object and not \"of\".")
                .inFile(handler).onLineContaining("@Handler(\"" + name + "\")");
    }

    @Test
    void fileHandlerNamesNeedNoMethod() {
        JavaFileObject upload = file("test.Upload", """
                @Handler("class")
                public final class Upload implements UploadHandler {
                    @Override public String upload(Call c, java.io.InputStream b, String n, long s) { return n; }
                }
                """);
        assertThat(Compile.sources(upload)).succeededWithoutWarnings();
    }

    @Test
    void replicasBelowOne() {
        JavaFileObject handler = file("test.Zero", """
                @Handler(value = "zero",
                        replicas = 0)
                public final class Zero implements RequestHandler<String, String> {
                    @Override public String handle(String input, Call call) { return input; }
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-REPLICAS] Handler \"zero\" has replicas = 0, but it needs at least 1. Set"
                        + " replicas to 1 or more.")
                .inFile(handler).onLineContaining("replicas = 0");
    }

    @Test
    void noHandlerInterface() {
        JavaFileObject handler = file("test.Nothing", """
                @Handler("nothing")
                public final class Nothing {
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-NO-HANDLER-INTERFACE] Nothing implements none of RequestHandler, UploadHandler,"
                        + " DownloadHandler and MetadataHandler. Implement exactly one of them.")
                .inFile(handler).onLineContaining("public final class Nothing");
    }

    @Test
    void severalHandlerInterfaces() {
        JavaFileObject handler = file("test.Both", """
                @Handler("both")
                public final class Both implements RequestHandler<String, String>, DownloadHandler {
                    @Override public String handle(String input, Call call) { return input; }
                    @Override public FileContent download(Call call, String id) { return null; }
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SEVERAL-HANDLER-INTERFACES] Both implements RequestHandler and"
                        + " DownloadHandler, but a handler implements exactly one of RequestHandler, UploadHandler,"
                        + " DownloadHandler and MetadataHandler. Split it into one class per interface.")
                .inFile(handler).onLineContaining("public final class Both");
    }

    @Test
    void rawRequestHandler() {
        JavaFileObject handler = file("test.Raw", """
                @Handler("raw")
                @SuppressWarnings("rawtypes")
                public final class Raw implements RequestHandler {
                    @Override public Object handle(Object input, Call call) { return input; }
                }
                """);
        Compilation compilation = Compile.sources(handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-RAW-REQUEST-HANDLER] Raw implements the raw type RequestHandler, so its input"
                        + " and output types are unknown. Give them: RequestHandler<Input, Output>.")
                .inFile(handler).onLineContaining("public final class Raw");
    }

    @Test
    void rawRequestHandlerThroughARawSuperclass() {
        JavaFileObject base = file("test.Base", """
                public abstract class Base<T> implements RequestHandler<T, String> {
                }
                """);
        JavaFileObject handler = file("test.Sub", """
                @Handler("sub")
                @SuppressWarnings({"rawtypes", "unchecked"})
                public final class Sub extends Base {
                    @Override public String handle(Object input, Call call) { return ""; }
                }
                """);
        Compilation compilation = Compile.sources(base, handler);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("[MH-RAW-REQUEST-HANDLER] Sub implements the raw type")
                .inFile(handler).onLineContaining("public final class Sub");
    }

    @Test
    void typeArgumentsResolvedThroughSuperclassesAndSuperinterfaces() {
        JavaFileObject contract = file("test.Contract", """
                public interface Contract<A> extends RequestHandler<List<A>, Map<String, A>> {
                }
                """);
        JavaFileObject base = file("test.Base", """
                public abstract class Base<B> implements Contract<B> {
                }
                """);
        JavaFileObject handler = file("test.Concrete", """
                @Handler("concrete")
                public final class Concrete extends Base<Integer> {
                    @Override public Map<String, Integer> handle(List<Integer> input, Call call) { return Map.of(); }
                }
                """);
        Compilation compilation = Compile.sources(contract, base, handler);
        assertThat(compilation).succeededWithoutWarnings();
        org.assertj.core.api.Assertions.assertThat(Compile.generated(compilation, "test.Handlers"))
                .contains("public Endpoint<List<Integer>, Map<String, Integer>> concrete()");
    }

    @Test
    void twoHandlersOfOneFileKindAreReportedOnBoth() {
        String body = """
                @Handler("%s")
                public final class %s implements UploadHandler {
                    @Override public String upload(Call c, java.io.InputStream b, String n, long s) { return n; }
                }
                """;
        JavaFileObject first = file("test.First", body.formatted("first", "First"));
        JavaFileObject second = file("test.Second", body.formatted("second", "Second"));
        Compilation compilation = Compile.sources(first, second);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-FILE-HANDLER] Two upload handlers: \"first\" (First) and"
                        + " \"second\" (Second), but a service serves one route of each file kind. Remove one of them.")
                .inFile(first).onLineContaining("public final class First");
        assertThat(compilation)
                .hadErrorContaining("[MH-DUPLICATE-FILE-HANDLER] Two upload handlers: \"second\" (Second) and"
                        + " \"first\" (First), but a service serves one route of each file kind. Remove one of them.")
                .inFile(second).onLineContaining("public final class Second");
    }
}
