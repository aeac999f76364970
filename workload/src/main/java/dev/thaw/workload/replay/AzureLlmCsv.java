package dev.thaw.workload.replay;

import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.workload.llm.LlmRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Azure LLM inference traces (2023/2024, {@code TIMESTAMP,ContextTokens,GeneratedTokens}) as requests, read through the
 * ingest module's {@code azure-llm} format. Arrival times are seconds after the first request.
 */
public final class AzureLlmCsv {
    private AzureLlmCsv() {}

    public static List<LlmRequest> read(Path file) throws IOException {
        List<LlmRequest> out = new ArrayList<>();
        try (TraceReader r = Traces.open(file, "azure-llm")) {
            while (r.next()) {
                Float8Vector t = (Float8Vector) r.root().getVector("arrival_s");
                BigIntVector p = (BigIntVector) r.root().getVector("prompt_tokens"), o = (BigIntVector) r.root().getVector("output_tokens");
                for (int i = 0; i < r.root().getRowCount(); i++)
                    out.add(new LlmRequest(out.size(), t.get(i), (int) p.get(i), (int) o.get(i)));
            }
        }
        return out;
    }

    public static double[] arrivals(List<LlmRequest> reqs) {
        double[] t = new double[reqs.size()];
        for (int i = 0; i < t.length; i++) t[i] = reqs.get(i).arrivalS();
        java.util.Arrays.sort(t);
        return t;
    }

}
