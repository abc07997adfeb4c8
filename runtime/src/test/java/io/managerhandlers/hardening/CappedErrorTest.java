package io.managerhandlers.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.Manager;
import io.managerhandlers.hardening.RawHttp.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A handler's exception message that quotes its input is not echoed whole: the 500 body is capped and says so. */
class CappedErrorTest {
    @Test
    void aLongExceptionMessageIsCutAndMarked() throws Exception {
        Manager manager = Manager.builder()
                .port(0)
                .host("127.0.0.1")
                .handler("lookup", 1, m -> (data, call) -> {
                    throw new IllegalArgumentException("Unknown product: " + data);
                })
                .build()
                .start();
        try {
            String input = "k".repeat(100_000);
            Answer answer = RawHttp.exchange(manager.port(), DrainTest.post("/lookup", input), Duration.ofSeconds(30));
            assertThat(answer.status()).isEqualTo(500);
            String full = "Internal server error: Unknown product: " + input;
            assertThat(answer.body()).isEqualTo("{\"status\":\"Error\",\"message\":\"" + full.substring(0, 300)
                    + "… [cut: " + (full.length() - 300) + " more characters; the full message is in the service's log]\"}");

            Answer shortOne = RawHttp.exchange(manager.port(), DrainTest.post("/lookup", "kiwi"), Duration.ofSeconds(30));
            assertThat(shortOne.body()).isEqualTo(
                    "{\"status\":\"Error\",\"message\":\"Internal server error: Unknown product: kiwi\"}");
        } finally {
            manager.stop();
        }
    }
}
