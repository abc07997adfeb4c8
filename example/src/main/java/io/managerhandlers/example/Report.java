package io.managerhandlers.example;

import io.managerhandlers.Bus;
import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.SharedState;
import io.managerhandlers.annotations.Handler;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /sales-report} (any body): units sold per product, a generic output. It also greets through
 * the untyped {@link Bus}, the way the Rust crate's handlers called each other.
 */
@Handler("sales-report")
public final class Report implements RequestHandler<String, Map<String, Object>> {
    private final Bus bus;
    private final SharedState state;

    public Report(Bus bus, SharedState state) {
        this.bus = bus;
        this.state = state;
    }

    @Override
    public Map<String, Object> handle(String ignored, Call call) {
        Map<String, Object> report = new TreeMap<>();
        report.put("greeting", bus.publish("greet", "manager"));
        report.put("orders", state.get(ShopState.ORDERS).orElse(0L));
        report.put("sold", state.get(ShopState.SOLD).orElse(Map.of()));
        return report;
    }
}
