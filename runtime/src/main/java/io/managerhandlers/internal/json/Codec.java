package io.managerhandlers.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.managerhandlers.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes one type. A {@code String} travels raw on the untyped bus and as the raw body over HTTP;
 * everything else is JSON. Readers and writers are resolved once, when the handler is registered.
 */
public final class Codec<T> {
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
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw new JsonInputException("Invalid JSON body: null is not a value", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new JsonInputException("Invalid JSON body: " + e.getOriginalMessage(), e);
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

    private static String utf8(byte[] body) throws JsonInputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonInputException("Invalid body: not UTF-8 text", e);
        }
    }
}
