package io.managerhandlers.internal.observe;

import io.managerhandlers.internal.bus.HandlerMetrics;
import java.util.function.IntSupplier;

/**
 * Where the numbers of one handler come from, read at scrape time: its counters, its replicas, how many
 * of them are busy and how many calls it holds (queued or running).
 *
 * @param kind {@code request}, or for file handlers {@code upload}, {@code download}, {@code metadata}
 */
public record HandlerSource(String name, String kind, HandlerMetrics metrics, int replicas, IntSupplier busy,
        IntSupplier pending) {
}
