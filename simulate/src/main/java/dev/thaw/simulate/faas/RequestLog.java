package dev.thaw.simulate.faas;

/**
 * What the simulator observed, as it happens: pod starts, every request with the pod that served it, and pod
 * deletions. Primitive arguments only, so a sink that does nothing costs nothing. Pod ids are unique per replay and
 * increase with start time.
 */
public interface RequestLog {
    RequestLog NONE = new RequestLog() {};

    /**
     * A pod of {@code function} starts at {@code timeS}; {@code components} holds the four cold-start components
     * (see {@link ColdStartModel}; valid only during the call); {@code prewarm} when a policy started it ahead of demand.
     */
    default void podStarted(long podId, int function, double timeS, double[] components, boolean prewarm) {}

    /** A request arriving at {@code arrivalS} runs on {@code podId} from {@code startS} to {@code endS}. */
    default void request(long podId, int function, double arrivalS, double startS, double endS) {}

    /** A request that needed a new pod when the cluster was full and was turned away. */
    default void rejected(int function, double arrivalS) {}

    /** The pod is deleted (keep-alive expired, evicted, or the replay ended). */
    default void podDeleted(long podId, double timeS) {}
}
