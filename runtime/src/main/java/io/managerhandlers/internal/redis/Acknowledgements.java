package io.managerhandlers.internal.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The entries one {@link StreamServer} took and has not acknowledged yet. An entry is held from its delivery
 * until Redis confirmed its {@code XACK}: running, queued for a replica, or done with its acknowledgement on
 * the way or lost. The {@link Reclaimer} keeps held entries claimed (their idle time reset), so that no
 * other instance takes them over while this one lives, and acknowledges again those whose {@code XACK}
 * failed. Acknowledgements ride with the reader's next read (one {@code XACK} for all the entries done
 * meanwhile); once the reader has stopped, or while it blocks on an idle stream, they go over the command
 * connection.
 */
final class Acknowledgements {
    private final String stream;
    private final RedisTransport transport;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
    /** Entries done, to acknowledge with the next read. */
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();

    Acknowledgements(String stream, RedisTransport transport) {
        this.stream = stream;
        this.transport = transport;
    }

    /** Entries held here: to keep claimed. */
    Set<String> held() {
        return held;
    }

    /** Entries done here whose acknowledgement failed: to acknowledge again. */
    Set<String> unacknowledged() {
        return unacknowledged;
    }

    /** An entry was delivered here. */
    void taken(String entryId) {
        held.add(entryId);
    }

    /** An entry is left pending, unacknowledged, for another delivery (here or elsewhere). */
    void leftPending(String entryId) {
        held.remove(entryId);
    }

    /** An entry is done: acknowledged with the reader's next read while it reads, at once otherwise. */
    void done(String entryId, boolean readerRuns) {
        if (readerRuns) {
            waiting.add(entryId);
        } else {
            send(List.of(entryId));
        }
    }

    /** The acknowledgements waiting for the reader's next read, taken by it. */
    List<String> drain() {
        List<String> done = new ArrayList<>();
        for (String id = waiting.poll(); id != null; id = waiting.poll()) {
            done.add(id);
        }
        return done;
    }

    /** Sends the acknowledgements waiting for the reader over the command connection instead. */
    void flush() {
        List<String> done = drain();
        if (!done.isEmpty()) {
            send(done);
        }
    }

    private void send(List<String> entryIds) {
        var commands = transport.commandsOrNull();
        if (commands.isEmpty()) {
            unacknowledged.addAll(entryIds);
            return;
        }
        commands.get().xack(stream, Wire.GROUP, entryIds.toArray(String[]::new))
                .whenComplete((count, failure) -> confirmed(entryIds, failure));
    }

    /** Redis answered the {@code XACK} of these entries: they are no longer held, unless it failed. */
    void confirmed(List<String> entryIds, Throwable failure) {
        if (failure == null) {
            entryIds.forEach(held::remove);
            entryIds.forEach(unacknowledged::remove);
        } else {
            unacknowledged.addAll(entryIds);
        }
    }

    /**
     * Waits, at most until {@code deadlineNanos}, until the entries taken here are acknowledged (or left for
     * another try): stopping, so that closing Redis does not lose the acknowledgements on their way. Checked
     * every few milliseconds: this is the shutdown path, never a delivery path.
     */
    void await(long deadlineNanos) {
        flush();
        while (!held.isEmpty() && !held.equals(unacknowledged) && System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            flush();
        }
    }
}
