package com.acme.catalog;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public record Product(String sku, Money price, Status status, List<String> tags, Optional<String> note,
        Instant added, LocalDate launch, Map<String, Integer> stock, Set<Long> related, int rank, double weight,
        boolean active, BigInteger serial, byte[] image, Optional<Money> discount) {
}
