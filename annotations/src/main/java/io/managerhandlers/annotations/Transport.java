package io.managerhandlers.annotations;

/** How a topic's messages travel. */
public enum Transport {
    /** Delivered to the subscribers of this process. */
    LOCAL,
    /**
     * Broadcast to every instance through a Redis pub/sub channel; without Redis configured, delivered
     * in this process like {@link #LOCAL}.
     */
    REDIS
}
