package dev.thaw.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** A tiny reader of the bundled Azure LLM 2023 trace (TIMESTAMP,ContextTokens,GeneratedTokens), for tests only. */
record AzureLlmTrace(String name, double[] arrivalS, double[] promptTokens, double[] outputTokens) {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");

    static Path dir() {
        String repo = System.getProperty("thaw.repo");
        Path base = repo != null ? Path.of(repo) : Path.of("..");
        return base.resolve("datasets/llm-traces/azure-llm-2023");
    }

    static AzureLlmTrace read(String file) {
        Path p = dir().resolve(file);
        try {
            List<String> lines = Files.readAllLines(p);
            int n = lines.size() - 1;
            double[] t = new double[n], in = new double[n], out = new double[n];
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",");
                LocalDateTime ts = LocalDateTime.parse(f[0], TS);
                t[i] = ts.toEpochSecond(ZoneOffset.UTC) + ts.getNano() / 1e9;
                in[i] = Double.parseDouble(f[1]);
                out[i] = Double.parseDouble(f[2]);
            }
            return new AzureLlmTrace(file.replace("AzureLLMInferenceTrace_", "").replace(".csv", ""), t, in, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double[] interArrivals() {
        double[] g = new double[arrivalS.length - 1];
        for (int i = 1; i < arrivalS.length; i++) g[i - 1] = arrivalS[i] - arrivalS[i - 1];
        return g;
    }

    /** Requests per window of {@code seconds}, from the first arrival. */
    double[] counts(double seconds) {
        double t0 = arrivalS[0];
        int windows = (int) Math.floor((arrivalS[arrivalS.length - 1] - t0) / seconds);
        double[] c = new double[Math.max(windows, 0)];
        for (double t : arrivalS) {
            int w = (int) Math.floor((t - t0) / seconds);
            if (w < windows) c[w]++;
        }
        return c;
    }

    /** Index of dispersion of counts: Var(N_T) / E(N_T). */
    double idc(double seconds) {
        double[] c = counts(seconds);
        double mean = 0, var = 0;
        for (double v : c) mean += v;
        mean /= c.length;
        for (double v : c) var += (v - mean) * (v - mean);
        var /= (c.length - 1);
        return var / mean;
    }
}
