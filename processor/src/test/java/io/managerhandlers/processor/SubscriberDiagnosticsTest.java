package io.managerhandlers.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.managerhandlers.processor.Compile.file;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The diagnostics about @Subscribe methods and topics. Each asserts the text, the file and the line. */
class SubscriberDiagnosticsTest {
    /** A public subscriber class {@code test.<simpleName>} whose body is {@code members}. */
    private static JavaFileObject subscriber(String simpleName, String members) {
        return file("test." + simpleName, "public final class " + simpleName + " {\n" + members + "}\n");
    }

    @Test
    void topicNameOutsideTheAllowedCharacters() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("bad topic!")
                    public void on(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-NAME] Topic name \"bad topic!\" is not allowed: it must match"
                        + " [A-Za-z0-9_.-]+. Use only letters, digits, '.', '-' and '_'.")
                .inFile(source).onLineContaining("@Subscribe(\"bad topic!\")");
    }

    @Test
    void notPublic() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    void on(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-NOT-PUBLIC] @Subscribe method Audit.on is not public, so"
                        + " ManagerBootstrap cannot bind it. Make it public.")
                .inFile(source).onLineContaining("void on(String event)");
    }

    @Test
    void isStatic() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public static void on(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-STATIC] @Subscribe method Audit.on is static, but subscribers are"
                        + " methods of the class's one instance. Remove static.")
                .inFile(source).onLineContaining("public static void on");
    }

    @Test
    void returnsAValue() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public boolean on(String event) {
                        return true;
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-RETURNS-VALUE] @Subscribe method Audit.on returns boolean, which"
                        + " nobody would receive. Make it return void.")
                .inFile(source).onLineContaining("public boolean on");
    }

    @Test
    void takesNoParameter() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public void on() {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-PARAMETERS] @Subscribe method Audit.on takes 0 parameters, but a"
                        + " subscriber takes exactly one: the message. Take one parameter.")
                .inFile(source).onLineContaining("public void on()");
    }

    @Test
    void takesTwoParameters() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public void on(String event, String more) {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-PARAMETERS] @Subscribe method Audit.on takes 2 parameters")
                .inFile(source).onLineContaining("public void on(String event, String more)");
    }

    @Test
    void throwsACheckedException() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public void on(String event) throws java.io.IOException, IllegalStateException {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-SUBSCRIBE-THROWS] @Subscribe method Audit.on declares the checked exception"
                        + " java.io.IOException, which a subscriber cannot throw. Catch it in the method, or throw an"
                        + " unchecked exception.")
                .inFile(source).onLineContaining("public void on(String event) throws");
    }

    @Test
    void typeVariableParameter() {
        JavaFileObject source = subscriber("Audit", """
                    @Subscribe("events")
                    public <T> void on(List<T> events) {
                    }
                """);
        Compilation compilation = Compile.sources(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-TYPE-VARIABLE] Audit.on uses the type variable T in its parameter, which the"
                        + " generated code cannot turn into a type. Use a concrete type.")
                .inFile(source).onLineContaining("public <T> void on");
    }

    @Test
    void subscribersOfOneTopicWithDifferentTypesAreReportedOnEachNamingTheOther() {
        JavaFileObject audit = subscriber("Audit", """
                    @Subscribe("events")
                    public void on(String event) {
                    }
                """);
        JavaFileObject metrics = subscriber("Metrics", """
                    @Subscribe("events")
                    public void count(List<String> events) {
                    }
                """);
        Compilation compilation = Compile.sources(audit, metrics);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-TYPES] Topic \"events\" is subscribed with two message types: Audit.on"
                        + " takes java.lang.String, but Metrics.count takes java.util.List<java.lang.String>. Make every"
                        + " subscriber of a topic take the same type.")
                .inFile(audit).onLineContaining("public void on(String event)");
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-TYPES] Topic \"events\" is subscribed with two message types:"
                        + " Metrics.count takes java.util.List<java.lang.String>, but Audit.on takes java.lang.String.")
                .inFile(metrics).onLineContaining("public void count(List<String> events)");
    }

    @Test
    void aPrimitiveAndItsBoxAreOneType() {
        JavaFileObject audit = subscriber("Audit", """
                    @Subscribe("counts")
                    public void on(int count) {
                    }
                    @Subscribe("counts")
                    public void boxed(Integer count) {
                    }
                """);
        assertThat(Compile.sources(audit)).succeededWithoutWarnings();
    }

    @Test
    void subscribersOfOneTopicOverDifferentTransports() {
        JavaFileObject audit = subscriber("Audit", """
                    @Subscribe("events")
                    public void local(String event) {
                    }
                    @Subscribe(value = "events", transport = Transport.REDIS)
                    public void redis(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(audit);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-TRANSPORTS] Topic \"events\" is subscribed over two transports:"
                        + " Audit.local uses LOCAL, but Audit.redis uses REDIS. Use one transport for every subscriber"
                        + " of a topic.")
                .inFile(audit).onLineContaining("public void local");
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-TRANSPORTS] Topic \"events\" is subscribed over two transports:"
                        + " Audit.redis uses REDIS, but Audit.local uses LOCAL.")
                .inFile(audit).onLineContaining("public void redis");
    }

    @Test
    void twoTopicsThatGiveOneMethodOfTopics() {
        JavaFileObject audit = subscriber("Audit", """
                    @Subscribe("audit.events")
                    public void dotted(String event) {
                    }
                    @Subscribe("audit-events")
                    public void dashed(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(audit);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-METHOD-COLLISION] Topics \"audit-events\" (Audit.dashed) and"
                        + " \"audit.events\" (Audit.dotted) would both become the method Topics.auditEvents(). Rename"
                        + " one of them.")
                .inFile(audit).onLineContaining("@Subscribe(\"audit-events\")");
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-METHOD-COLLISION] Topics \"audit.events\" (Audit.dotted) and"
                        + " \"audit-events\" (Audit.dashed) would both become the method Topics.auditEvents().")
                .inFile(audit).onLineContaining("@Subscribe(\"audit.events\")");
    }

    @Test
    void topicNameThatGivesNoLegalMethod() {
        JavaFileObject audit = subscriber("Audit", """
                    @Subscribe("default")
                    public void on(String event) {
                    }
                """);
        Compilation compilation = Compile.sources(audit);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("[MH-TOPIC-METHOD-NAME] Topic name \"default\" gives the method name \"default\""
                        + " in Topics, which is a Java keyword. Choose a name that starts with a letter and gives no"
                        + " Java keyword, no method of Object and not \"of\".")
                .inFile(audit).onLineContaining("@Subscribe(\"default\")");
    }

    @Test
    void aHandlerClassWithSubscribeMethodsIsAlsoASubscriber() {
        JavaFileObject orders = file("test.Orders", """
                @Handler("orders")
                public final class Orders implements RequestHandler<String, String> {
                    public Orders(SharedState state) {
                    }
                    @Override public String handle(String input, Call call) { return input; }
                    @Subscribe("prices")
                    public void price(Map<String, Long> prices) {
                    }
                }
                """);
        Compilation compilation = Compile.sources(orders);
        assertThat(compilation).succeededWithoutWarnings();
        org.assertj.core.api.Assertions.assertThat(Compile.generated(compilation, "test.ManagerBootstrap"))
                .contains(".subscriber(m -> new Orders(m.state()), (subscriber, on) -> on")
                .contains(".on(\"prices\", Transport.LOCAL,")
                .contains("TypeToken.<Map<String, Long>>parameterized(Map.class, TypeToken.of(String.class),"
                        + " TypeToken.of(Long.class)),");
    }
}
