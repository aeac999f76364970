package dev.thaw.simulate.faas;

import java.util.Arrays;

/**
 * Keeps the whole request log in memory on primitive arrays (for tests, small replays and the CLI's exports): one
 * row per pod start (pod id, function, time, cold-start total, pre-warm flag), per request (pod id, function,
 * arrival, start, end) and per deletion. Memory grows with the replay: use {@link RequestLog} directly for big runs.
 */
public final class RecordingRequestLog implements RequestLog {
    private long[] podId = new long[16];
    private int[] podFunction = new int[16];
    private double[] podTime = new double[16], podCost = new double[16], podDeleted = new double[16];
    private boolean[] podPrewarm = new boolean[16];
    private int pods;
    private long[] reqPod = new long[16];
    private int[] reqFunction = new int[16];
    private double[] reqArrival = new double[16], reqStart = new double[16], reqEnd = new double[16];
    private int requests;
    private long rejected;

    @Override public void podStarted(long id, int function, double timeS, double[] components, boolean prewarm) {
        if (id != pods) throw new IllegalStateException("pod ids must be dense from 0");
        if (pods == podId.length) {
            int m = pods * 2;
            podId = Arrays.copyOf(podId, m); podFunction = Arrays.copyOf(podFunction, m); podTime = Arrays.copyOf(podTime, m);
            podCost = Arrays.copyOf(podCost, m); podDeleted = Arrays.copyOf(podDeleted, m); podPrewarm = Arrays.copyOf(podPrewarm, m);
        }
        podId[pods] = id;
        podFunction[pods] = function;
        podTime[pods] = timeS;
        podCost[pods] = components[0] + components[1] + components[2] + components[3];
        podDeleted[pods] = Double.NaN;
        podPrewarm[pods] = prewarm;
        pods++;
    }

    @Override public void request(long pod, int function, double arrivalS, double startS, double endS) {
        if (requests == reqPod.length) {
            int m = requests * 2;
            reqPod = Arrays.copyOf(reqPod, m); reqFunction = Arrays.copyOf(reqFunction, m); reqArrival = Arrays.copyOf(reqArrival, m);
            reqStart = Arrays.copyOf(reqStart, m); reqEnd = Arrays.copyOf(reqEnd, m);
        }
        reqPod[requests] = pod;
        reqFunction[requests] = function;
        reqArrival[requests] = arrivalS;
        reqStart[requests] = startS;
        reqEnd[requests] = endS;
        requests++;
    }

    @Override public void rejected(int function, double arrivalS) { rejected++; }

    @Override public void podDeleted(long id, double timeS) { podDeleted[(int) id] = timeS; }

    public int pods() { return pods; }
    public int function(int pod) { return podFunction[pod]; }
    public double podStart(int pod) { return podTime[pod]; }
    public double podColdStart(int pod) { return podCost[pod]; }
    public double podDeletedAt(int pod) { return podDeleted[pod]; }
    public boolean prewarmed(int pod) { return podPrewarm[pod]; }

    public int requests() { return requests; }
    public long requestPod(int i) { return reqPod[i]; }
    public int requestFunction(int i) { return reqFunction[i]; }
    public double requestArrival(int i) { return reqArrival[i]; }
    public double requestStart(int i) { return reqStart[i]; }
    public double requestEnd(int i) { return reqEnd[i]; }
    public long rejectedCount() { return rejected; }
}
