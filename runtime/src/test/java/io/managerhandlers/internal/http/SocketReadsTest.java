package io.managerhandlers.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.socket.PlainSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arrays a connection's reader gets: every byte sent, in order, whatever sizes the reads take. */
class SocketReadsTest {
    /**
     * The bytes that come, portion by portion (a read takes at most what is left of one): full reads that grow
     * the next one, short ones that shrink it, and full small reads again after a short one (their reused
     * array must never be handed on itself).
     */
    private static final int[] READS = {8192, 16_384, 32_768, 65_536, 131_072, 131_072, 100, 8192, 8192, 5000,
            8192, 16_384, 1, 8192, 16_384, 32_768, 20_000, 131_072, 131_072, 131_072, 7};

    @Test
    void everyByteComesInOrderAndTheEndIsNull() throws Exception {
        int total = 0;
        for (int read : READS) {
            total += read;
        }
        byte[] sent = new byte[total];
        for (int i = 0; i < total; i++) {
            sent[i] = (byte) (i * 31 + (i >>> 11));
        }
        SocketReads reads = new SocketReads(PlainSocket.server(new ScriptedSocket(sent), "test", "test"));

        // Kept, as DataReader keeps them, and joined only at the end: an array reused later would show.
        List<byte[]> arrays = new ArrayList<>();
        byte[] bytes;
        while ((bytes = reads.next()) != null) {
            assertThat(bytes).isNotEmpty();
            arrays.add(bytes);
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        for (byte[] array : arrays) {
            received.write(array);
            sizes.add(array.length);
        }
        assertThat(received.toByteArray()).isEqualTo(sent);
        // Reads grew with the bytes coming, to the largest size and no further, and began small.
        assertThat(sizes.getFirst()).isEqualTo(SocketReads.SMALL);
        assertThat(sizes).contains(SocketReads.LARGE).allMatch(size -> size <= SocketReads.LARGE);
    }

    /** A socket whose stream has {@code bytes} come in the portions of {@link #READS}, then ends. */
    private static final class ScriptedSocket extends Socket {
        private final InputStream in;

        ScriptedSocket(byte[] bytes) {
            this.in = new InputStream() {
                private int step;
                private int position;

                @Override
                public int read() {
                    throw new UnsupportedOperationException("read one byte");
                }

                /** What is left of the current step's bytes, as in a socket's receive buffer. */
                private int waiting = READS[0];

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position == bytes.length) {
                        return -1;
                    }
                    int n = Math.min(len, waiting);
                    System.arraycopy(bytes, position, b, off, n);
                    position += n;
                    waiting -= n;
                    if (waiting == 0 && ++step < READS.length) {
                        waiting = READS[step];
                    }
                    return n;
                }
            };
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }
    }
}
