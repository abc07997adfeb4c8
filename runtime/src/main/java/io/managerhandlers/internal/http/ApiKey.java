package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The API key check: {@code Authorization: Bearer <key>} or the bare key, compared in constant time.
 * {@link MessageDigest#isEqual} takes a time that depends only on the length of its first argument, the
 * presented key: neither the expected key's content nor its length leaks through timing, and no hash has
 * to be computed per request.
 */
final class ApiKey {
    private final byte[] expected;

    ApiKey(String key) {
        this.expected = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
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
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }
}
