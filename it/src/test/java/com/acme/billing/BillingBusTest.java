package com.acme.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.Manager;
import io.managerhandlers.NoSuchHandlerException;
import io.managerhandlers.testing.Eventually;
import io.managerhandlers.testing.TimeBounds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same service called from code, through the generated Handlers and Topics and the untyped Bus. */
class BillingBusTest {
    static Manager manager;
    static Handlers handlers;

    @BeforeAll
    static void start() {
        // A short drain: the slow ledger call the timeout test leaves running is not waited for at the end.
        manager = ManagerBootstrap.manager().shutdownTimeout(Duration.ofMillis(100)).build().startWithoutServer();
        handlers = Handlers.of(manager);
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @Test
    void typedCallsReturnTypedAnswers() {
        QuoteResponse quote = handlers.quote().publish(new QuoteRequest("ada", "us", 1000, Optional.empty()));
        assertThat(quote).isEqualTo(new QuoteResponse("ada", 1070, "USD", "local"));
        Map<String, Long> totals = handlers.batchTotals().publish(List.of(
                new QuoteRequest("a", "eu", 100, Optional.empty())));
        assertThat(totals).containsExactly(Map.entry("a", 120L));
    }

    @Test
    void theUntypedBusTakesAndGivesTextOrJson() {
        assertThat(manager.bus().publish("currency", "eu")).isEqualTo("EUR");
        assertThat(manager.bus().publish("tax-rate", "eu")).isEqualTo("0.2");
        assertThat(manager.bus().publish("quote", "{\"customer\":\"c\",\"region\":\"eu\",\"amountCents\":10}"))
                .isEqualTo("{\"customer\":\"c\",\"totalCents\":12,\"currency\":\"EUR\",\"pricedBy\":\"local\"}");
    }

    @Test
    void failuresAreExceptionsNeverStrings() {
        assertThatThrownBy(() -> handlers.explode().publish("x"))
                .isInstanceOf(HandlerException.class)
                .hasMessageContaining("ledger offline")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> manager.bus().publish("nobody", "x"))
                .isInstanceOf(NoSuchHandlerException.class)
                .hasMessage("Handler not found: nobody");
        assertThatThrownBy(() -> manager.bus().publish("tax-rate", "not json"))
                .isInstanceOf(HandlerException.class);
        // The ledger takes longer than the bound: a caller that waited for it instead of its deadline fails.
        Duration timeout = Duration.ofMillis(200);
        int ledgerMillis = (int) TimeBounds.bound(timeout).plus(TimeBounds.MARGIN).toMillis();
        long start = System.nanoTime();
        assertThatThrownBy(() -> handlers.slowLedger().publish(ledgerMillis, timeout))
                .isInstanceOf(BusTimeoutException.class);
        TimeBounds.endedWithin(start, timeout, "a call to the slow ledger");
    }

    @Test
    void asyncCallsCompleteOrFailTheFuture() throws Exception {
        assertThat(handlers.currency().publishAsync("eu").get(30, TimeUnit.SECONDS)).isEqualTo("EUR");
        assertThatThrownBy(() -> handlers.explode().publishAsync("x").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HandlerException.class);
    }

    @Test
    void topicsReachTheirSubscribers() throws Exception {
        long before = manager.state().get(AuditTrail.QUOTES).orElse(0L);
        for (int i = 0; i < 5; i++) {
            handlers.quote().publish(new QuoteRequest("t", "eu", 100, Optional.empty()));
        }
        Eventually.await("five quotes audited", () -> manager.state().get(AuditTrail.QUOTES).orElse(0L) >= before + 5);
        assertThat(manager.state().get(AuditTrail.QUOTES).orElse(0L)).isGreaterThanOrEqualTo(before + 5);
    }

    @Test
    void twoSubscribersOfATopicEachGetEveryMessageInTheOrderItWasPublished() throws Exception {
        Topics topics = Topics.of(manager);
        int count = 2_000;
        for (long number = 1; number <= count; number++) {
            topics.invoicesIssued().publish(new Invoice(number, 100 * number));
        }
        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
        Eventually.await(count + " invoices archived and booked",
                () -> size(InvoiceArchive.ARCHIVED) >= count && size(Ledger.BOOKED) >= count);
        assertThat(manager.state().get(InvoiceArchive.ARCHIVED)).hasValue(expected);   // a plain class
        assertThat(manager.state().get(Ledger.BOOKED)).hasValue(expected);             // a handler class
        assertThat(handlers.ledger().publish("")).isEqualTo(count);
    }

    private static int size(io.managerhandlers.StateKey<List<Long>> key) {
        return manager.state().get(key).map(List::size).orElse(0);
    }

    @Test
    void dispatchRunsTheHandler() throws Exception {
        long before = manager.state().get(AuditTrail.QUOTES).orElse(0L);
        handlers.quote().dispatch(new QuoteRequest("d", "eu", 100, Optional.empty()));
        Eventually.await("the dispatched quote audited", () -> manager.state().get(AuditTrail.QUOTES).orElse(0L) > before);
        assertThat(manager.state().get(AuditTrail.QUOTES).orElse(0L)).isGreaterThan(before);
    }
}
