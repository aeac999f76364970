package dev.thaw.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.BadInputException;
import dev.thaw.ingest.Formats;
import dev.thaw.ingest.OnError;
import dev.thaw.ingest.TraceFormat;
import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.source.SourceFile;
import dev.thaw.ingest.source.SourceResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel byte-range CSV reader against the sequential one, value by value: cuts that fall inside quoted
 * fields with line breaks, CRLF, blank lines, a byte-order mark, a last line without a line break, and bad cells
 * anywhere (the same error, line number included, and the same skipped rows).
 */
class RangeCsvReaderTest {
    static final String HEADER = "day,time,clusterName,funcName,userID,requestID,totalCost_cold_start,podAllocationCost,"
            + "deployCodeCost,deployDependencyCost,schedulingCost,podID";
    static final TraceFormat COLD = Formats.byId("huawei-2025-coldstart");

    @TempDir Path dir;

    /** A cold-start file whose request ids are often quoted text over several lines (with commas and quotes). */
    static String coldStarts(long seed, int rows, boolean crlf, boolean finalNewline, int badRow, String badCell) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String nl = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder(HEADER).append(nl);
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(40) == 0) sb.append(rnd.nextBoolean() ? nl : "\n"); // blank lines are skipped
            String request;
            if (rnd.nextInt(3) == 0) {
                StringBuilder q = new StringBuilder("\"req");
                int lines = 1 + rnd.nextInt(12);
                for (int k = 0; k < lines; k++) q.append(rnd.nextBoolean() ? "\n" : "\r\n").append("part,").append(k).append(" \"\"q\"\" ");
                request = q.append('"').toString();
            } else {
                request = Long.toHexString(rnd.nextLong());
            }
            double a = rnd.nextInt(1000) / 1000.0, b = rnd.nextInt(1000) / 1000.0, c = rnd.nextInt(1000) / 1000.0;
            String total = r == badRow ? badCell : String.format("%.3f", a + b + c + (rnd.nextInt(10) == 0 ? 1 : 0));
            sb.append(r / 100).append(',').append(r * 0.5).append(',').append(1 + rnd.nextInt(4)).append(',')
                    .append(rnd.nextInt(50)).append(',').append(rnd.nextInt(20)).append(',').append(request).append(',')
                    .append(total).append(',').append(a).append(',').append(b).append(',').append(c).append(",0,")
                    .append("pool2").append(rnd.nextInt(3)).append("-300-128-").append(rnd.nextInt(1_000_000));
            if (r < rows - 1 || finalNewline) sb.append(nl);
        }
        return sb.toString();
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static List<SourceFile> files(Path p) { return SourceResolver.resolve(p.toString()); }

    static Rows sequential(Path p, OnError onError) {
        try (TraceReader r = new TextTraceReader(files(p), COLD, onError, 500, false)) { return Rows.read(r); }
    }

    static Rows ranges(Path p, OnError onError, long rangeBytes) {
        try (TraceReader r = new RangeCsvReader(files(p), COLD, onError, rangeBytes, 500)) { return Rows.read(r); }
    }

    static int reparsed(Path p, long rangeBytes) {
        try (RangeCsvReader r = new RangeCsvReader(files(p), COLD, OnError.FAIL, rangeBytes, 500)) {
            Rows.read(r);
            return r.reparsed();
        }
    }

    @Test
    void sameRowsAsTheSequentialReaderWhereverTheCutsFall() throws IOException {
        int[] cases = {0, 1, 2, 3};
        for (int k : cases) {
            boolean crlf = (k & 1) != 0, finalNewline = (k & 2) != 0;
            String text = (k == 3 ? "\uFEFF" : "") + coldStarts(k, 1500, crlf, finalNewline, -1, null);
            Path p = write("R3_day_" + k + ".csv", text);
            Rows expected = sequential(p, OnError.FAIL);
            assertEquals(1500, expected.size());
            for (long rangeBytes : new long[] {97, 256, 1000, 4096, 1 << 20}) {
                Rows actual = ranges(p, OnError.FAIL, rangeBytes);
                assertEquals(expected.columns(), actual.columns());
                assertEquals(expected.size(), actual.size(), "rows, case " + k + ", ranges of " + rangeBytes);
                for (int i = 0; i < expected.size(); i++)
                    assertEquals(expected.rows().get(i), actual.rows().get(i), "row " + i + ", case " + k + ", ranges of " + rangeBytes);
            }
            assertTrue(reparsed(p, 97) > 10, "many cuts fall inside quoted fields and are parsed again");
        }
    }

    @Test
    void statsAndViolationsAddUpAcrossRanges() throws IOException {
        Path p = write("R1_day_00.csv", coldStarts(7, 2000, false, true, -1, null));
        TraceReader seq = new TextTraceReader(files(p), COLD, OnError.FAIL, 500, false);
        TraceReader par = new RangeCsvReader(files(p), COLD, OnError.FAIL, 300, 500);
        try (seq; par) {
            Rows.read(seq);
            Rows.read(par);
            assertEquals(seq.stats().rowsIn(), par.stats().rowsIn());
            assertEquals(seq.rowsRead(), par.rowsRead());
            long violations = seq.stats().violations().get("components_sum_to_total");
            assertTrue(violations > 100, "the file breaks the sum identity in about a tenth of its rows: " + violations);
            assertEquals(seq.stats().violations(), par.stats().violations());
        }
    }

    @Test
    void aBadCellFailsWithTheSameFileLineAndColumn() throws IOException {
        for (int badRow : new int[] {0, 1, 733, 1499}) {
            Path p = write("bad" + badRow + ".csv", coldStarts(11 + badRow, 1500, badRow % 2 == 1, true, badRow, "1.2.3"));
            BadInputException expected = assertThrows(BadInputException.class, () -> sequential(p, OnError.FAIL));
            for (long rangeBytes : new long[] {150, 2048}) {
                BadInputException actual = assertThrows(BadInputException.class, () -> ranges(p, OnError.FAIL, rangeBytes));
                assertEquals(expected.getMessage(), actual.getMessage(), "bad row " + badRow + ", ranges of " + rangeBytes);
                assertTrue(actual.line() > badRow + 1, "a line number past the header and the rows before: " + actual.getMessage());
            }
        }
    }

    @Test
    void skippedRowsAreTheSameRowsWithTheSameExamples() throws IOException {
        // Many bad rows: every seventh total is not a number.
        String text = coldStarts(5, 1200, false, true, -1, null);
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String line : lines) {
            if (!line.matches("^\\d+,[0-9.]+,\\d,.*")) { sb.append(line).append('\n'); continue; }
            String[] f = line.split(",", -1);
            if (n++ % 7 == 3 && f.length == 12) { f[6] = "x" + n; line = String.join(",", f); }
            sb.append(line).append('\n');
        }
        Path p = write("skip.csv", sb.substring(0, sb.length() - 1));
        TraceReader seq = new TextTraceReader(files(p), COLD, OnError.SKIP, 500, false);
        TraceReader par = new RangeCsvReader(files(p), COLD, OnError.SKIP, 400, 500);
        try (seq; par) {
            Rows a = Rows.read(seq), b = Rows.read(par);
            assertEquals(a.rows(), b.rows());
            assertTrue(seq.stats().rowsSkipped() > 50, "skipped: " + seq.stats().rowsSkipped());
            assertEquals(seq.stats().skippedByReason(), par.stats().skippedByReason());
            assertEquals(seq.stats().examples(), par.stats().examples());
            assertEquals(seq.stats().rowsIn(), par.stats().rowsIn());
        }
    }

    @Test
    void anUnterminatedQuoteAtTheEndIsTheSameError() throws IOException {
        Path p = write("open.csv", coldStarts(3, 800, false, true, -1, null) + "0,1.0,1,2,3,\"never closed\n,1,1,1,1,1,pool22-1-1-1\n");
        BadInputException expected = assertThrows(BadInputException.class, () -> sequential(p, OnError.FAIL));
        BadInputException actual = assertThrows(BadInputException.class, () -> ranges(p, OnError.FAIL, 333));
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void aFolderOfFilesReadsAsInSequenceWithErrorsInFileOrder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cold_start"));
        Files.writeString(folder.resolve("day_00.csv"), coldStarts(21, 700, false, true, -1, null));
        Files.writeString(folder.resolve("day_01.csv"), HEADER + "\n");
        Files.writeString(folder.resolve("day_02.csv"), coldStarts(22, 500, true, false, -1, null));
        Rows expected = sequential(folder, OnError.FAIL);
        assertEquals(1200, expected.size());
        for (long rangeBytes : new long[] {200, 5000, 1 << 20}) assertEquals(expected.rows(), ranges(folder, OnError.FAIL, rangeBytes).rows(), "ranges of " + rangeBytes);

        // A bad row late in the first file comes before a header the format cannot use in the second.
        Files.writeString(folder.resolve("day_00.csv"), coldStarts(21, 700, false, true, 650, "n/a"));
        Files.writeString(folder.resolve("day_01.csv"), "a,b,c\n1,2,3\n");
        BadInputException first = assertThrows(BadInputException.class, () -> sequential(folder, OnError.FAIL));
        assertTrue(first.getMessage().contains("day_00.csv:"), first.getMessage());
        assertEquals(first.getMessage(), assertThrows(BadInputException.class, () -> ranges(folder, OnError.FAIL, 300)).getMessage());
        Files.writeString(folder.resolve("day_00.csv"), coldStarts(21, 700, false, true, -1, null));
        BadInputException header = assertThrows(BadInputException.class, () -> sequential(folder, OnError.FAIL));
        assertTrue(header.getMessage().contains("day_01.csv"), header.getMessage());
        assertEquals(header.getMessage(), assertThrows(BadInputException.class, () -> ranges(folder, OnError.FAIL, 300)).getMessage());
    }

    @Test
    void headerOnlyAndEmptyFiles() throws IOException {
        assertEquals(0, ranges(write("header.csv", HEADER + "\n"), OnError.FAIL, 100).size());
        assertEquals(0, ranges(write("header2.csv", HEADER), OnError.FAIL, 100).size());
        BadInputException empty = assertThrows(BadInputException.class, () -> ranges(write("empty.csv", ""), OnError.FAIL, 100));
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());
    }

    @Test
    void ingestReadsPlainCsvInRangesAndCompressedCsvInSequence() throws IOException {
        String text = coldStarts(9, 300, false, true, -1, null);
        Path plain = write("R2_day_01.csv", text);
        Path gz = dir.resolve("R2_day_02.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) { out.write(text.getBytes(StandardCharsets.UTF_8)); }
        Traces.Group plainGroup = Traces.plan(plain.toString(), null).groups().get(0);
        Traces.Group gzGroup = Traces.plan(gz.toString(), null).groups().get(0);
        try (TraceReader a = Traces.open(plainGroup, OnError.FAIL, true); TraceReader b = Traces.open(gzGroup, OnError.FAIL, true)) {
            assertInstanceOf(RangeCsvReader.class, a);
            assertInstanceOf(TextTraceReader.class, b);
            assertEquals(Rows.read(b).rows().size(), Rows.read(a).rows().size());
        }
    }
}
