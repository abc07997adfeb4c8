package io.managerhandlers.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource({
        "audit-log, auditLog",
        "audit_log, auditLog",
        "audit.events, auditEvents",
        "Echo, echo",
        "orders, orders",
        "getUser-byID, getUserByID",
        "a--b, aB",
        "-leading, leading",
        "x.1, x1",
    })
    void camelCase(String name, String method) {
        assertThat(Names.methodName(name)).isEqualTo(method);
    }

    @Test
    void legalAndIllegalMethodNames() {
        assertThat(Names.whyNotAMethod("orders")).isEmpty();
        assertThat(Names.whyNotAMethod("record")).isEmpty();
        assertThat(Names.whyNotAMethod("class")).contains("is a Java keyword");
        assertThat(Names.whyNotAMethod("true")).contains("is a Java keyword");
        assertThat(Names.whyNotAMethod("1st")).contains("starts with a digit");
        assertThat(Names.whyNotAMethod("toString")).contains("is a method of Object");
        assertThat(Names.whyNotAMethod("finalize")).contains("is a method of Object");
        assertThat(Names.whyNotAMethod("of")).contains("is taken by the factory method of()");
    }

    @Test
    void everyMessageHasADistinctBracketedId() {
        assertThat(java.util.Arrays.stream(Message.values()).map(Message::id).distinct())
                .hasSize(Message.values().length)
                .allMatch(id -> id.matches("MH-[A-Z-]+"));
        assertThat(Message.DUPLICATE_NAME.format("orders", "Orders", "OrdersV2")).isEqualTo(
                "[MH-DUPLICATE-NAME] Two handlers are named \"orders\": Orders and OrdersV2. Rename one of them.");
    }
}
