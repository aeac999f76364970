/**
 * The serverless platform simulator. Entry points: {@link dev.thaw.simulate.faas.FaasSimulator#replay} (an iterator
 * of {@link dev.thaw.workload.faas.Invocation} sorted by time, a {@link dev.thaw.simulate.faas.FunctionCatalog}, a
 * {@link dev.thaw.simulate.faas.policy.KeepAlivePolicy} and a {@link dev.thaw.simulate.faas.PlatformConfig}) or the
 * push form {@code new FaasSimulator(...).offer(t, f, d) ... finish()}; {@link dev.thaw.simulate.faas.FaasTraceReader}
 * reads Azure 2019/2021 and Huawei per-request traces into a {@link dev.thaw.simulate.faas.FaasTrace}. Every replay
 * can stream its request log (pod id, function, arrival, start, end), pod starts with their four cold-start
 * components, and pod deletions to a {@link dev.thaw.simulate.faas.RequestLog}.
 */
package dev.thaw.simulate.faas;
