package dev.thaw.simulate.autoscale;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;
import dev.thaw.simulate.faas.policy.KeepAlivePolicies;
import dev.thaw.simulate.faas.policy.KeepAlivePolicy;
import dev.thaw.simulate.faas.policy.KeepAliveWindow;
import dev.thaw.workload.llm.LlmRequest;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Serverless LLM serving: replicas of one plan scale out and in with demand, with cold starts, and each replica
 * serves what it was routed with a {@link ReplicaServer}. Two passes:
 * <ol>
 * <li>Scaling and routing, in arrival order, on estimated service times: expired idle replicas go (never below
 * {@code minReplicas}); a request goes to the replica with the fewest requests in flight (ready or still starting);
 * if even that one is at the server's concurrency and fewer than {@code maxReplicas} exist, a new replica starts
 * and the request waits for its cold start. After every placement the keep-alive policy sets the replica's expiry
 * from its expected idle time; a pre-warm window is served by keeping the replica up through it (unloading a GPU
 * replica only to reload it is a cold start).</li>
 * <li>Serving: each replica's requests, with their arrival moved to when the replica is ready, go through the
 * server; a replica lives at least until its last request finishes.</li>
 * </ol>
 * The first {@code minReplicas} replicas are warm from time 0. A replica never serves a request before its cold
 * start is over: the server only sees a request at {@code max(arrival, ready)}.
 */
public final class AutoscaleSimulator {
    private AutoscaleSimulator() {}

    /** @param requests sorted by arrival */
    public static AutoscaleResult run(List<LlmRequest> requests, AutoscaleConfig cfg, ReplicaServer server) {
        int n = requests.size();
        for (int i = 1; i < n; i++)
            if (requests.get(i).arrivalS() < requests.get(i - 1).arrivalS()) throw new IllegalArgumentException("requests must be sorted by arrival");
        KeepAlivePolicy policy = KeepAlivePolicies.parse(cfg.keepAlive());
        policy.start(FunctionCatalog.uniform(1, 1000, 1024, server.concurrency()), ColdStartModel.constant(cfg.coldStartS()));
        KeepAliveWindow w = new KeepAliveWindow();
        int maxR = cfg.maxReplicas();
        double[] start = new double[maxR * 4 + 4], ready = new double[start.length], end = new double[start.length],
                lastFinish = new double[start.length], expiry = new double[start.length];
        @SuppressWarnings("unchecked") PriorityQueue<Double>[] inflight = new PriorityQueue[start.length];
        int[] alive = new int[maxR];
        int aliveCount = 0, replicas = 0, starts = 0, maxAlive = 0;
        double t0 = n == 0 ? 0 : Math.min(0, requests.get(0).arrivalS());
        for (int k = 0; k < cfg.minReplicas(); k++) {
            int r = replicas++;
            start[r] = t0; ready[r] = t0; lastFinish[r] = t0; expiry[r] = Double.POSITIVE_INFINITY;
            inflight[r] = new PriorityQueue<>();
            alive[aliveCount++] = r;
        }
        maxAlive = aliveCount;
        int[] replicaOf = new int[n];
        double[] avail = new double[n], arrival = new double[n];
        int[] prompt = new int[n], output = new int[n];
        for (int i = 0; i < n; i++) {
            LlmRequest q = requests.get(i);
            double t = q.arrivalS();
            arrival[i] = t; prompt[i] = q.promptTokens(); output[i] = q.outputTokens();
            // retire replicas whose keep-alive ran out, oldest expiry first, never below the minimum
            for (int a = 0; a < aliveCount; a++) {
                int r = alive[a];
                while (!inflight[r].isEmpty() && inflight[r].peek() <= t) inflight[r].poll();
            }
            while (aliveCount > cfg.minReplicas()) {
                int best = -1;
                for (int a = 0; a < aliveCount; a++) {
                    int r = alive[a];
                    if (inflight[r].isEmpty() && expiry[r] <= t && (best < 0 || expiry[r] < expiry[alive[best]])) best = a;
                }
                if (best < 0) break;
                int r = alive[best];
                end[r] = Math.max(expiry[r], lastFinish[r]);
                alive[best] = alive[--aliveCount];
            }
            double est = server.estimateS(q.promptTokens(), q.outputTokens());
            policy.onInvocation(0, t, est);
            int pick = -1;
            for (int a = 0; a < aliveCount; a++) {
                int r = alive[a];
                if (pick < 0 || inflight[r].size() < inflight[pick].size()
                        || (inflight[r].size() == inflight[pick].size() && ready[r] < ready[pick])) pick = r;
            }
            if ((pick < 0 || inflight[pick].size() >= server.concurrency()) && aliveCount < maxR) {
                if (replicas == start.length) {
                    int m = replicas * 2;
                    start = Arrays.copyOf(start, m); ready = Arrays.copyOf(ready, m); end = Arrays.copyOf(end, m);
                    lastFinish = Arrays.copyOf(lastFinish, m); expiry = Arrays.copyOf(expiry, m); inflight = Arrays.copyOf(inflight, m);
                }
                int r = replicas++;
                starts++;
                start[r] = t; ready[r] = t + cfg.coldStartS(); lastFinish[r] = ready[r]; expiry[r] = Double.POSITIVE_INFINITY;
                inflight[r] = new PriorityQueue<>();
                alive[aliveCount++] = r;
                maxAlive = Math.max(maxAlive, aliveCount);
                pick = r;
            }
            double a = Math.max(t, ready[pick]);
            double begin = inflight[pick].size() >= server.concurrency() ? Math.max(a, inflight[pick].peek()) : a;
            double fin = begin + est;
            inflight[pick].add(fin);
            lastFinish[pick] = Math.max(lastFinish[pick], fin);
            policy.window(0, lastFinish[pick], w);
            expiry[pick] = lastFinish[pick] + w.prewarmS + w.keepAliveS;
            replicaOf[i] = pick;
            avail[i] = a;
        }
        double lastArrival = n == 0 ? t0 : arrival[n - 1];
        for (int a = 0; a < aliveCount; a++) end[alive[a]] = Double.NaN;  // still up at the end: set after serving

        // pass 2: serve each replica's requests
        double[] first = new double[n], finish = new double[n];
        int[] count = new int[replicas];
        for (int i = 0; i < n; i++) count[replicaOf[i]]++;
        int[][] members = new int[replicas][];
        for (int r = 0; r < replicas; r++) members[r] = new int[count[r]];
        int[] fill = new int[replicas];
        for (int i = 0; i < n; i++) members[replicaOf[i]][fill[replicaOf[i]]++] = i;
        double horizon = lastArrival;
        double[] lastExact = new double[replicas];
        for (int r = 0; r < replicas; r++) {
            int[] idx = members[r];
            int m = idx.length;
            lastExact[r] = Double.NEGATIVE_INFINITY;
            if (m == 0) continue;
            double[] av = new double[m], ft = new double[m], fs = new double[m];
            int[] pr = new int[m], out = new int[m];
            for (int k = 0; k < m; k++) { av[k] = avail[idx[k]]; pr[k] = prompt[idx[k]]; out[k] = output[idx[k]]; }
            server.serve(av, pr, out, ft, fs);
            for (int k = 0; k < m; k++) {
                first[idx[k]] = ft[k];
                finish[idx[k]] = fs[k];
                if (fs[k] > lastExact[r]) lastExact[r] = fs[k];
            }
            horizon = Math.max(horizon, lastExact[r]);
        }
        double gpuSeconds = 0;
        for (int r = 0; r < replicas; r++) {
            double e = Double.isNaN(end[r]) ? Math.max(horizon, ready[r]) : end[r];
            e = Math.max(e, lastExact[r]);
            end[r] = e;
            gpuSeconds += (e - start[r]) * cfg.gpusPerReplica();
        }

        double[] ttft = new double[n], warm = new double[n], delay = new double[n], tpot = new double[n], e2e = new double[n];
        int completed = 0, nd = 0, nt = 0, met = 0;
        double[] readyOf = new double[n];
        for (int i = 0; i < n; i++) {
            readyOf[i] = ready[replicaOf[i]];
            if (Double.isNaN(finish[i])) continue;
            double d = avail[i] - arrival[i];
            ttft[completed] = first[i] - arrival[i];
            warm[completed] = first[i] - avail[i];
            e2e[completed] = finish[i] - arrival[i];
            completed++;
            if (d > 0) delay[nd++] = d;
            double tp = output[i] > 1 ? (finish[i] - first[i]) / (output[i] - 1) : 0;
            if (output[i] > 1) tpot[nt++] = tp;
            if (first[i] - arrival[i] <= cfg.sloTtftS() && tp <= cfg.sloTpotS()) met++;
        }
        double makespan = n == 0 ? 0 : horizon - arrival[0];
        double gpuHours = gpuSeconds / 3600, cost = gpuHours * cfg.pricePerGpuHour();
        return new AutoscaleResult(cfg.label(), n, completed, starts, maxAlive,
                AutoscaleResult.Stats.of(ttft, completed), AutoscaleResult.Stats.of(warm, completed), AutoscaleResult.Stats.of(delay, nd),
                AutoscaleResult.Stats.of(tpot, nt), AutoscaleResult.Stats.of(e2e, completed),
                n == 0 ? Double.NaN : (double) met / n, makespan > 0 ? met / makespan : 0, gpuHours, cost,
                cost > 0 ? met / cost : Double.NaN, makespan,
                new AutoscaleResult.Detail(arrival, replicaOf, readyOf, avail, first, finish,
                        Arrays.copyOf(start, replicas), Arrays.copyOf(ready, replicas), Arrays.copyOf(end, replicas)));
    }
}
