package io.managerhandlers.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies an upload's body into a file while computing its SHA-256, as a pipeline: the request's thread reads
 * the connection into a few fixed buffers; a second thread writes each to the file while a third hashes it
 * (the two cores work at once: the hash is as costly as the write), the buffer going back to the reader once
 * both are done with it; a fourth asks the kernel to write the file back to disk as it grows, so that the
 * final {@code fsync} has little left to do. Memory stays at {@code BUFFERS * BUFFER} bytes whatever the size
 * of the body.
 */
final class Receiver {
    static final int BUFFER = 256 * 1024;
    static final int BUFFERS = 4;
    /**
     * The file is forced to disk in the background every time this much more has been written: small enough
     * that the final force, which the client waits for, has little left (at 64 MiB it took up to 0.3 s here).
     */
    static final long FLUSH_EVERY = 16L << 20;

    /** What was received: the byte count and the SHA-256. */
    record Received(long size, byte[] sha256) {
    }

    /** A filled buffer, written and hashed at once; {@code length < 0} marks the end. */
    private static final class Chunk {
        final byte[] bytes;
        final int length;
        /** The writer and the hasher: whichever is done last gives the buffer back. */
        final AtomicInteger users = new AtomicInteger(2);

        Chunk(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Semaphore flushRequests = new Semaphore(0);
    private volatile Throwable writeFailure;
    private volatile boolean finished;

    private Receiver() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
    }

    /**
     * Reads {@code body} to its end into {@code out}, forces {@code out} to disk, and answers the size and
     * hash. Whatever fails, on either side, is thrown here once both helper threads have stopped, so that
     * the caller may delete the file at once.
     */
    static Received receive(InputStream body, FileChannel out) throws IOException {
        return new Receiver().run(body, out);
    }

    private Received run(InputStream body, FileChannel out) throws IOException {
        MessageDigest sha = sha256();
        long[] size = new long[1];
        Thread flusher = Thread.ofVirtual().name("mh-upload-flush").start(() -> flush(out));
        Thread writer = Thread.ofVirtual().name("mh-upload-write").start(() -> write(out));
        Thread hasher = Thread.ofVirtual().name("mh-upload-hash").start(() -> hash(sha, size));
        Throwable readFailure = null;
        try {
            read(body);
        } catch (Throwable e) {
            readFailure = e;
        } finally {
            // The writer and the hasher stop at END; after a failure they only recycle until then.
            putEnd();
            join(writer);
            join(hasher);
            finished = true;
            flushRequests.release();
            join(flusher);
        }
        if (writeFailure != null) {
            // A full disk explains a read that stopped early; it is the cause to report.
            throw asIo(writeFailure);
        }
        if (readFailure instanceof IOException io) {
            throw io;
        } else if (readFailure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (readFailure instanceof Error error) {
            throw error;
        } else if (readFailure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading the upload");
        } else if (readFailure != null) {
            throw new IOException(readFailure);
        }
        out.force(true);
        return new Received(size[0], sha.digest());
    }

    private void read(InputStream body) throws IOException, InterruptedException {
        while (writeFailure == null) {
            byte[] buffer = free.take();
            int n = body.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                free.add(buffer);
                return;
            }
            Chunk chunk = new Chunk(buffer, n);
            toWrite.put(chunk);
            toHash.put(chunk);
        }
    }

    private void write(FileChannel out) {
        long sinceFlush = 0;
        while (true) {
            Chunk chunk;
            try {
                chunk = toWrite.take();
            } catch (InterruptedException e) {
                writeFailure = e;
                return;
            }
            if (chunk == END) {
                return;
            }
            if (writeFailure == null) {
                try {
                    ByteBuffer bytes = ByteBuffer.wrap(chunk.bytes, 0, chunk.length);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    sinceFlush += chunk.length;
                    if (sinceFlush >= FLUSH_EVERY) {
                        sinceFlush = 0;
                        flushRequests.release();
                    }
                } catch (Throwable e) {
                    writeFailure = e;
                }
            }
            done(chunk);
        }
    }

    private void hash(MessageDigest sha, long[] size) {
        while (true) {
            Chunk chunk;
            try {
                chunk = toHash.take();
            } catch (InterruptedException e) {
                writeFailure = e;
                return;
            }
            if (chunk == END) {
                return;
            }
            if (writeFailure == null) {
                sha.update(chunk.bytes, 0, chunk.length);
                size[0] += chunk.length;
            }
            done(chunk);
        }
    }

    /** The writer or the hasher is done with {@code chunk}: the second to say so frees its buffer. */
    private void done(Chunk chunk) {
        if (chunk.users.decrementAndGet() == 0) {
            free.add(chunk.bytes);
        }
    }

    private void flush(FileChannel out) {
        while (true) {
            try {
                flushRequests.acquire();
                // Coalesce: one force covers every request made before it started.
                flushRequests.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (finished || writeFailure != null) {
                return;
            }
            try {
                out.force(false);
            } catch (IOException | UncheckedIOException e) {
                // The final force reports what matters; a background one only gets ahead of it.
            }
        }
    }

    private void putEnd() {
        boolean interrupted = false;
        for (BlockingQueue<Chunk> queue : List.of(toWrite, toHash)) {
            while (true) {
                try {
                    queue.put(END);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException asIo(Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        if (e instanceof InterruptedException) {
            return new InterruptedIOException("Interrupted while writing the upload");
        }
        return new IOException("Writing the upload failed: " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
