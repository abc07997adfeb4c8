package io.managerhandlers.internal.http;

/**
 * The rule for the message of a 500 answer: a handler's exception message may quote its whole input (an
 * unknown product name of 16 MiB), so the answer carries at most {@link #MAX_CHARS} characters of it, marked
 * as cut; the full message goes to the log.
 */
public final class ErrorMessages {
    /** The most characters of a message an answer carries. */
    public static final int MAX_CHARS = 300;
    static final String CUT = "… [cut: %d more characters; the full message is in the service's log]";

    private ErrorMessages() {
    }

    /** The message, or its first {@link #MAX_CHARS} characters and a note of how much was cut. */
    public static String capped(String message) {
        if (message == null || message.length() <= MAX_CHARS) {
            return message;
        }
        int end = MAX_CHARS;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;                          // never split a surrogate pair
        }
        return message.substring(0, end) + String.format(CUT, message.length() - end);
    }

    /** True when {@link #capped(String)} cuts the message. */
    public static boolean cut(String message) {
        return message != null && message.length() > MAX_CHARS;
    }
}
