package dev.thaw.workload.faas;

/**
 * One serverless invocation: when it arrives (seconds from the start of the trace), which function it calls
 * (a dense index into the population), and how long it executes once it has a warm pod.
 */
public record Invocation(double timeS, int function, double durationS) {}
