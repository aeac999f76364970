/**
 * Serverless LLM serving: replicas of one parallel plan that scale out and in with demand, pay a cold start
 * ({@link dev.thaw.simulate.autoscale.ReplicaColdStart}: allocation, runtime start, weight loading at a storage
 * bandwidth, resharding when the checkpoint layout differs), keep alive per a {@code thaw faas} keep-alive policy,
 * and serve through a {@link dev.thaw.simulate.autoscale.ReplicaServer} (the LLM serving simulator, or a simple slot
 * model). {@link dev.thaw.simulate.autoscale.AutoscaleSimulator#run} gives one configuration's metrics;
 * {@link dev.thaw.simulate.autoscale.AutoscaleSearch#run} ranks configurations by goodput per dollar.
 */
package dev.thaw.simulate.autoscale;
