package io.managerhandlers.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests as raw bytes over a socket, so that nothing normalises or repairs them on the way, and answers
 * read with a deadline: a server that neither answers nor closes in time is reported as a hang.
 */
final class RawHttp {
    /** What came back: a status line and its answer, or nothing before the server closed. */
    record Answer(int status, String head, String body, boolean closed, long millis) {
        static final int NONE = -1;

        boolean answered() {
            return status != NONE;
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return answered() ? status + " " + body + (closed ? " (then closed)" : "") + " in " + millis + " ms"
                    : "closed without an answer in " + millis + " ms";
        }
    }

    /** Thrown when the server neither answered nor closed within the deadline. */
    static final class Hang extends AssertionError {
        private static final long serialVersionUID = 1L;

        Hang(String message) {
            super(message);
        }
    }

    private RawHttp() {
    }

    static Answer exchange(int port, String request, Duration deadline) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), deadline, false);
    }

    /**
     * Sends {@code request}, then (with {@code halfClose}) shuts the socket's output, and reads one answer:
     * up to the end of its body by {@code Content-Length}, or until the server closes.
     */
    static Answer exchange(int port, byte[] request, Duration deadline, boolean halfClose) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) deadline.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException refused) {
                // The server may answer and close before it took everything: read what it said.
            }
            return read(socket.getInputStream(), start, deadline);
        }
    }

    /** Reads one answer from a connection already open. */
    static Answer read(InputStream in, long start, Duration deadline) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new Hang("no answer and not closed within " + deadline.toMillis() + " ms; got: "
                            + bytes.toString(StandardCharsets.UTF_8));
                } catch (IOException reset) {
                    n = -1;                       // a reset ends the answer like a close
                }
                if (n < 0) {
                    closed = true;
                    break;
                }
                bytes.write(buffer, 0, n);
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                if (complete(text) && !text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase()
                        .contains("\r\nconnection: close")) {
                    break;                         // a whole answer on a connection that stays open
                }
            }
        } finally {
            // nothing: the caller owns the socket
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String text = bytes.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(Answer.NONE, text, "", closed, millis);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4),
                closed, millis);
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return text.length() >= end + 4 + Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }
}
