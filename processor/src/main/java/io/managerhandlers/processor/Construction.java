package io.managerhandlers.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * How ManagerBootstrap constructs a class, as written: its public constructors and, when there is exactly
 * one, the injection of each of its parameters.
 *
 * @param type the class
 * @param publicConstructors every public constructor
 * @param parameters the parameters of the single public constructor; empty when there is not exactly one
 */
record Construction(TypeElement type, List<ExecutableElement> publicConstructors, List<Parameter> parameters) {

    /** One constructor parameter and what it is injected with; {@code injection} null when nothing can be. */
    record Parameter(VariableElement element, Injection injection) {
    }

    /** The injections in parameter order; only meaningful once validated. */
    List<Injection> injections() {
        return parameters.stream().map(Parameter::injection).toList();
    }
}
