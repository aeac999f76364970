package dev.thaw.simulate.autoscale;

/**
 * Serves the requests routed to one replica. The autoscaler decides which replica gets a request and when the
 * replica can first see it ({@code availableS} = max(arrival, replica ready)); the server says when its first token
 * and its last token come out. Implementations: {@link SlotReplicaServer} (a fixed-rate stand-in) and
 * {@link EngineReplicaServer} (the LLM serving simulator, one replica of the plan).
 */
public interface ReplicaServer {
    /**
     * @param availableS when each request reaches the replica, non-decreasing
     * @param firstTokenS filled with each request's first-token time (NaN if the replica rejects it)
     * @param finishS filled with each request's last-token time (NaN if rejected)
     */
    void serve(double[] availableS, int[] promptTokens, int[] outputTokens, double[] firstTokenS, double[] finishS);

    /** Expected service time of one request on a lightly loaded replica (the autoscaler's load estimate). */
    double estimateS(int promptTokens, int outputTokens);

    /** Requests a replica serves at once before more of them queue (the scale-out threshold). */
    int concurrency();
}
