package com.acme.billing.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A priced order. */
public record OrderSummary(String customer, Price total, Grade grade, Instant pricedAt, LocalDate deliverOn,
        List<Line> lines, Map<String, Integer> reserved, Optional<String> coupon) {
}
