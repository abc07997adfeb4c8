package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeTokenTest {
    @Test
    void builtAndCapturedTokensAreEqual() {
        TypeToken<Map<String, List<Integer>>> built = TypeToken.parameterized(Map.class, TypeToken.of(String.class),
                TypeToken.parameterized(List.class, TypeToken.of(Integer.class)));
        TypeToken<Map<String, List<Integer>>> captured = new TypeToken<>() {};
        assertThat(built).isEqualTo(captured);
        assertThat(built.toString()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
        assertThat(built.rawType()).isEqualTo(Map.class);
    }

    @Test
    void primitivesAreBoxedAndArraysAndWildcardsWork() {
        assertThat(TypeToken.of(int.class)).isEqualTo(TypeToken.of(Integer.class));
        assertThat(TypeToken.arrayOf(TypeToken.parameterized(List.class, TypeToken.of(String.class))).toString())
                .isEqualTo("java.util.List<java.lang.String>[]");
        assertThat(TypeToken.parameterized(List.class, TypeToken.subtypeOf(TypeToken.of(Number.class))).toString())
                .isEqualTo("java.util.List<? extends java.lang.Number>");
    }

    @Test
    void theWrongNumberOfArgumentsIsRefused() {
        assertThatThrownBy(() -> TypeToken.parameterized(Map.class, TypeToken.of(String.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes 2 type arguments");
    }
}
