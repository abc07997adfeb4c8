package io.managerhandlers.processor;

import java.util.regex.Pattern;

/** A javadoc comment as plain text for a document: inline tags unwrapped, block tags and HTML tags dropped. */
final class Javadocs {
    private static final Pattern INLINE = Pattern.compile("\\{@(?:code|link|linkplain|literal|value)\\s+([^}]*)}");
    private static final Pattern HTML = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@\\w+[\\s\\S]*");

    private Javadocs() {
    }

    /** The comment's text ({@code javax.lang.model.util.Elements.getDocComment}), or empty for none. */
    static String text(String comment) {
        if (comment == null) {
            return "";
        }
        String text = BLOCK_TAG.matcher(comment).replaceFirst("");
        text = INLINE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1).strip()));
        text = HTML.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append("\n\n");
                }
            } else {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                    out.append(' ');
                }
                out.append(stripped);
            }
        }
        return out.toString().strip();
    }

    /** The first sentence of {@code text}: up to the first period followed by a space or the end. */
    static String firstSentence(String text) {
        int end = 0;
        while ((end = text.indexOf('.', end)) >= 0) {
            if (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1))) {
                return text.substring(0, end + 1).replace('\n', ' ');
            }
            end++;
        }
        return text.replace('\n', ' ');
    }
}
