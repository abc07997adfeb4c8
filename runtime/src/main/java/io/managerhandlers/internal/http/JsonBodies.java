package io.managerhandlers.internal.http;

import static io.managerhandlers.internal.http.Responses.refuse;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Reads a JSON request body whole, within its limit, answering the request itself when it cannot. */
final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * The body, at most {@code maxJsonBytes}, read whole before anything parses it; null when it was longer
     * or could not be read, and the answer (413 or 400) has been given.
     */
    static byte[] read(ServerRequest req, ServerResponse res, long max) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > max) {
            tooLarge(req, res, max);
            return null;
        }
        InputStream in = req.content().inputStream();
        byte[] body;
        try {
            // With a Content-Length (at most max here), exactly that many bytes; otherwise up to max + 1.
            body = declared.isPresent() ? readExactly(in, (int) declared.getAsLong())
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (CloseConnectionException e) {
            throw e;                         // the connection ends (the guard may be answering 408 for it)
        } catch (IOException | UncheckedIOException e) {
            throw new CloseConnectionException("The request body could not be read: the client is gone", e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            // The client stopped sending (it may still read): the body is shorter than it said.
            refuse(req, res, 400, "Invalid body: it ended before its declared length");
            return null;
        } catch (RuntimeException e) {
            if (e instanceof RequestException helidon && helidon.status().code() == 413) {
                tooLarge(req, res, max);
            } else {
                // A malformed chunk. Closing the stream would make Helidon read on for the rest of the body,
                // and after a malformed chunk size it waits for bytes that never come: answer and close.
                refuse(req, res, 400, "Invalid body: malformed chunked transfer coding");
            }
            return null;
        }
        if (body.length > max) {
            tooLarge(req, res, max);
            return null;
        }
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body;
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (read < length) {
            throw new DataReader.InsufficientDataAvailableException();
        }
        return body;
    }

    static void tooLarge(ServerRequest req, ServerResponse res, long max) {
        refuse(req, res, 413, "Payload too large: the limit is " + max + " bytes");
    }
}
