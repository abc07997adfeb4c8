package io.managerhandlers.internal.json;

/** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF, nothing cut short. */
final class Utf8 {
    private Utf8() {
    }

    static boolean valid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {                                   // ASCII: the common case, one compare a byte
                i++;
                continue;
            }
            b &= 0xff;
            int more;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                min = 0x10000;
            } else {
                return false;                               // a continuation byte first, C0, C1 or F5..FF
            }
            if (i + more >= n) {
                return false;                               // cut short at the end
            }
            int code = b & (0x3F >> more);
            for (int k = 1; k <= more; k++) {
                int c = bytes[i + k] & 0xff;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                code = code << 6 | c & 0x3F;
            }
            if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
                return false;
            }
            i += more + 1;
        }
        return true;
    }
}
