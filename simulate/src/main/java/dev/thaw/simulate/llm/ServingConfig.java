package dev.thaw.simulate.llm;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.Calibration;
import dev.thaw.simulate.llm.perf.CommModel;
import dev.thaw.simulate.llm.perf.MeasuredGemmTable;
import dev.thaw.simulate.llm.perf.db.PerfDbSource;

/**
 * Everything one simulation run needs besides the requests. Build with {@link #of} and the {@code with*} methods.
 *
 * @param prefixUnitTokens tokens one trace prefix hash covers (Mooncake: 512)
 * @param disaggregation   prefill replicas of disaggregated prefill/decode ({@link Disaggregation#NONE}: colocated)
 * @param gemmTable        measured GEMM times (APEX layout) overriding the dense GEMMs where they cover a shape, or null
 * @param perfDb           which measured kernel database costs each GPU ({@link PerfDbSource#BUNDLED} by default)
 */
public record ServingConfig(ModelSpec model, Cluster cluster, ParallelPlan plan, Quantization quantization, EngineProfile engine,
                            RouterPolicy router, Slo slo, Calibration calibration, CommModel comm, int prefixUnitTokens,
                            Disaggregation disaggregation, MeasuredGemmTable gemmTable, PerfDbSource perfDb) {
    public ServingConfig {
        if (disaggregation == null) disaggregation = Disaggregation.NONE;
        if (perfDb == null) perfDb = PerfDbSource.BUNDLED;
        if (disaggregation.enabled() && disaggregation.prefillReplicas() >= plan.dp())
            throw new IllegalArgumentException("disaggregation needs at least one decode replica: " + disaggregation.prefillReplicas() + " prefill replicas of dp=" + plan.dp());
        if (model == null || cluster == null || plan == null || quantization == null || engine == null || router == null
                || slo == null || calibration == null || comm == null) throw new IllegalArgumentException("serving config: no field may be null");
        if (prefixUnitTokens < 1) throw new IllegalArgumentException("prefixUnitTokens must be >= 1");
    }

    /** Without disaggregation (the original signature). */
    public ServingConfig(ModelSpec model, Cluster cluster, ParallelPlan plan, Quantization quantization, EngineProfile engine,
                         RouterPolicy router, Slo slo, Calibration calibration, CommModel comm, int prefixUnitTokens) {
        this(model, cluster, plan, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, Disaggregation.NONE, null, PerfDbSource.BUNDLED);
    }

    /** BF16, vLLM v1 profile, least-outstanding router, default SLOs and calibration, the GPU's bundled perf database. */
    public static ServingConfig of(ModelSpec model, Cluster cluster, ParallelPlan plan) {
        return new ServingConfig(model, cluster, plan, Quantization.BF16, EngineProfile.vllmV1(), RouterPolicy.LEAST_OUTSTANDING,
                Slo.DEFAULT, Calibration.DEFAULT, new CommModel(), 512);
    }

    public ServingConfig withPlan(ParallelPlan v) { return new ServingConfig(model, cluster, v, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withQuantization(Quantization v) { return new ServingConfig(model, cluster, plan, v, engine, router, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withEngine(EngineProfile v) { return new ServingConfig(model, cluster, plan, quantization, v, router, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withRouter(RouterPolicy v) { return new ServingConfig(model, cluster, plan, quantization, engine, v, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withSlo(Slo v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, v, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withCalibration(Calibration v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, slo, v, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withComm(CommModel v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, slo, calibration, v, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
    public ServingConfig withDisaggregation(Disaggregation v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, v, gemmTable, perfDb); }
    /** Measured GEMM times (null: analytic roofline only). */
    public ServingConfig withGemmTable(MeasuredGemmTable v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, disaggregation, v, perfDb); }
    /** Which measured kernel database costs each GPU. */
    public ServingConfig withPerfDb(PerfDbSource v) { return new ServingConfig(model, cluster, plan, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, v); }
    public ServingConfig withCluster(Cluster v) { return new ServingConfig(model, v, plan, quantization, engine, router, slo, calibration, comm, prefixUnitTokens, disaggregation, gemmTable, perfDb); }
}
