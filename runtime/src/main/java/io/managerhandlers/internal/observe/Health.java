package io.managerhandlers.internal.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.managerhandlers.internal.json.Json;
import io.managerhandlers.internal.lifecycle.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The probes. Live: the process answers. Ready: started, not stopping, and (with Redis) connected — each a
 * named check, so that a 503 says which one fails. Checked on every probe from flags already kept, without
 * a command to Redis: Lettuce notices a lost connection by itself, at once when the socket closes. While
 * ready the body stays {@code {"status":"UP"}}, as before the checks came.
 */
public final class Health {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.US_ASCII);

    /** One check: its name, whether it passes, and why not. */
    record Check(String name, boolean up, String message) {
    }

    /** All checks; up when every one is. */
    record Report(List<Check> checks) {
        boolean up() {
            return checks.stream().allMatch(Check::up);
        }

        Map<String, Object> json() {
            Map<String, Object> checksJson = new LinkedHashMap<>();
            for (Check check : checks) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("status", check.up() ? "UP" : "DOWN");
                if (!check.up()) {
                    one.put("message", check.message());
                }
                checksJson.put(check.name(), one);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up() ? "UP" : "DOWN");
            body.put("checks", checksJson);
            return body;
        }
    }

    private final Lifecycle lifecycle;
    private final BooleanSupplier started;
    private final RemoteGauges redis;

    /** {@code redis}: null without Redis. */
    Health(Lifecycle lifecycle, BooleanSupplier started, RemoteGauges redis) {
        this.lifecycle = lifecycle;
        this.started = started;
        this.redis = redis;
    }

    Page live() {
        return new Page(200, Page.JSON, UP);
    }

    /** 200 {@code {"status":"UP"}}, as it always was; 503 with every check when one fails. */
    Page ready() {
        Report report = report();
        if (report.up()) {
            return new Page(200, Page.JSON, UP);
        }
        try {
            return new Page(report.up() ? 200 : 503, Page.JSON, Json.MAPPER.writeValueAsBytes(report.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The health report cannot be written as JSON", e);
        }
    }

    Report report() {
        List<Check> checks = new ArrayList<>(3);
        Lifecycle.State state = lifecycle.state();
        checks.add(new Check("started", state != Lifecycle.State.NEW && started.getAsBoolean(),
                "the manager has not finished starting"));
        checks.add(new Check("running", state == Lifecycle.State.NEW || state == Lifecycle.State.RUNNING,
                "the manager is stopping: it takes no new requests"));
        if (redis != null) {
            checks.add(new Check("redis", redis.connected(), "Redis at " + redis.url() + " is not connected"));
        }
        return new Report(List.copyOf(checks));
    }
}
