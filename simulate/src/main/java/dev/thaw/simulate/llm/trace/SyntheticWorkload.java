package dev.thaw.simulate.llm.trace;

import dev.thaw.workload.llm.LlmRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small seeded synthetic workload for {@code thaw simulate --workload}: {@code poisson:rate=R,(n=N|duration=S),
 * prompt=P,output=O}, where a length is a constant ({@code 512}) or an inclusive uniform range ({@code 100-2000}).
 * Example: {@code poisson:rate=2,duration=600,prompt=200-2000,output=50-500}. Richer generators live in the
 * workload module.
 */
public final class SyntheticWorkload {
    /** Most requests a synthetic workload holds in memory. */
    public static final long MAX_REQUESTS = 50_000_000L;

    private SyntheticWorkload() {}

    public static List<LlmRequest> parse(String spec, long seed) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (!s.startsWith("poisson:")) throw new IllegalArgumentException("unknown workload '" + spec + "': expected poisson:rate=R,n=N|duration=S,prompt=P[-Q],output=O[-Q]");
        double rate = Double.NaN, duration = Double.NaN;
        long n = -1;
        int[] prompt = null, output = null;
        for (String part : s.substring(8).split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) throw new IllegalArgumentException("bad workload part '" + part + "' in '" + spec + "'");
            try {
                switch (kv[0]) {
                    case "rate" -> rate = Double.parseDouble(kv[1]);
                    case "n" -> n = Long.parseLong(kv[1]);
                    case "duration" -> duration = Double.parseDouble(kv[1]);
                    case "prompt" -> prompt = range(kv[1]);
                    case "output" -> output = range(kv[1]);
                    default -> throw new IllegalArgumentException("unknown workload key '" + kv[0] + "' in '" + spec + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number '" + kv[1] + "' in workload '" + spec + "'");
            }
        }
        if (!Double.isFinite(rate) || Double.isInfinite(duration))
            throw new IllegalArgumentException("workload '" + spec + "': rate and duration must be finite numbers");
        double expected = n >= 0 ? n : rate * duration;
        if (expected > MAX_REQUESTS)
            throw new IllegalArgumentException("workload '" + spec + "' asks for about " + (long) expected + " requests; at most " + MAX_REQUESTS + " are simulated");
        if (!(rate > 0) || prompt == null || output == null || (n < 0 && !(duration > 0)))
            throw new IllegalArgumentException("workload '" + spec + "' needs rate > 0, n or duration, prompt and output");
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LlmRequest> out = new ArrayList<>();
        double t = 0;
        for (long i = 0; n < 0 || i < n; i++) {
            t += -Math.log(1.0 - rnd.nextDouble()) / rate;
            if (n < 0 && t > duration) break;
            out.add(new LlmRequest(i, t, draw(prompt, rnd), draw(output, rnd)));
        }
        return out;
    }

    private static int[] range(String v) {
        String[] ab = v.split("-");
        int a = Integer.parseInt(ab[0]), b = ab.length > 1 ? Integer.parseInt(ab[1]) : a;
        if (a < 1 || b < a) throw new IllegalArgumentException("bad length range '" + v + "': expected P or P-Q with 1 <= P <= Q");
        return new int[] {a, b};
    }

    private static int draw(int[] r, SplittableRandom rnd) { return r[0] == r[1] ? r[0] : rnd.nextInt(r[0], r[1] + 1); }
}
