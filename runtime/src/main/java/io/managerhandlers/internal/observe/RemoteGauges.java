package io.managerhandlers.internal.observe;

import java.time.Duration;
import java.util.Map;

/**
 * What a transport to other instances reports for the metrics and the readiness probe: whether it is
 * connected, where to, and per handler the work it holds for the service (Redis: pending entries and dead
 * letters). Read when asked for, never on a call's path.
 */
public interface RemoteGauges {
    /** One handler's numbers; -1 when the transport did not answer in time. */
    record HandlerGauges(long pending, long deadLetters) {
    }

    /** A reading: the connection, and the handlers' numbers when connected. */
    record Reading(boolean connected, String url, Map<String, HandlerGauges> handlers) {
    }

    /** Connected right now. */
    boolean connected();

    /** Where it connects to, as it may be shown (no password). */
    String url();

    /** Asks for every handler's numbers at once, waiting at most {@code wait} for the answers. */
    Reading read(Duration wait);
}
