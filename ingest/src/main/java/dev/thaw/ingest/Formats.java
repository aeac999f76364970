package dev.thaw.ingest;

import dev.thaw.ingest.format.azure.Azure2019DurationsFormat;
import dev.thaw.ingest.format.azure.Azure2019InvocationsFormat;
import dev.thaw.ingest.format.azure.Azure2019MemoryFormat;
import dev.thaw.ingest.format.azure.Azure2021Format;
import dev.thaw.ingest.format.huawei2023.Huawei2023Format;
import dev.thaw.ingest.format.huawei2025.ColdStartFormat;
import dev.thaw.ingest.format.huawei2025.MetadataFormat;
import dev.thaw.ingest.format.huawei2025.MinuteFormat;
import dev.thaw.ingest.format.huawei2025.RequestFormat;
import dev.thaw.ingest.format.llm.ApexFormat;
import dev.thaw.ingest.format.llm.AzureLlmFormat;
import dev.thaw.ingest.format.llm.BurstGptFormat;
import dev.thaw.ingest.format.llm.MooncakeFormat;
import dev.thaw.ingest.format.llm.VidurFormat;
import java.util.List;
import java.util.Optional;

/** Every trace format thaw reads, in detection order (most specific header first). */
public final class Formats {
    private static final List<TraceFormat> ALL = List.of(
            new ColdStartFormat(), new RequestFormat(), new MetadataFormat(), new MinuteFormat(),
            new Huawei2023Format(),
            new Azure2019InvocationsFormat(), new Azure2019DurationsFormat(), new Azure2019MemoryFormat(), new Azure2021Format(),
            new AzureLlmFormat(), new MooncakeFormat(), new BurstGptFormat(), new VidurFormat(), new ApexFormat());

    private Formats() {}

    public static List<TraceFormat> all() { return ALL; }

    public static List<String> ids() { return ALL.stream().map(TraceFormat::id).toList(); }

    public static TraceFormat byId(String id) {
        for (TraceFormat f : ALL) if (f.id().equalsIgnoreCase(id)) return f;
        throw new IllegalArgumentException("unknown format '" + id + "'; known formats: " + String.join(", ", ids()));
    }

    public static Optional<TraceFormat> detect(List<String> header) {
        ThawCsvFormat own = ThawCsvFormat.matching(header);  // a table thaw wrote as CSV (thaw ingest -o X.csv)
        if (own != null) return Optional.of(own);
        for (TraceFormat f : ALL) if (f.matches(header)) return Optional.of(f);
        return Optional.empty();
    }
}
