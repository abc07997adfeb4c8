package io.managerhandlers.processor;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON by hand: the processor links against no JSON library (it must not bring Jackson onto a user's
 * processor path). Values are {@code Map<String, ?>} (written in their iteration order: callers give sorted
 * or declaration-ordered maps, so the text is the same from build to build), {@code List}, {@code String},
 * {@code Boolean} and {@code Number}; indented by two spaces, ending with a newline.
 */
final class JsonText {
    private final StringBuilder out = new StringBuilder();

    private JsonText() {
    }

    static String write(Object value) {
        JsonText text = new JsonText();
        text.value(value, 0);
        return text.out.append('\n').toString();
    }

    private void value(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                indent(depth + 1);
                string((String) entry.getKey());
                out.append(": ");
                value(entry.getValue(), depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String separator = "\n";
            for (Object item : list) {
                out.append(separator);
                indent(depth + 1);
                value(item, depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(depth);
            out.append(']');
        } else if (value instanceof String string) {
            string(string);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
