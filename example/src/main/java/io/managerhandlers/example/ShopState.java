package io.managerhandlers.example;

import io.managerhandlers.StateKey;
import java.util.Map;
import io.managerhandlers.TypeToken;

/** The keys of the example's shared state. */
public final class ShopState {
    /** How each greeting starts; seeded by {@link ShopService}. */
    public static final StateKey<String> GREETING = StateKey.of("greeting", String.class);
    /** Orders taken so far; also the next order's number. */
    public static final StateKey<Long> ORDERS = StateKey.of("orders", Long.class);
    /** Units sold per product, kept by the {@link Notifications} subscriber. */
    public static final StateKey<Map<String, Integer>> SOLD =
            StateKey.of("sold", TypeToken.parameterized(Map.class, TypeToken.of(String.class), TypeToken.of(Integer.class)));

    private ShopState() {
    }
}
