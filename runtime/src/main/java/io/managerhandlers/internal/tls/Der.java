package io.managerhandlers.internal.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to find the algorithm of a PKCS#8 key and to wrap PKCS#1 and SEC1 keys in PKCS#8: reading
 * tag-length-value elements and writing them back. No cryptography happens here.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, explicit: the curve of a SEC1 EC key. */
    static final int CONTEXT_0 = 0xA0;

    /** One element: its tag and its content, with the whole encoding kept for re-wrapping. */
    record Element(int tag, byte[] content, byte[] encoded) {
        Reader children() {
            return new Reader(content);
        }

        boolean is(byte[] expected) {
            return Arrays.equals(encoded, expected);
        }
    }

    /** Reads the elements of one level, in order. */
    static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        boolean hasNext() {
            return pos < in.length;
        }

        Element next() {
            int start = pos;
            int tag = read();
            if ((tag & 0x1F) == 0x1F) {
                throw new IllegalArgumentException("multi-byte DER tags are not expected here");
            }
            int first = read();
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 4) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | read();
                }
                if (length < 0) {
                    throw new IllegalArgumentException("bad DER length");
                }
            }
            if (length > in.length - pos) {
                throw new IllegalArgumentException("truncated DER");
            }
            byte[] content = Arrays.copyOfRange(in, pos, pos + length);
            pos += length;
            return new Element(tag, content, Arrays.copyOfRange(in, start, pos));
        }

        Element next(int expectedTag) {
            Element element = next();
            if (element.tag() != expectedTag) {
                throw new IllegalArgumentException(String.format("expected DER tag 0x%02x, found 0x%02x",
                        expectedTag, element.tag()));
            }
            return element;
        }

        private int read() {
            if (pos >= in.length) {
                throw new IllegalArgumentException("truncated DER");
            }
            return in[pos++] & 0xFF;
        }
    }

    private Der() {
    }

    /** The single top-level element of {@code der}, which must hold nothing else. */
    static Element parse(byte[] der) {
        Reader reader = new Reader(der);
        Element element = reader.next();
        if (reader.hasNext()) {
            throw new IllegalArgumentException("trailing bytes after DER");
        }
        return element;
    }

    /** Encodes one element whose content is the concatenation of {@code parts}. */
    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER from its dotted form; the first arc is 0, 1 or 2. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        writeArc(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            writeArc(content, Long.parseLong(arcs[i]));
        }
        return encode(OID, content.toByteArray());
    }

    private static void writeArc(ByteArrayOutputStream out, long arc) {
        int groups = 1;
        while (groups < 10 && arc >>> (7 * groups) != 0) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int bits = (int) ((arc >>> (7 * i)) & 0x7F);
            out.write(i == 0 ? bits : bits | 0x80);
        }
    }
}
