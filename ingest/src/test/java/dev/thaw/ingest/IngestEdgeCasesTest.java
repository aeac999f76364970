package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.write.Ingest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest corners: more partitions than open writers, header-only inputs, mixed formats, replacing an old output. */
class IngestEdgeCasesTest {
    @TempDir Path tmp;

    @Test
    void interleavedPartitionsBeyondTheOpenWriterLimitKeepEveryRowInItsPartition() throws IOException {
        StringBuilder sb = new StringBuilder(BadInputCorpusTest.COLD_HEADER).append('\n');
        // Runs of 20 rows through days 0..8, then day 0 again: with at most 8 writers open, day 0's writer was evicted
        // and the return to it starts a second part file. (Every part file costs a Parquet writer: keep them few.)
        int days = 9, run = 20, rows = (days + 1) * run;
        for (int i = 0; i < rows; i++) {
            int day = i / run % days;
            sb.append(day).append(',').append(86400.0 * day + i).append(",1,").append(i).append(",7,r").append(i)
                    .append(",0.5,0.1,0.2,0.0,0.2,pool22-300-128-").append(1_000_000_000L + i).append('\n');
        }
        Path csv = tmp.resolve("cold_start").resolve("R4").resolve("mixed.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, sb.toString());
        Path out = tmp.resolve("out");
        Ingest.Result r = Ingest.run(List.of(csv.toString()), out, Ingest.Options.defaults(), null);
        assertEquals(rows, r.rowsOut());
        Map<Long, Integer> perDay = new TreeMap<>();
        assertEquals(r.outputs().size(), r.outputs().stream().distinct().count(), "no part file written twice");
        for (Path f : r.outputs()) {
            long day = Long.parseLong(f.getParent().getFileName().toString().substring("day=".length()));
            Rows part = Rows.read(f);
            for (Object d : part.column("day")) assertEquals(day, d, f.toString());
            perDay.merge(day, part.size(), Integer::sum);
        }
        assertEquals(days, perDay.size());
        assertEquals(days + 1, r.outputs().size(), "day 0 reopened as a second part file");
        assertTrue(Files.exists(out.resolve("region=R4/day=0/part-00001.parquet")));
        for (int d = 0; d < days; d++) assertEquals(d == 0 ? 2 * run : run, perDay.get((long) d));
        Rows parquet = Rows.read(out);
        assertEquals(rows, parquet.size());
        // The same partitions as Arrow IPC files read back the same rows.
        Path arrowOut = tmp.resolve("out-arrow");
        Ingest.Result a = Ingest.run(List.of(csv.toString()), arrowOut, new Ingest.Options(dev.thaw.ingest.write.OutputKind.ARROW, null, OnError.FAIL, true), null);
        assertTrue(a.outputs().stream().allMatch(f -> f.toString().endsWith(".arrow")), a.outputs().toString());
        assertEquals(parquet.sorted(), Rows.read(arrowOut).sorted());
    }

    @Test
    void aHeaderOnlyFileGivesAnEmptyButReadableTable() throws IOException {
        Path csv = tmp.resolve("splitwise.csv");
        Files.writeString(csv, "arrived_at,num_prefill_tokens,num_decode_tokens\n");
        for (String name : List.of("empty.parquet", "empty.arrow")) {
            Ingest.Result r = Ingest.run(List.of(csv.toString()), tmp.resolve(name), Ingest.Options.defaults(), null);
            assertEquals(0, r.rowsOut());
            Rows back = Rows.read(tmp.resolve(name));
            assertEquals("vidur", back.formatId(), name);
            assertEquals(List.of("arrival_s", "prompt_tokens", "output_tokens"), back.columns());
            assertEquals(0, back.size());
        }
    }

    @Test
    void aFolderMixingFormatsMustNameOneToOpenButIngestsIntoOneFolderPerFormat() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n");
        Files.writeString(in.resolve("b.csv"), "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Traces.open(in));
        assertTrue(e.getMessage().contains("holds several formats [azure-llm, vidur]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ingest.run(List.of(in.toString()), tmp.resolve("one.parquet"), Ingest.Options.defaults(), null));
        assertEquals(List.of(), BadInputCorpusTest.list(tmp).stream().filter(n -> n.contains("one")).toList());
    }

    @Test
    void aNewIngestReplacesTheOldOutputWhole() throws IOException {
        Path a = tmp.resolve("a.csv"), out = tmp.resolve("out");
        Files.writeString(a, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n1.0,5,5\n");
        Ingest.run(List.of(a.toString()), out, Ingest.Options.defaults(), null);
        Files.writeString(out.resolve("stale.parquet.txt"), "left by someone");
        Files.writeString(a, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,1,1\n");
        Ingest.run(List.of(a.toString()), out, Ingest.Options.defaults(), null);
        assertEquals(1, Rows.read(out).size());
        assertEquals(List.of("a.csv", "out"), BadInputCorpusTest.list(tmp), "no temporary or old folder left");
        // A failed run leaves the previous output as it was.
        Files.writeString(a, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,1,1\n0.1,x,1\n");
        assertThrows(BadInputException.class, () -> Ingest.run(List.of(a.toString()), out, Ingest.Options.defaults(), null));
        assertEquals(1, Rows.read(out).size());
        assertEquals(List.of("a.csv", "out"), BadInputCorpusTest.list(tmp));
    }
}
