package io.managerhandlers.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload's body as its handler reads it: counts the bytes and throws {@link UploadTooLargeException} as
 * soon as more than {@code limit} have come, and on every read after that, so a handler that catches the
 * first one cannot read on. Not thread-safe, as no stream is.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** True once the body ran past the limit, whether or not the handler noticed. */
    boolean exceeded() {
        return exceeded;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        int n = in.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        long skipped = in.skip(n);
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        check();
        return in.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: a reset would let the count go backwards.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void check() throws UploadTooLargeException {
        if (exceeded) {
            throw new UploadTooLargeException(limit);
        }
    }

    private void counted(long n) throws UploadTooLargeException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new UploadTooLargeException(limit);
        }
    }
}
