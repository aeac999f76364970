package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import dev.thaw.simulate.llm.perf.OpType;
import dev.thaw.simulate.llm.perf.StepTimeModel;
import dev.thaw.simulate.llm.trace.SyntheticWorkload;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vLLM's MoE layout (issue 11, acceptance 3): data-parallel attention with expert parallelism over every GPU
 * (ep = dp x tp, {@code --enable-expert-parallel}), all-to-all dispatch and combine, replicas in lockstep. Hand
 * computations use the models' published config numbers, not the simulator's formulas.
 */
class ExpertParallelLayoutTest {
    static final ModelSpec QWEN = ModelCatalog.resolve("Qwen3-30B-A3B");
    static final ModelSpec DSV3 = ModelCatalog.resolve("DeepSeek-V3");
    static final Gpu H100 = HardwareCatalog.bundled().get("H100-SXM-80GB");
    static final Gpu H200 = HardwareCatalog.bundled().get("H200-SXM-141GB");

    @Test void expertParallelAcrossReplicasParsesAndWrongDegreesAreRefused() {
        assertEquals(2, ParallelPlan.parse("dp=2,tp=1,ep=2").replicasPerExpertGroup());
        assertTrue(ParallelPlan.parse("dp=8,tp=1,ep=8").expertsAcrossReplicas());
        assertEquals(2, ParallelPlan.parse("dp=4,tp=2,ep=4").replicasPerExpertGroup());
        assertFalse(ParallelPlan.parse("tp=8,ep=8").expertsAcrossReplicas());
        assertThrows(IllegalArgumentException.class, () -> ParallelPlan.parse("dp=2,tp=1,ep=4")); // more than dp x tp
        assertThrows(IllegalArgumentException.class, () -> ParallelPlan.parse("dp=2,tp=2,ep=3"));
    }

    @Test void expertMemoryPerGpuMatchesHandComputationFromTheConfigs() {
        // Qwen3-30B-A3B: 48 MoE layers of 128 experts, each gate/up/down of 2048 x 768: 3 x 2048 x 768 = 4,718,592
        // parameters per expert; 128 x 48 x 4,718,592 = 28,991,029,248 routed parameters, BF16.
        double routedBytes = 128.0 * 48 * 3 * 2048 * 768 * 2;
        assertEquals(57_982_058_496.0, routedBytes);
        Cluster two = Cluster.of(H100, 2, 1);
        double whole = mem(QWEN, two, "dp=2,tp=1").weightsBytesPerGpu();
        double ep2 = mem(QWEN, two, "dp=2,tp=1,ep=2").weightsBytesPerGpu();
        assertEquals(routedBytes / 2, whole - ep2, 1.0); // each GPU holds 64 of the 128 experts
        // Attention, embeddings and LM head stay whole on every GPU (tp = 1): only the experts are split.
        double tp2 = mem(QWEN, two, "tp=2").weightsBytesPerGpu();
        assertTrue(ep2 > tp2, "dp=2,ep=2 replicates attention and embeddings that tp=2 shards");

        // DeepSeek-V3 FP8: 58 MoE layers (61 - first_k_dense_replace 3) x 256 experts x 3 x 7168 x 2048 x 1 B; on
        // dp=8,tp=1,ep=8 each GPU holds 32 experts per layer.
        double dsRouted = 58.0 * 256 * 3 * 7168 * 2048;
        Cluster eight = Cluster.of(H200, 8, 1);
        Quantization fp8 = Quantization.of("fp8", "bf16");
        double dsWhole = MemoryPlan.of(DSV3, eight, ParallelPlan.parse("dp=8,tp=1"), fp8, EngineProfile.vllmV1()).weightsBytesPerGpu();
        double dsEp8 = MemoryPlan.of(DSV3, eight, ParallelPlan.parse("dp=8,tp=1,ep=8"), fp8, EngineProfile.vllmV1()).weightsBytesPerGpu();
        assertEquals(dsRouted * 7 / 8, dsWhole - dsEp8, 1.0);
    }

    @Test void mlaCacheIsReplicatedOverTensorRanksButNotOverDataParallelReplicas() {
        // DeepSeek-V3 caches kv_lora_rank 512 + qk_rope_head_dim 64 = 576 BF16 values per token and layer, 61 layers:
        // 70,272 B per token. vLLM keeps the whole latent on every TP rank; each DP rank caches only its own requests.
        Cluster eight = Cluster.of(H200, 8, 1);
        Quantization fp8 = Quantization.of("fp8", "bf16");
        MemoryPlan dp = MemoryPlan.of(DSV3, eight, ParallelPlan.parse("dp=8,tp=1,ep=8"), fp8, EngineProfile.vllmV1());
        MemoryPlan tp = MemoryPlan.of(DSV3, eight, ParallelPlan.parse("tp=8,ep=8"), fp8, EngineProfile.vllmV1());
        assertTrue(dp.feasible() && tp.feasible(), dp.reason() + " / " + tp.reason());
        assertEquals(61 * 576 * 2, dp.kvBytesPerTokenPerGpu(), 1e-9);
        assertEquals(61 * 576 * 2, tp.kvBytesPerTokenPerGpu(), 1e-9);
        // Tokens the whole node can cache: 8 replicas' worth under DP, one copy under TP.
        long dpTokens = 8 * dp.kvCapacityTokens(), tpTokens = tp.kvCapacityTokens();
        assertTrue(dpTokens > 4 * tpTokens, dpTokens + " vs " + tpTokens);
    }

    @Test void allToAllVolumeMatchesHandComputation() {
        // Qwen3-30B-A3B on dp=2,tp=1,ep=2: each of a replica's 100 tokens sends its 2048-wide BF16 hidden state to 8
        // experts; half of them live on the other GPU. Dispatch and combine, 48 MoE layers:
        // 100 x 8 x 2048 x 2 B x 1/2 x 2 x 48 = 157,286,400 B leave each GPU per step.
        StepTimeModel st = ServingSimulator.stepTimeModel(ServingConfig.of(QWEN, Cluster.of(H100, 2, 1), ParallelPlan.parse("dp=2,tp=1,ep=2")));
        BatchShape b = decodes(100);
        st.evaluate(b);
        assertEquals(100.0 * 8 * 2048 * 2 / 2 * 2 * 48, b.wireBytesIntra, 1.0);
        assertEquals(0, b.wireBytesInter);
        assertEquals(100.0 * 8 * 2048 * 2, st.a2aBytesPerGpu(100), 1e-9);

        // DeepSeek-V3 on dp=16,tp=1,ep=16 over two nodes of 8: 7168-wide hidden, top-8 of 256 experts, 58 MoE layers;
        // 15/16 of the copies leave the GPU, 8/16 leave the node.
        Cluster two = Cluster.of(H200, 16, 2);
        ServingConfig c = ServingConfig.of(DSV3, two, ParallelPlan.parse("dp=16,tp=1,ep=16")).withQuantization(Quantization.of("fp8", "bf16"));
        BatchShape d = decodes(10);
        ServingSimulator.stepTimeModel(c).evaluate(d);
        double perCopy = 10.0 * 8 * 7168 * 2 * 2 * 58; // tokens x top-k x hidden x 2 B x (dispatch + combine) x layers
        assertEquals(perCopy * 8 / 16, d.wireBytesInter, 1.0);
        assertEquals(perCopy * 15 / 16 - perCopy * 8 / 16, d.wireBytesIntra, 1.0);
        // At 256 tokens per replica, the all-to-all over InfiniBand costs several times the same plan inside one NVLink node.
        ServingConfig one = ServingConfig.of(DSV3, Cluster.of(H200, 8, 1), ParallelPlan.parse("dp=8,tp=1,ep=8")).withQuantization(Quantization.of("fp8", "bf16"));
        double epInter = ServingSimulator.stepTimeModel(c).breakdown(decodes(256))[OpType.EP_COMM.ordinal()];
        double epIntra = ServingSimulator.stepTimeModel(one).breakdown(decodes(256))[OpType.EP_COMM.ordinal()];
        assertTrue(epInter > 3 * epIntra, epInter + " vs " + epIntra);
    }

    @Test void moeLayersOfALockstepGroupSeeEveryReplicasTokens() {
        StepTimeModel st = ServingSimulator.stepTimeModel(ServingConfig.of(QWEN, Cluster.of(H100, 2, 1), ParallelPlan.parse("dp=2,tp=1,ep=2")));
        BatchShape alone = decodes(8), grouped = decodes(8);
        grouped.groupTokens = 8 + 4000;
        double a = st.breakdown(alone)[OpType.MOE_EXPERTS.ordinal()], g = st.breakdown(grouped)[OpType.MOE_EXPERTS.ordinal()];
        assertTrue(g > 2 * a, "the other replica's 4000 prefill tokens run through the same experts: " + g + " vs " + a);
        assertEquals(st.breakdown(alone)[OpType.ATTN_DECODE.ordinal()], st.breakdown(grouped)[OpType.ATTN_DECODE.ordinal()]); // attention is per replica
    }

    @Test void theSlowestReplicaSetsThePaceOfTheGroup() {
        // Two requests at t = 0, routed round-robin to the two replicas: a 6000-token prompt and a 100-token one.
        List<LlmRequest> reqs = List.of(new LlmRequest(0, 0.0, 6000, 20), new LlmRequest(1, 0.0, 100, 200));
        // Engine step costs only: the per-request front-end cost (the same for both plans) would blur the comparison.
        EngineOverheads o = EngineProfile.vllmV1().overheads();
        ServingConfig base = ServingConfig.of(QWEN, Cluster.of(H100, 2, 1), ParallelPlan.parse("dp=2,tp=1,ep=2")).withRouter(RouterPolicy.ROUND_ROBIN)
                .withEngine(EngineProfile.vllmV1().withOverheads(o.stepS(), o.perSeqS()));
        ServingResult lockstep = ServingSimulator.run(base, reqs);
        ServingResult independent = ServingSimulator.run(base.withPlan(ParallelPlan.parse("dp=2,tp=1")), reqs);
        double shortLock = lockstep.requestLog().ttftS(1), longLock = lockstep.requestLog().ttftS(0);
        double shortFree = independent.requestLog().ttftS(1);
        // Under lockstep the short prompt's first token waits for the long prefill's step; independent replicas do not.
        assertEquals(longLock, shortLock, 1e-12);
        assertTrue(shortFree < shortLock / 3, shortFree + " vs " + shortLock);
        // While replica 0 is idle (its request done), it runs dummy steps and replica 1 keeps decoding: all complete.
        assertEquals(2, lockstep.completed());
    }

    @Test void dataParallelExpertParallelBeatsTensorParallelOnThroughputAtHighLoad() {
        // Qwen3-30B-A3B on 2 x H100 at 40 req/s (saturating both plans). dp=2,ep=2 runs two schedulers, each with its
        // own 8192-token budget and attention, whose MoE layers share 16K tokens per step; tp=2 has one scheduler and
        // budget. Honest outcome: more throughput and far less queueing (TTFT) for dp=2,ep=2, but a slower TPOT,
        // because every decode step of one replica waits for the other replica's prefill chunks (lockstep).
        List<LlmRequest> reqs = SyntheticWorkload.parse("poisson:rate=40,n=1500,prompt=200-2000,output=50-500", 11);
        ServingConfig c = ServingConfig.of(QWEN, Cluster.of(H100, 2, 1), ParallelPlan.parse("tp=2"));
        ServingResult tp2 = ServingSimulator.run(c, reqs);
        ServingResult dpEp = ServingSimulator.run(c.withPlan(ParallelPlan.parse("dp=2,tp=1,ep=2")), reqs);
        assertEquals(0, tp2.rejected() + dpEp.rejected());
        assertTrue(dpEp.outputTokPerS() > tp2.outputTokPerS(), dpEp.outputTokPerS() + " vs " + tp2.outputTokPerS());
        assertTrue(dpEp.ttftMs().mean() < tp2.ttftMs().mean() / 1.5, dpEp.ttftMs().mean() + " vs " + tp2.ttftMs().mean());
        assertTrue(dpEp.tpotMs().mean() > tp2.tpotMs().mean(), dpEp.tpotMs().mean() + " vs " + tp2.tpotMs().mean());
    }

    @Test void deepSeekV3OnEightGpusWithDataParallelAttentionRuns() {
        List<LlmRequest> reqs = SyntheticWorkload.parse("poisson:rate=4,n=200,prompt=200-2000,output=20-200", 3);
        ServingConfig c = ServingConfig.of(DSV3, Cluster.of(H200, 8, 1), ParallelPlan.parse("dp=8,tp=1,ep=8")).withQuantization(Quantization.of("fp8", "bf16"));
        ServingResult r = ServingSimulator.run(c, reqs);
        assertEquals(200, r.completed());
        assertTrue(ServingSimulator.stepTimeModel(c).moeCost().source().contains("H100-SXM-80GB"), "H200 borrows the H100 measurement");
    }

    static MemoryPlan mem(ModelSpec m, Cluster c, String plan) {
        return MemoryPlan.of(m, c, ParallelPlan.parse(plan), Quantization.BF16, EngineProfile.vllmV1());
    }

    static BatchShape decodes(int n) {
        BatchShape b = new BatchShape();
        for (int i = 0; i < n; i++) b.addDecode(500);
        return b;
    }
}
