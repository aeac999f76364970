package dev.thaw.ingest.format.azure;

import dev.thaw.ingest.format.MappedFormat;
import dev.thaw.ingest.source.SourceFile;

/** The day of an Azure 2019 daily file, read from its name ({@code .dNN.csv}). */
final class DayHint {
    static MappedFormat.Deriver of(SourceFile file, int dayCol) {
        Integer day = file.hints().day();
        return (row, idx, out) -> { if (day != null) out.setLong(dayCol, day); };
    }

    private DayHint() {}

}
