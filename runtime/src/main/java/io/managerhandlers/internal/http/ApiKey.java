package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The API key check: {@code Authorization: Bearer <key>} or the bare key. Both sides are hashed before a
 * constant-time comparison, so neither the key's content nor its length leaks through timing.
 */
final class ApiKey {
    private final byte[] expected;

    ApiKey(String key) {
        this.expected = key == null ? null : sha256(key);
    }

    boolean configured() {
        return expected != null;
    }

    boolean allows(ServerRequestHeaders headers) {
        if (expected == null) {
            return true;
        }
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return false;
        }
        String presented = authorization.get().trim();
        if (presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = presented.substring(7).trim();
        }
        return MessageDigest.isEqual(sha256(presented), expected);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK has no SHA-256", e);
        }
    }
}
