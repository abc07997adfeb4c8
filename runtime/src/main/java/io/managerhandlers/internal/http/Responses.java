package io.managerhandlers.internal.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Every answer of the framework is JSON; these write them. */
public final class Responses {
    private static final byte[] OK_PREFIX = "{\"status\":\"Ok\",\"message\":".getBytes(StandardCharsets.US_ASCII);
    /** An unread request body up to this long is drained by Helidon after an error answer, to keep the connection. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    /** Answers longer than this are written in parts rather than copied into one array. */
    private static final int STREAM_ABOVE = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(Responses.class.getName());

    private Responses() {
    }

    /** {@code 200 {"status":"Ok","message":<json>}}, without re-encoding the message. */
    public static void ok(ServerResponse res, byte[] messageJson) {
        if (messageJson.length > STREAM_ABOVE) {
            okStreamed(res, messageJson);
            return;
        }
        byte[] body = new byte[OK_PREFIX.length + messageJson.length + 1];
        System.arraycopy(OK_PREFIX, 0, body, 0, OK_PREFIX.length);
        System.arraycopy(messageJson, 0, body, OK_PREFIX.length, messageJson.length);
        body[body.length - 1] = '}';
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body);
    }

    /** A large answer written in its three parts: its message is not copied once more. */
    private static void okStreamed(ServerResponse res, byte[] messageJson) {
        res.status(Status.OK_200);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.contentLength(OK_PREFIX.length + messageJson.length + 1L);
        try (OutputStream out = res.outputStream()) {
            out.write(OK_PREFIX);
            out.write(messageJson);
            out.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a whole body, or for {@code HEAD} only its head (RFC 9110 §9.3.2: an answer to HEAD has no
     * body; its {@code Content-Length} is the one the body would have had).
     */
    static void send(ServerRequest req, ServerResponse res, byte[] body) {
        if (req.prologue().method().equals(Method.HEAD)) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            res.send();
        } else {
            res.send(body);
        }
    }

    /**
     * An unexpected failure while answering: logged once, with what was asked, and answered 500 with
     * {@code Connection: close} — or, when the head is gone already, the connection is closed, so a client
     * never gets a head whose length lies.
     */
    public static void unexpected(ServerRequest req, ServerResponse res, Throwable error) {
        LOG.log(Level.ERROR, "Answering " + req.prologue().method().text() + " " + req.path().rawPath()
                + " failed unexpectedly", error);
        if (res.isSent()) {
            throw new CloseConnectionException("The answer failed midway: " + error, error);
        }
        // A length set for the answer that failed would describe the wrong body.
        res.headers().remove(HeaderNames.CONTENT_LENGTH);
        res.headers().remove(HeaderNames.TRANSFER_ENCODING);
        refuse(req, res, 500, "Internal server error", true);
    }

    /** {@code {"status":"Error","message":"..."}} with the given status. */
    public static void error(ServerResponse res, int status, String message) {
        prepareError(res, status);
        res.send(errorBody(message));
    }

    private static void prepareError(ServerResponse res, int status) {
        res.status(Status.create(status));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (status == 503) {
            res.header(HeaderNames.RETRY_AFTER, "1");
        } else if (status == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
    }

    /** {@link #refuse(ServerRequest, ServerResponse, int, String, boolean)}, closing only for a large unread body. */
    public static void refuse(ServerRequest req, ServerResponse res, int status, String message) {
        refuse(req, res, status, message, false);
    }

    /**
     * An error answer to a request. A request body left unread is drained by Helidon to keep the connection;
     * past a small size that could mean reading gigabytes nobody wants, so the connection is closed instead,
     * right after the answer ({@code close} asks for that whatever the size, unless the body was read).
     * Closed for real: Helidon 4.5 sends {@code Connection: close} but keeps reading the socket, and would
     * take the rest of the body for the next request.
     */
    public static void refuse(ServerRequest req, ServerResponse res, int status, String message, boolean close) {
        if (!req.content().consumed()) {
            OptionalLong length = req.headers().contentLength();
            close |= length.isEmpty() || length.getAsLong() > DRAIN_LIMIT;
        } else {
            close = false;
        }
        if (close) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        try {
            if (req.prologue().method().equals(Method.HEAD)) {
                prepareError(res, status);
                send(req, res, errorBody(message));
            } else {
                error(res, status, message);
            }
        } catch (RuntimeException e) {
            // The client is gone (it aborted an upload, or the socket broke): nobody to answer.
            throw new CloseConnectionException("Cannot answer " + status + ": " + e.getMessage(), e);
        }
        if (close) {
            throw closeUnread("Answered " + status + " and closed: the request body was left unread");
        }
    }

    /**
     * What to throw after an answer with {@code Connection: close} that leaves the request's body unread: the
     * connection lingers (reads and drops what the client still sends, bounded) before it closes, so that a
     * client still writing its body gets the answer rather than a reset. See {@link LingeringClose}.
     */
    public static CloseConnectionException closeUnread(String why) {
        LingeringClose.request();
        return new CloseConnectionException(why);
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
