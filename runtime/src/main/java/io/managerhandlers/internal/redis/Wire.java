package io.managerhandlers.internal.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.managerhandlers.BusException;
import io.managerhandlers.BusTimeoutException;
import io.managerhandlers.HandlerException;
import io.managerhandlers.internal.bus.ReplicaTimeoutException;
import io.managerhandlers.internal.trace.Trace;
import io.managerhandlers.internal.trace.Tracing;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What travels through Redis: key names, the fields of a request entry, the reply frame, and the Rust
 * crate's JSON. Everything read here came from another process and is checked, never trusted.
 */
final class Wire {
    /** The consumer group of every request stream. */
    static final String GROUP = "mh";

    // The two fields of an entry of mh:req:<handler>: the call's envelope (see Request), then its input.
    static final String CALL = "call";
    static final String DATA = "data";
    // An entry's kind: a call waiting for its reply, or one dispatched (nobody waits).
    static final String REQUEST = "request";
    static final String DISPATCH = "dispatch";
    // The fields of an entry written by instances before the envelope (read, never written).
    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String REPLY = "reply";
    private static final String DEADLINE = "deadline";
    private static final String SOURCE = "source";

    // The first character of a reply's status line.
    static final char OK = 'O';
    static final char FAILED = 'H';
    static final char TIMED_OUT = 'T';
    static final char NO_REPLICA = 'R';
    static final char ERROR = 'E';

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Wire() {
    }

    static String requestStream(String handler) {
        return "mh:req:" + handler;
    }

    static String deadLetters(String handler) {
        return "mh:dead:" + handler;
    }

    static String replyChannel(String instance) {
        return "mh:rep:" + instance;
    }

    static String topicChannel(String topic) {
        return "mh:topic:" + topic;
    }

    static final String TOPIC_PREFIX = "mh:topic:";

    /**
     * A {@code REDIS} topic's message: {@code <traceparent>\n<tracestate>\n<json>}. JSON never starts with
     * {@code 00-}, so a message without the two lines (from an older instance) reads as bare JSON.
     */
    static String topicMessage(Trace trace, String json) {
        Map<String, String> fields = traceFields(trace);
        return fields.getOrDefault(Tracing.TRACEPARENT, "") + '\n' + fields.getOrDefault(Tracing.TRACESTATE, "")
                + '\n' + json;
    }

    /** A topic's message read back: its JSON and its trace (null when it carried none, or a malformed one). */
    record TopicMessage(String json, Trace trace) {
        static TopicMessage parse(String message) {
            if (!message.startsWith("00-")) {
                return new TopicMessage(message, null);
            }
            int first = message.indexOf('\n');
            int second = first < 0 ? -1 : message.indexOf('\n', first + 1);
            if (second < 0) {
                return new TopicMessage(message, null);
            }
            return new TopicMessage(message.substring(second + 1),
                    traceOf(message.substring(0, first), message.substring(first + 1, second)));
        }
    }

    /** The trace of a {@code traceparent} and a {@code tracestate} read off the wire ("": none). */
    private static Trace traceOf(String traceparent, String tracestate) {
        Map<String, String> fields = new HashMap<>(4);
        fields.put(Tracing.TRACEPARENT, traceparent);
        if (!tracestate.isEmpty()) {
            fields.put(Tracing.TRACESTATE, tracestate);
        }
        return Tracing.extract(fields);
    }

    /** {@code traceparent} and (when it has one) {@code tracestate} of a trace, as the fields of a message. */
    static Map<String, String> traceFields(Trace trace) {
        Map<String, String> fields = new HashMap<>(4);
        Tracing.inject(trace, fields::put);
        return fields;
    }

    /**
     * A request entry: its envelope and its input, for {@code XADD}. The envelope is one field, not one field
     * per item: every field is an argument to encode and a bulk string to parse and decode, on both sides and
     * in Redis, and at 16 calls in flight seven fields instead of two cost about a fifth of the round trips
     * per second (see {@code docs/BENCHMARKS.md}, Redis).
     */
    static Object[] request(Request request) {
        return new Object[] {CALL, request.envelope(), DATA, request.data()};
    }

    /**
     * A call as a request entry carries it. Its envelope is seven lines: kind ({@link #REQUEST} or
     * {@link #DISPATCH}), correlation id, deadline (wall-clock milliseconds; 0 for a dispatched call), reply
     * channel ("" for a dispatched call), source, {@code traceparent} and {@code tracestate} ("" when none).
     * None of them can hold a line break: ids and channels are made of names, and W3C trace fields never do.
     */
    record Request(String kind, String id, long deadlineMillis, String reply, String source, Trace trace, String data) {
        private static final int LINES = 7;

        boolean waitedFor() {
            return REQUEST.equals(kind);
        }

        String envelope() {
            Map<String, String> traced = traceFields(trace);
            return kind + '\n' + id + '\n' + deadlineMillis + '\n' + reply + '\n' + source + '\n'
                    + traced.getOrDefault(Tracing.TRACEPARENT, "") + '\n' + traced.getOrDefault(Tracing.TRACESTATE, "");
        }

        /**
         * An entry read back: null when it is neither a request nor a dispatched call. Its trace is null when it
         * carries none (or a malformed one); an unreadable deadline reads as 0 (long past). Entries written by
         * older instances, one field per item, are read too.
         */
        static Request parse(Map<String, String> body) {
            String data = body == null ? null : body.get(DATA);
            if (data == null) {
                return null;
            }
            String envelope = body.get(CALL);
            String[] lines = envelope != null ? envelope.split("\n", -1)
                    : new String[] {body.get(KIND), body.get(ID), body.get(DEADLINE), body.get(REPLY), body.get(SOURCE),
                            body.getOrDefault(Tracing.TRACEPARENT, ""), body.getOrDefault(Tracing.TRACESTATE, "")};
            if (lines.length != LINES || lines[1] == null || !(REQUEST.equals(lines[0]) || DISPATCH.equals(lines[0]))) {
                return null;
            }
            Trace trace = lines[5] == null || lines[5].isEmpty() ? null
                    : traceOf(lines[5], lines[6] == null ? "" : lines[6]);
            return new Request(lines[0], lines[1], parseLong(lines[2]), lines[3] == null ? "" : lines[3],
                    lines[4] == null ? "" : lines[4], trace, data);
        }

        private static long parseLong(String text) {
            try {
                return text == null ? 0 : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** A reply: {@code <correlation id>\n<status><payload>}; the payload is the output, or the failure's message. */
    static String reply(String id, char status, String payload) {
        return id + '\n' + status + payload;
    }

    /** A reply read back; null when the frame is not one. */
    record Reply(String id, char status, String payload) {
        static Reply parse(String frame) {
            int newline = frame == null ? -1 : frame.indexOf('\n');
            if (newline <= 0 || newline + 1 >= frame.length()) {
                return null;
            }
            return new Reply(frame.substring(0, newline), frame.charAt(newline + 1), frame.substring(newline + 2));
        }

        /** The failure a non-OK reply stands for, as the caller throws it. */
        BusException failure(String handler, Duration timeout) {
            return switch (status) {
                case FAILED -> new HandlerException(handler, payload, null);
                case TIMED_OUT -> new BusTimeoutException(handler, timeout);
                case NO_REPLICA -> new ReplicaTimeoutException(handler, timeout);
                default -> new BusException(handler, payload, null);
            };
        }
    }

    /** The status of a failure, for the reply. */
    static char status(BusException failure) {
        if (failure instanceof ReplicaTimeoutException) {
            return NO_REPLICA;
        }
        if (failure instanceof BusTimeoutException) {
            return TIMED_OUT;
        }
        return failure instanceof HandlerException ? FAILED : ERROR;
    }

    /**
     * The Rust crate's message, {@code {"id","message","reply_channel"}}. We add {@code "error": true} to a
     * failure's reply (the crate ignores fields it does not know), so that our callers can throw.
     */
    record CompatMessage(String id, String message, String replyChannel, boolean error, Map<String, String> trace) {
        CompatMessage(String id, String message, String replyChannel, boolean error) {
            this(id, message, replyChannel, error, Map.of());
        }

        /** A request in {@code trace}: its {@code traceparent} (and {@code tracestate}) ride as extra fields. */
        CompatMessage inTrace(Trace trace) {
            return new CompatMessage(id, message, replyChannel, error, traceFields(trace));
        }

        String json() {
            ObjectNode node = PLAIN.createObjectNode();
            node.put("id", id);
            node.put("message", message);
            node.put("reply_channel", replyChannel);
            if (error) {
                node.put("error", true);
            }
            trace.forEach(node::put);                 // the crate ignores fields it does not know
            return node.toString();
        }

        /** Null unless {@code json} is an object with a string {@code id}; a missing message reads as "". */
        static CompatMessage parse(String json) {
            JsonNode node;
            try {
                node = PLAIN.readTree(json);
            } catch (JsonProcessingException e) {
                return null;
            }
            if (node == null || !node.isObject() || !node.path("id").isTextual()) {
                return null;
            }
            JsonNode message = node.path("message");
            String text = message.isTextual() ? message.asText() : message.isMissingNode() ? "" : message.toString();
            Map<String, String> trace = new HashMap<>(4);
            for (String field : List.of(Tracing.TRACEPARENT, Tracing.TRACESTATE)) {
                if (node.path(field).isTextual()) {
                    trace.put(field, node.get(field).asText());
                }
            }
            return new CompatMessage(node.get("id").asText(), text, node.path("reply_channel").asText(""),
                    node.path("error").asBoolean(false), trace);
        }
    }
}
