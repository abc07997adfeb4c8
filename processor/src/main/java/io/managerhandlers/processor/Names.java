package io.managerhandlers.processor;

import io.managerhandlers.annotations.NameRules;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/** The rules for handler and topic names ({@link NameRules}), and the method names they become in Handlers and Topics. */
final class Names {
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]");

    /** Methods every class has (Object's), and the static factory of Handlers and Topics. */
    private static final Set<String> TAKEN_METHODS = Set.of("getClass", "hashCode", "equals", "toString",
            "notify", "notifyAll", "wait", "clone", "finalize");

    private Names() {
    }

    static boolean isHandlerName(String name) {
        return NameRules.isHandlerName(name);
    }

    static boolean isReserved(String name) {
        return NameRules.isReserved(name);
    }

    static boolean isTopicName(String name) {
        return NameRules.isTopicName(name);
    }

    /**
     * The method name of a handler or topic: split on {@code -}, {@code _} and {@code .}, the first part with
     * its first letter lower-cased, each later part with its first letter upper-cased; the rest of each part is
     * kept as written. {@code audit-log} and {@code audit_log} give {@code auditLog}, {@code Echo} gives
     * {@code echo}, {@code audit.events} gives {@code auditEvents}.
     */
    static String methodName(String name) {
        StringBuilder method = new StringBuilder();
        for (String part : SEPARATORS.split(name, -1)) {
            if (part.isEmpty()) {
                continue;
            }
            String first = part.substring(0, 1);
            method.append(method.isEmpty() ? first.toLowerCase(Locale.ROOT) : first.toUpperCase(Locale.ROOT))
                    .append(part, 1, part.length());
        }
        return method.toString();
    }

    /**
     * Why {@code method} cannot be a method of Handlers or Topics, as the end of the sentence "which ...";
     * empty when it can.
     */
    static Optional<String> whyNotAMethod(String method) {
        if (method.isEmpty()) {
            return Optional.of("is empty");
        } else if (Character.isDigit(method.charAt(0))) {
            return Optional.of("starts with a digit");
        } else if (SourceVersion.isKeyword(method, SourceVersion.latestSupported())) {
            return Optional.of("is a Java keyword");
        } else if (TAKEN_METHODS.contains(method)) {
            return Optional.of("is a method of Object");
        } else if (method.equals("of")) {
            return Optional.of("is taken by the factory method of()");
        } else if (!SourceVersion.isIdentifier(method)) {
            return Optional.of("is not a Java identifier");
        }
        return Optional.empty();
    }
}
