package io.managerhandlers.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.BusException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The room in a handler's queue: permits taken by callers, given back by replicas, waited for until a deadline. */
class AdmissionTest {
    private final HandlerMetrics metrics = new HandlerMetrics();

    private static long inMillis(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void countsWhatIsQueuedOrRunning() {
        Admission admission = new Admission("h", 3, false, metrics);
        assertThat(admission.idle()).isTrue();
        admission.enter(inMillis(1_000));
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.pending()).isEqualTo(2);
        admission.leave(2);
        assertThat(admission.idle()).isTrue();
        admission.leave(0);
        assertThat(admission.pending()).isZero();
    }

    @Test
    void aFullQueueRefusesAtOnceWhenAskedTo() {
        Admission admission = new Admission("h", 1, true, metrics);
        admission.enter(inMillis(1_000));
        assertThat(admission.tryEnter()).isFalse();
        assertThatThrownBy(() -> admission.enter(inMillis(60_000)))
                .isExactlyInstanceOf(BusException.class)
                .hasMessage("The queue of handler 'h' is full (1 calls)");
        assertThat(metrics.snapshot().rejected()).isEqualTo(1);
    }

    @Test
    void aFullQueueHoldsItsCallerUntilItsDeadline() {
        Admission admission = new Admission("h", 1, false, metrics);
        admission.enter(inMillis(1_000));
        assertThatThrownBy(() -> admission.enter(inMillis(50))).isInstanceOf(ReplicaTimeoutException.class);
        assertThat(metrics.snapshot().timedOut()).isEqualTo(1);
        assertThat(admission.pending()).isEqualTo(1);
    }

    @Test
    void aWaitingCallerGetsThePermitGivenBack() throws Exception {
        Admission admission = new Admission("h", 1, false, metrics);
        admission.enter(inMillis(1_000));
        CountDownLatch entered = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                admission.enter(inMillis(60_000));
                entered.countDown();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        admission.leave(1);
        waiter.join();
        assertThat(failure.get()).isNull();
        assertThat(entered.getCount()).isZero();
        assertThat(admission.pending()).isEqualTo(1);
    }

    @Test
    void releasesInSmallBatches() {
        assertThat(new Admission("h", 8, false, metrics).releaseBatch).isEqualTo(1);
        assertThat(new Admission("h", 160, false, metrics).releaseBatch).isEqualTo(10);
        assertThat(new Admission("h", 100_000, false, metrics).releaseBatch).isEqualTo(64);
    }
}
