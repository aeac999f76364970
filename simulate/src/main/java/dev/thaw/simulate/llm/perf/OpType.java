package dev.thaw.simulate.llm.perf;

/** The parts of a step's time, for {@link StepTimeModel#breakdown}. */
public enum OpType {
    ATTN_PROJECTIONS, FFN, MOE_EXPERTS, ATTN_PREFILL, ATTN_DECODE, ELEMENTWISE, EMBED_LM_HEAD, TP_COMM, EP_COMM, PP_COMM, OVERHEAD
}
