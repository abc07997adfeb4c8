package io.managerhandlers.internal.files;

import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition: attachment} with a file name, as RFC 6266 and RFC 8187 spell it. */
public final class ContentDisposition {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {
    }

    /** The embedding, override and isolate controls: U+202A-U+202E and U+2066-U+2069. */
    static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>}: the fallback
     * keeps printable ASCII but quotes, backslashes and percent signs, the exact name travels encoded. Path
     * separators stay, as the browser, not the server, decides what a name may be.
     */
    public static String attachment(String name) {
        // A name from any download handler: bidirectional controls could make it read as another extension.
        name = name.codePoints().filter(c -> !isBidiControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        StringBuilder fallback = new StringBuilder(name.length());
        name.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? (char) c : '_'));
        StringBuilder exact = new StringBuilder(name.length() * 3);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                exact.append((char) c);
            } else {
                exact.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
    }
}
