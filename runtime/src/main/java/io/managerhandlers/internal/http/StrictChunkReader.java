package io.managerhandlers.internal.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.LazyString;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import java.nio.charset.Charset;
import java.util.function.Supplier;

/**
 * Helidon's reader of a connection's bytes, strict where Helidon 4.5 is not: after a chunk's data its
 * parser skips two bytes, whatever they are ({@code 3\r\nAdaXY1\r\n...} would read {@code Ada} and drop
 * {@code XY}), a building block for request smuggling behind a proxy that parses otherwise. While a request's
 * body is read (its head is done), a two-byte skip called from outside the reader — Helidon's skip of the
 * CRLF after a chunk's data — must skip CRLF; anything else is a malformed chunked body, answered 400 and
 * closed by whoever reads the body. The reader's own methods skip what they have read, and are left alone.
 */
final class StrictChunkReader extends DataReader {
    private final Watch watch;
    /** Inside one of the reader's own methods, whose skips are of bytes just read. */
    private int inside;

    StrictChunkReader(Supplier<byte[]> bytes, Watch watch) {
        super(bytes);
        this.watch = watch;
    }

    @Override
    public void skip(int length) {
        if (length == 2 && inside == 0 && watch.phase() == Watch.REQUEST && !startsWithNewLine()) {
            throw RequestException.builder()
                    .type(EventType.BAD_REQUEST)
                    .status(Status.BAD_REQUEST_400)
                    .message("Invalid body: a chunk's data is not followed by CRLF")
                    .setKeepAlive(false)
                    .build();
        }
        super.skip(length);
    }

    @Override
    public BufferData readBuffer() {
        inside++;
        try {
            return super.readBuffer();
        } finally {
            inside--;
        }
    }

    @Override
    public BufferData readBuffer(int length) {
        inside++;
        try {
            return super.readBuffer(length);
        } finally {
            inside--;
        }
    }

    @Override
    public LazyString readLazyString(Charset charset, int length) {
        inside++;
        try {
            return super.readLazyString(charset, length);
        } finally {
            inside--;
        }
    }

    @Override
    public String readAsciiString(int length) {
        inside++;
        try {
            return super.readAsciiString(length);
        } finally {
            inside--;
        }
    }

    @Override
    public byte[] readBytes(int length) {
        inside++;
        try {
            return super.readBytes(length);
        } finally {
            inside--;
        }
    }

    @Override
    public String readLine() throws IncorrectNewLineException {
        inside++;
        try {
            return super.readLine();
        } finally {
            inside--;
        }
    }
}
