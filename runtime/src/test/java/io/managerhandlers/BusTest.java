package io.managerhandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.testing.TimeBounds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The in-process bus with handlers registered by hand. */
class BusTest {
    @Test
    void callsNameTheirSourceAndCarryTheirCallersDeadline() {
        AtomicReference<Manager> self = new AtomicReference<>();
        CountDownLatch sleepyRelease = new CountDownLatch(1);   // held until the end: nobody may wait for it
        Manager manager = Manager.builder()
                .handler("inner", 1, m -> (data, call) -> call.source() + ">" + call.handler())
                .handler("outer", 1, m -> (data, call) -> m.bus().publish("inner", data))
                .handler("sleepy", 1, m -> (data, call) -> {
                    sleepyRelease.await();
                    return "late";
                })
                .handler("impatient", 1, m -> (data, call) -> m.bus().publish("sleepy", data))
                .build().startWithoutServer();
        self.set(manager);
        try {
            assertThat(manager.bus().publish("inner", "x")).isEqualTo("local>inner");
            assertThat(manager.bus().publish("outer", "x")).isEqualTo("outer>inner");
            long start = System.nanoTime();
            // The inner call would wait 120 s by default; it inherits the outer call's 300 ms instead.
            assertThatThrownBy(() -> manager.bus().publish("impatient", "x", Duration.ofMillis(300)))
                    .isInstanceOf(BusTimeoutException.class);
            TimeBounds.endedWithin(start, Duration.ofMillis(300), "a call whose inner call never answers");
        } finally {
            sleepyRelease.countDown();
            manager.stop();
        }
    }

    @Test
    void dispatchFailuresReachTheHook() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<BusException> failure = new AtomicReference<>();
        Manager manager = Manager.builder()
                .handler("fails", 1, m -> (data, call) -> {
                    throw new IllegalStateException("nope: " + data);
                })
                .onDispatchFailure(e -> {
                    failure.set(e);
                    reported.countDown();
                })
                .build().startWithoutServer();
        try {
            manager.bus().dispatch("fails", "42");
            assertThat(reported.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(HandlerException.class).hasMessage("Handler 'fails' failed: nope: 42");
            assertThatThrownBy(() -> manager.bus().dispatch("ghost", "1")).isInstanceOf(NoSuchHandlerException.class);
        } finally {
            manager.stop();
        }
    }

    @Test
    void stopWaitsForTheCallsInFlight() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Manager manager = Manager.builder()
                .handler("work", 1, m -> (data, call) -> {
                    running.countDown();
                    Thread.sleep(500);
                    return "done";
                })
                .build().startWithoutServer();
        var result = manager.endpoint("work", TypeToken.of(String.class), TypeToken.of(String.class)).publishAsync("x");
        assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
        manager.stop();
        assertThat(result).isCompletedWithValue("done");
        assertThatThrownBy(() -> manager.bus().publish("work", "x")).isInstanceOf(BusException.class)
                .hasMessageContaining("stopped");
    }
}
