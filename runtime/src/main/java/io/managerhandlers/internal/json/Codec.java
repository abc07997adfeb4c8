package io.managerhandlers.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.managerhandlers.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes one type. A {@code String} travels raw on the untyped bus and as the raw body over HTTP;
 * everything else is JSON. Readers and writers are resolved once, when the handler is registered.
 */
public final class Codec<T> {
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(start marker at \\[Source[^\\]]*][^)]*\\)");
    private static final Pattern HINT = Pattern.compile("\\s*\\((set|but) [^)]*\\)|;\\s*`[\\w.]+` enabled");
    private static final Pattern CLASS_NAME = Pattern.compile("\\s*\\(class [\\w.$]+\\)|`[\\w.$]+\\.([\\w$]+)`");
    private final boolean raw;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private Codec(TypeToken<T> type) {
        JavaType javaType = Json.MAPPER.getTypeFactory().constructType(type.type());
        this.raw = type.rawType() == String.class;
        this.reader = Json.MAPPER.readerFor(javaType);
        this.writer = Json.MAPPER.writerFor(javaType);
    }

    public static <T> Codec<T> of(TypeToken<T> type) {
        return new Codec<>(type);
    }

    /** True for {@code String}: raw text rather than JSON. */
    public boolean raw() {
        return raw;
    }

    /** Reads an HTTP body: raw UTF-8 text for {@code String}, JSON otherwise. */
    @SuppressWarnings("unchecked")
    public T readBody(byte[] body) throws JsonInputException {
        if (raw) {
            return (T) utf8(body);
        }
        if (!Utf8.valid(body)) {
            // Jackson decodes overlong forms (C0 AF is '/') and code points past U+10FFFF without a word.
            throw new JsonInputException("Invalid JSON body: not UTF-8 text", null);
        }
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw new JsonInputException("Invalid JSON body: null is not a value", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new JsonInputException("Invalid JSON body: " + describe(e), e);
        } catch (IOException e) {
            throw new JsonInputException("Invalid JSON body: " + e.getMessage(), e);
        }
    }

    /** Reads the untyped bus's text: itself for {@code String}, JSON otherwise. */
    @SuppressWarnings("unchecked")
    public T readText(String text) throws JsonInputException {
        return raw ? (T) text : readBody(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a value as JSON, whatever its type (the HTTP envelope's {@code message}). */
    public byte[] writeJson(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write the output as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the untyped bus's text: itself for {@code String}, JSON otherwise. */
    public String writeText(T value) {
        if (raw) {
            return (String) value;
        }
        return new String(writeJson(value), StandardCharsets.UTF_8);
    }

    /**
     * Jackson's own words, less what a client should not see: the echo of the input and Java class names.
     */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        message = SOURCE.matcher(message).replaceAll("");
        message = HINT.matcher(message).replaceAll("");
        // The replacement is literal text: a nested class's name has a '$' that would read as a group.
        message = CLASS_NAME.matcher(message).replaceAll(m -> m.group(1) == null ? ""
                : Matcher.quoteReplacement("`" + m.group(1) + "`"));
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        StringBuilder out = new StringBuilder(message.strip());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            out.append(" at ").append(path(mapping));
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            out.append(" (line ").append(e.getLocation().getLineNr())
                    .append(", column ").append(e.getLocation().getColumnNr()).append(')');
        }
        return out.toString();
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Strict UTF-8 to text without a second copy of the body: checked in place first, then decoded by the
     * JDK straight into the string (a decoder would fill a char buffer of twice the body, then copy it).
     */
    private static String utf8(byte[] body) throws JsonInputException {
        if (!Utf8.valid(body)) {
            throw new JsonInputException("Invalid body: not UTF-8 text", null);
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
