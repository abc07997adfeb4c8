package io.managerhandlers.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A handler's failure as its caller sees it. */
class OutcomesTest {
    private final BusTimeoutException own = new BusTimeoutException("outer", Duration.ofMillis(100));

    @Test
    void anInnerTimeoutPastTheCallsDeadlineIsThisCallsTimeout() {
        BusException seen = Outcomes.failure("outer", new BusTimeoutException("inner", Duration.ofMillis(5)),
                1_000, 1_000, () -> own);
        assertThat(seen).isSameAs(own);
    }

    @Test
    void anInnerTimeoutWithinTheDeadlineIsTheHandlersFailure() {
        BusTimeoutException inner = new BusTimeoutException("inner", Duration.ofMillis(5));
        BusException seen = Outcomes.failure("outer", inner, 2_000, 1_000, () -> own);
        assertThat(seen).isExactlyInstanceOf(HandlerException.class).hasCause(inner);
    }

    @Test
    void anyOtherThrowableIsTheHandlersFailure() {
        IllegalStateException thrown = new IllegalStateException("ledger offline");
        BusException seen = Outcomes.failure("outer", thrown, 0, 1_000, () -> own);
        assertThat(seen).isExactlyInstanceOf(HandlerException.class).hasCause(thrown);
        assertThat(seen.handler()).isEqualTo("outer");
    }
}
