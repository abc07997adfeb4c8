package io.managerhandlers.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Raw bytes on a socket, below any TLS library, so that a test can offer what no modern client would: an old
 * protocol version, or plain HTTP on a TLS port.
 */
final class TlsProbe {
    /** A TLS record's content type: handshake (a ServerHello, the server went along). */
    static final int HANDSHAKE = 0x16;
    /** A TLS record's content type: alert (the server refused). */
    static final int ALERT = 0x15;
    /** The connection ended before any byte came back. */
    static final int CLOSED = -1;

    private TlsProbe() {
    }

    /**
     * Sends a ClientHello whose highest version is {@code 3.minor} (2: TLS 1.1, 3: TLS 1.2) and no
     * supported_versions extension, and returns the content type of the first record the server answers with.
     */
    static int helloAnswer(int port, int minor) throws IOException {
        byte[] answer = exchange(port, clientHello(minor), 5);
        return answer.length == 0 ? CLOSED : answer[0] & 0xFF;
    }

    /** The version a ServerHello answer chose, as {@code 0x0303}; -1 if the answer was no ServerHello. */
    static int serverHelloVersion(int port, int minor) throws IOException {
        byte[] answer = exchange(port, clientHello(minor), 11);
        if (answer.length < 11 || answer[0] != HANDSHAKE || answer[5] != 0x02) {
            return -1;
        }
        return (answer[9] & 0xFF) << 8 | answer[10] & 0xFF;
    }

    /** Sends bytes and reads what comes back until {@code enough} bytes, end of stream, or 15 s of silence. */
    static byte[] exchange(int port, byte[] request, int enough) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while (answer.size() < enough && (n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // Silence or a reset: whatever arrived before is the answer.
            }
            return answer.toByteArray();
        }
    }

    /**
     * Sends a raw HTTP/1.1 request and reads one answer: its head, then as many bytes as its Content-Length
     * says (or up to the end of the stream or 15 s of silence without one).
     */
    static String http(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long wanted = -1;
            int n;
            while ((wanted < 0 || answer.size() < wanted) && (n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (wanted < 0 && end >= 0) {
                    for (String line : text.substring(0, end).split("\r\n")) {
                        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            wanted = end + 4 + Long.parseLong(line.substring(15).trim());
                        }
                    }
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    static String plainHttp(int port) throws IOException {
        byte[] request = ("GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new String(exchange(port, request, 1 << 16), StandardCharsets.ISO_8859_1);
    }

    static byte[] clientHello(int minor) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(minor);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {
            0xC02B, 0xC02F, 0xC02C, 0xC030, // ECDHE with AES-GCM (TLS 1.2)
            0xC009, 0xC013, 0xC00A, 0xC014, // ECDHE with AES-CBC (TLS 1.0 and 1.1)
            0x009C, 0x002F, 0x0035};
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1); // compression: null only
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000A, 0x0006, 0x001D, 0x0017, 0x0018); // supported_groups
        extensions.writeBytes(new byte[] {0x00, 0x0B, 0x00, 0x02, 0x01, 0x00}); // ec_point_formats: uncompressed
        extension(extensions, 0x000D, 0x0010, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0201, 0x0203);
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        record.write(3);
        record.write(1); // record layer version: TLS 1.0, as clients send for compatibility
        u16(record, body.size() + 4);
        record.write(0x01); // ClientHello
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is a 16-bit list length followed by 16-bit values. */
    private static void extension(ByteArrayOutputStream out, int type, int listLength, int... values) {
        u16(out, type);
        u16(out, listLength + 2);
        u16(out, listLength);
        for (int value : values) {
            u16(out, value);
        }
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }
}
