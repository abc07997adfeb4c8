package com.acme.billing.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An order to price; {@code coupon} may be left out. */
public record OrderRequest(String customer, List<Line> lines, Optional<String> coupon, Grade grade,
        LocalDate deliverOn, Map<String, Integer> reserved) {
}
