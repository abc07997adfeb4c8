package io.managerhandlers.processor;

/**
 * What a handler's or subscriber's constructor may take, and how the generated factory lambda (whose
 * parameter is the manager, {@code m}) provides it.
 */
enum Injection {
    /** The generated {@code Handlers}, in the generated package. */
    HANDLERS("Handlers", null),
    /** The generated {@code Topics}, in the generated package. */
    TOPICS("Topics", null),
    BUS("Bus", "m.bus()"),
    REMOTE("Remote", "m.remote()"),
    SHARED_STATE("SharedState", "m.state()");

    /** The package of the runtime's API types. */
    static final String RUNTIME_PACKAGE = "io.managerhandlers";

    private final String simpleName;
    private final String expression;

    Injection(String simpleName, String expression) {
        this.simpleName = simpleName;
        this.expression = expression;
    }

    /** The type's simple name. */
    String simpleName() {
        return simpleName;
    }

    /** Whether the processor itself generates this type (so it does not exist before the first round ends). */
    boolean generated() {
        return expression == null;
    }

    /** The expression of a runtime type, such as {@code m.state()}; null for a generated type. */
    String expression() {
        return expression;
    }

    /** The injection of a parameter whose type is {@code qualifiedName}, or null. */
    static Injection ofType(String qualifiedName, String generatedPackage) {
        for (Injection injection : values()) {
            String expected = (injection.generated() ? generatedPackage : RUNTIME_PACKAGE) + "."
                    + injection.simpleName;
            if (expected.equals(qualifiedName)) {
                return injection;
            }
        }
        return null;
    }

    /**
     * The generated type that an unresolved type written as {@code written} (such as {@code Handlers} or
     * {@code com.acme.Handlers}) stands for, or null.
     */
    static Injection ofUnresolved(String written, String generatedPackage) {
        for (Injection injection : values()) {
            if (injection.generated() && (written.equals(injection.simpleName)
                    || written.equals(generatedPackage + "." + injection.simpleName))) {
                return injection;
            }
        }
        return null;
    }
}
