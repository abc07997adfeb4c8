package com.acme.shop.audit;

public record AuditEvent(String id) {
}
