package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.source.PathHints;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs in the layouts users download: day files in region folders, globs, Spark part files, region zips read in place. */
class SourcesTest {
    static final String HEADER = BadInputCorpusTest.COLD_HEADER + "\n";
    @TempDir Path tmp;

    static String rows(int day, int n) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++)
            sb.append(day).append(',').append(86400.0 * day + i).append(",1,").append(100 + i).append(",7,r").append(i)
                    .append(",0.5,0.1,0.2,0.0,0.2,pool22-300-128-").append(1_000_000_000L + i).append('\n');
        return sb.toString();
    }

    Path write(String relative, String text) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aGlobOfDayFilesReadsThemInPathOrderWithRegionAndDay() throws IOException {
        write("cold_start/R2/day_01.csv", rows(1, 3));
        write("cold_start/R2/day_00.csv", rows(0, 2));
        write("cold_start/R3/day_00.csv", rows(0, 4));
        Rows r = Rows.read(Traces.open(tmp.resolve("cold_start/R2").toString() + "/*.csv", null, OnError.FAIL));
        assertEquals(5, r.size());
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L), r.column("day"));
        assertEquals(new HashSet<>(List.of("R2")), new HashSet<>(r.column("region")));
        Rows all = Rows.read(tmp.resolve("cold_start"));
        assertEquals(9, all.size());
        assertEquals(List.of("R2", "R2", "R2", "R2", "R2", "R3", "R3", "R3", "R3"), all.column("region"));
        assertThrows(BadInputException.class, () -> Traces.open(tmp.resolve("cold_start/R9").toString() + "/*.csv", null, OnError.FAIL));
    }

    @Test
    void sparkPartFilesSkipMarkersAndChecksums() throws IOException {
        write("per_day/R4/part-00000-a1.csv", rows(5, 2));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("per_day/R4/part-00001-a1.csv.gz")))) {
            o.write(rows(5, 3).getBytes(StandardCharsets.US_ASCII));
        }
        write("per_day/R4/_SUCCESS", "");
        write("per_day/R4/.part-00000-a1.csv.crc", "garbage");
        Rows r = Rows.read(tmp.resolve("per_day/R4"));
        assertEquals(5, r.size());
        assertEquals(new HashSet<>(List.of("R4")), new HashSet<>(r.column("region")));
    }

    @Test
    void aRegionZipIsReadInPlaceWithTheRegionFromItsName() throws IOException {
        Path zip = tmp.resolve("downloads").resolve("R5.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int d : new int[] {2, 0, 1}) {
                z.putNextEntry(new ZipEntry("cold_start/day_0" + d + ".csv"));
                z.write(rows(d, d + 1).getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("__MACOSX/cold_start/._day_00.csv"));
            z.write(new byte[] {0, 1, 2});
            z.closeEntry();
            z.putNextEntry(new ZipEntry("README.md"));
            z.write("not data".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        Rows r = Rows.read(zip);
        assertEquals(6, r.size());
        assertEquals(List.of(0L, 1L, 1L, 2L, 2L, 2L), r.column("day"), "members in name order");
        assertEquals(new HashSet<>(List.of("R5")), new HashSet<>(r.column("region")));
    }

    @Test
    void pathHintsOfThePublishedLayouts() {
        assertEquals(new PathHints("R3", 5, "requests"), PathHints.of("/data/quantiles/R3/requests/day_05.csv"));
        assertEquals(new PathHints("R1", 30, "totalCost_cold_start_quantile_050"), PathHints.of("/data/R1.zip/quantiles/R1/totalCost_cold_start_quantile_050/day_30.csv"));
        assertEquals(new PathHints(null, 1, "requests_minute"), PathHints.of("/data/public_dataset/requests_minute/day_001.csv"));
        assertEquals(14, PathHints.of("/azure/invocations_per_function_md.anon.d14.csv").day());
        assertEquals("R2", PathHints.of("/x/cold_start/R2/day_00.csv").region());
        assertEquals(null, PathHints.of("/x/region2_cold_start.csv").region(), "only an R<n> path element names a region");
    }
}
