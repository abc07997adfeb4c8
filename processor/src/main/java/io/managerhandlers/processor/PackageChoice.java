package io.managerhandlers.processor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Where the generated classes go: the package named by the compiler option, or the one every class shares. */
final class PackageChoice {
    private final ErrorReporter reporter;
    private final Elements elements;

    PackageChoice(ErrorReporter reporter, Elements elements) {
        this.reporter = reporter;
        this.elements = elements;
    }

    /**
     * The option's package, or the longest package that every class is in or under, such as {@code com.acme}
     * for {@code com.acme.orders} and {@code com.acme.audit}; reported and empty when there is none.
     */
    Optional<String> choose(List<TypeElement> classes, String option) {
        if (option != null) {
            if (SourceVersion.isName(option)) {
                return Optional.of(option);
            }
            for (TypeElement type : classes) {
                reporter.report(Message.BAD_PACKAGE_OPTION, type, option);
            }
            return Optional.empty();
        }
        String[] common = null;
        int length = 0;
        for (TypeElement type : classes) {
            String[] parts = elements.getPackageOf(type).getQualifiedName().toString().split("\\.", -1);
            if (common == null) {
                common = parts;
                length = parts.length;
            } else {
                int i = 0;
                while (i < length && i < parts.length && common[i].equals(parts[i])) {
                    i++;
                }
                length = i;
            }
        }
        if (common == null || length == 0 || common[0].isEmpty()) {
            for (TypeElement type : classes) {
                reporter.report(Message.NO_COMMON_PACKAGE, type, ClassValidator.displayName(type),
                        elements.getPackageOf(type).getQualifiedName());
            }
            return Optional.empty();
        }
        return Optional.of(String.join(".", Arrays.copyOf(common, length)));
    }
}
