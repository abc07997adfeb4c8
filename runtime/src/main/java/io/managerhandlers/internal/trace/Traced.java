package io.managerhandlers.internal.trace;

/** Something that runs in a trace: a bus call, whose trace may be made only when first asked for. */
public interface Traced {
    Trace trace();
}
