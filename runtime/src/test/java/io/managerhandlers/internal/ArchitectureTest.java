package io.managerhandlers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the runtime, read from its compiled classes with the JDK's {@code jdeps}: every arrow between
 * the internal packages points one way, and the arrows the layout forbids are absent (README, "Layout").
 */
class ArchitectureTest {
    private static final String INTERNAL = "io.managerhandlers.internal";
    private static final Pattern ARROW = Pattern.compile("^\\s+(io\\.managerhandlers\\S*)\\s+->\\s+(io\\.managerhandlers\\S*)");
    /** Package (short name: "bus", "http", ...) to the internal packages it uses. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();

    @BeforeAll
    static void readDependencies() throws Exception {
        Path classes = Path.of("target", "classes");
        assertThat(classes.resolve("io/managerhandlers/Manager.class")).as("compiled classes").exists();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps is missing from this JDK"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(status).as("jdeps: %s", out).isZero();
        for (String line : out.toString().split("\n")) {
            Matcher arrow = ARROW.matcher(line);
            if (arrow.find() && arrow.group(1).startsWith(INTERNAL + ".") && arrow.group(2).startsWith(INTERNAL + ".")
                    && !arrow.group(1).equals(arrow.group(2))) {
                USES.computeIfAbsent(shortName(arrow.group(1)), p -> new TreeSet<>()).add(shortName(arrow.group(2)));
            }
        }
        try (var packages = Files.list(classes.resolve("io/managerhandlers/internal"))) {
            packages.filter(Files::isDirectory)
                    .forEach(dir -> USES.putIfAbsent(dir.getFileName().toString(), new TreeSet<>()));
        }
        assertThat(USES).as("the internal packages jdeps saw").containsKeys("bus", "core", "http", "redis", "settings");
    }

    private static String shortName(String pkg) {
        String rest = pkg.substring(INTERNAL.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void noCycleBetweenInternalPackages() {
        assertThat(cycles()).as("packages that reach each other (uses: %s)", USES).isEmpty();
    }

    @Test
    void settingsAreALeaf() {
        assertThat(USES.get("settings")).as("settings uses").isEmpty();
    }

    @Test
    void theBusKnowsNoTransportAndNoWiring() {
        assertThat(USES.get("bus")).as("bus uses").doesNotContain("http", "redis", "transport", "files", "observe", "core",
                "topic", "settings");
    }

    @Test
    void stateAndTopicsKnowNoTransport() {
        assertThat(USES.getOrDefault("state", Set.of())).doesNotContain("http", "redis", "core");
        assertThat(USES.getOrDefault("topic", Set.of())).doesNotContain("http", "redis", "core");
    }

    @Test
    void theDiskStoreKnowsNoHttp() {
        assertThat(USES.get("files")).as("files uses").doesNotContain("http", "core", "redis");
    }

    @Test
    void nothingDependsOnTheWiring() {
        USES.forEach((pkg, uses) -> assertThat(uses).as("%s uses", pkg).doesNotContain("core"));
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    private static List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String pkg : USES.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String pkg, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            List<Set<String>> found) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        for (String used : USES.getOrDefault(pkg, Set.of())) {
            if (!index.containsKey(used)) {
                connect(used, index, low, stack, found);
                low.put(pkg, Math.min(low.get(pkg), low.get(used)));
            } else if (stack.contains(used)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(used)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
