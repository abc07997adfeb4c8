package io.managerhandlers.internal.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in {@code application.yaml}: ISO-8601 ({@code PT2S}, {@code PT1M30S}) or the
 * short form, a whole number and a unit ({@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 1d}).
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @param key where the text came from, named in the error
     * @throws IllegalArgumentException the text is neither form; the message names the key and both forms
     */
    public static Duration parse(String key, String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            return Duration.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("Config " + key + ": '" + text + "' is not a duration; write it as"
                    + " 500ms, 2s, 1m, 1h, 1d or in ISO-8601 (PT2S)", e);
        }
    }
}
