package dev.thaw.simulate.llm;

import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.metrics.Summary;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome of one run. Latencies include queueing (TTFT = first token - arrival). Throughput and goodput are over the
 * wall-clock makespan (first arrival to last finish; idle time counts). Energy: every GPU of the plan at idle power
 * for the makespan, plus dynamic power (TDP - idle) over each step's roofline busy time, plus link energy per bit.
 * Cost: GPU price per hour x GPUs x makespan. {@code perfDb} names what costed the kernels (a measured database or the
 * fitted roofline curves).
 */
public record ServingResult(String plan, int requests, int completed, int rejected, Summary ttftMs, Summary tpotMs,
                            Summary itlMs, Summary e2eS, double makespanS, double reqPerS, double outputTokPerS,
                            double totalTokPerS, double goodputReqPerS, double goodputShare, double energyJ,
                            double energyJPerOutputToken, double costUsd, double costPerMillionTokens, MemoryPlan memory,
                            long iterations, long preemptions, long peakKvBlocks, long kvBlocksPerInstance,
                            long promptTokensComputed, double simWallS, RequestLog requestLog, String perfDb) {

    /** The `thaw simulate --json` object (docs/cli.md keys, plus extras). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", plan);
        m.put("requests", requests);
        m.put("completed", completed);
        m.put("rejected", rejected);
        m.put("ttft_ms", ttftMs.toJson());
        m.put("tpot_ms", tpotMs.toJson());
        m.put("itl_ms", itlMs.toJson());
        m.put("e2e_s", e2eS.toJson());
        m.put("makespan_s", makespanS);
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("req_per_s", reqPerS);
        tp.put("output_tok_per_s", outputTokPerS);
        tp.put("total_tok_per_s", totalTokPerS);
        m.put("throughput", tp);
        m.put("goodput_req_per_s", goodputReqPerS);
        m.put("goodput_share", goodputShare);
        m.put("energy_j", energyJ);
        m.put("energy_j_per_output_token", energyJPerOutputToken);
        m.put("cost_usd", costUsd);
        m.put("cost_per_mtok_usd", costPerMillionTokens);
        m.put("kv_capacity_tokens", memory.kvCapacityTokens());
        m.put("weights_gib_per_gpu", memory.weightsGibPerGpu());
        m.put("kv_bytes_per_token_per_gpu", memory.kvBytesPerTokenPerGpu());
        m.put("iterations", iterations);
        m.put("preemptions", preemptions);
        m.put("peak_kv_blocks", peakKvBlocks);
        m.put("sim_wall_s", simWallS);
        m.put("perf_db", perfDb);
        return finite(m);
    }

    /** JSON has no NaN: undefined values (e.g. TPOT when every output is one token) become null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> finite(Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Double d && !Double.isFinite(d)) e.setValue(null);
            else if (e.getValue() instanceof Map<?, ?> sub) finite((Map<String, Object>) sub);
        }
        return m;
    }
}
