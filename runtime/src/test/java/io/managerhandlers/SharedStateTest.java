package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedStateTest {
    static final StateKey<Long> COUNTER = StateKey.of("counter", Long.class);
    static final StateKey<Function<String, String>> FORMAT = StateKey.of("format", new TypeToken<>() {});
    static final StateKey<List<String>> NAMES =
            StateKey.of("names", TypeToken.parameterized(List.class, TypeToken.of(String.class)));

    private final SharedState state = Manager.builder().state(COUNTER, 5L).build().state();

    @Test
    void seededValuesAreThereBeforeStart() {
        assertThat(state.get(COUNTER)).contains(5L);
    }

    @Test
    void putGetRemove() {
        state.put(NAMES, List.of("a", "b"));
        assertThat(state.get(NAMES)).contains(List.of("a", "b"));
        assertThat(state.remove(NAMES)).contains(List.of("a", "b"));
        assertThat(state.get(NAMES)).isEmpty();
    }

    @Test
    void valuesMayBeFunctions() {
        state.put(FORMAT, s -> "<" + s + ">");
        assertThat(state.get(FORMAT).orElseThrow().apply("x")).isEqualTo("<x>");
    }

    @Test
    void updateIsAtomicUnderContentionAndNullRemoves() throws Exception {
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 10_000; i++) {
                threads.submit(() -> state.update(COUNTER, n -> n == null ? 1L : n + 1));
            }
        }
        assertThat(state.get(COUNTER)).contains(10_005L);
        assertThat(state.update(COUNTER, n -> null)).isEmpty();
        assertThat(state.get(COUNTER)).isEmpty();
    }

    @Test
    void aNameHoldsOneType() {
        state.put(StateKey.of("shared", String.class), "text");
        assertThatThrownBy(() -> state.get(StateKey.of("shared", Long.class)))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("shared");
        assertThat(Map.of()).isEmpty();
    }
}
