package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Every answer of the framework is JSON; these write them. */
public final class Responses {
    private static final byte[] OK_PREFIX = "{\"status\":\"Ok\",\"message\":".getBytes(StandardCharsets.US_ASCII);

    private Responses() {
    }

    /** {@code 200 {"status":"Ok","message":<json>}}, without re-encoding the message. */
    public static void ok(ServerResponse res, byte[] messageJson) {
        byte[] body = new byte[OK_PREFIX.length + messageJson.length + 1];
        System.arraycopy(OK_PREFIX, 0, body, 0, OK_PREFIX.length);
        System.arraycopy(messageJson, 0, body, OK_PREFIX.length, messageJson.length);
        body[body.length - 1] = '}';
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }

    /** {@code {"status":"Error","message":"..."}} with the given status. */
    public static void error(ServerResponse res, int status, String message) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (status == 503) {
            res.header(HeaderNames.RETRY_AFTER, "1");
        } else if (status == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        res.send(errorBody(message));
    }

    /** The bytes of {@code {"status":"Error","message":"..."}}. */
    public static byte[] errorBody(String message) {
        return ("{\"status\":\"Error\",\"message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A whole error answer as bytes, written straight to a connection outside Helidon's responses (a read
     * timeout, a request cut short): the connection is closed after it.
     */
    static byte[] rawAnswer(int status, String reason, String message) {
        byte[] body = errorBody(message);
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        return answer;
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
