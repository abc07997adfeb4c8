package io.managerhandlers.files;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code length} pseudo-random bytes from a seed (xorshift64*), the same for the same seed: test data of any
 * size without a file in the repository. Fast enough not to be what a test measures.
 */
final class GeneratedStream extends InputStream {
    private final long length;
    private long state;
    private long position;
    private long word;
    private int wordLeft;

    GeneratedStream(long seed, long length) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed * 0x9E3779B97F4A7C15L | 1;
    }

    /** The SHA-256, in hex, of what a stream of this seed and length gives. */
    static String sha256(long seed, long length) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (GeneratedStream in = new GeneratedStream(seed, length)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private long next() {
        state ^= state >>> 12;
        state ^= state << 25;
        state ^= state >>> 27;
        return state * 0x2545F4914F6CDD1DL;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        int i = off;
        int end = off + n;
        while (i < end && wordLeft > 0) {
            b[i++] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
        while (end - i >= 8) {
            long w = next();
            b[i] = (byte) w;
            b[i + 1] = (byte) (w >>> 8);
            b[i + 2] = (byte) (w >>> 16);
            b[i + 3] = (byte) (w >>> 24);
            b[i + 4] = (byte) (w >>> 32);
            b[i + 5] = (byte) (w >>> 40);
            b[i + 6] = (byte) (w >>> 48);
            b[i + 7] = (byte) (w >>> 56);
            i += 8;
        }
        if (i < end) {
            word = next();
            wordLeft = 8;
            while (i < end) {
                b[i++] = (byte) word;
                word >>>= 8;
                wordLeft--;
            }
        }
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }
}
