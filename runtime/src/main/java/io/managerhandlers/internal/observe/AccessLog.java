package io.managerhandlers.internal.observe;

import java.lang.System.Logger.Level;

/**
 * One line per HTTP request, in logfmt ({@code key=value}, which log shippers split by themselves), to the
 * logger {@code io.managerhandlers.access} at INFO:
 * {@code method=POST path=/greet status=200 bytes=164 ms=0.412 trace=4bf92f3577b34da6a3ce929d0e0e4736}.
 * {@code bytes} are the bytes sent for the response, head and body (nginx's {@code $bytes_sent}), as Helidon
 * counts them; {@code trace} is {@code -} for a request without a trace.
 */
public final class AccessLog {
    private static final System.Logger LOG = System.getLogger("io.managerhandlers.access");
    /** The trace id of a request that has none. */
    static final String NO_TRACE = "-";

    private AccessLog() {
    }

    static void log(String method, String path, int status, long bytes, long nanos, String traceId) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder(96 + path.length());
        line.append("method=").append(method).append(" path=");
        quoted(line, path);
        line.append(" status=").append(status).append(" bytes=").append(bytes).append(" ms=");
        long micros = nanos / 1000;
        line.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction).append(" trace=").append(traceId == null || traceId.isEmpty() ? NO_TRACE : traceId);
        LOG.log(Level.INFO, line.toString());
    }

    /** The path as it came, quoted only when it holds a space, a quote or an equals sign. */
    private static void quoted(StringBuilder line, String path) {
        boolean plain = true;
        for (int i = 0; i < path.length() && plain; i++) {
            char c = path.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
        }
        if (plain) {
            line.append(path);
            return;
        }
        line.append('"');
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < ' ' || c == 0x7f) {
                line.append(String.format("\\x%02x", (int) c));
            } else {
                line.append(c);
            }
        }
        line.append('"');
    }
}
