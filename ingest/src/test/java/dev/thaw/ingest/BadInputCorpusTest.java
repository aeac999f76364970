package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.text.CsvCursor;
import dev.thaw.ingest.write.Ingest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad inputs (test resources {@code bad/}, plus archives and huge files made on the fly): each gives a
 * {@link BadInputException} naming the file, the line and column where they apply, and what was expected; and an
 * ingest of it leaves nothing behind, neither output nor temporary file.
 */
class BadInputCorpusTest {
    static final String COLD_HEADER = "day,time,clusterName,funcName,userID,requestID,totalCost_cold_start,podAllocationCost,"
            + "deployCodeCost,deployDependencyCost,schedulingCost,podID";

    @TempDir Path tmp;

    static Path bad(String name) {
        try {
            return Paths.get(BadInputCorpusTest.class.getClassLoader().getResource("bad/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** file, forced format (or null), line (0: whole-file problem), column (or null), and words of the expectation. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("wrong_header.csv", null, 0L, null, "no known trace format has the header"),
                Arguments.of("missing_columns.csv", "huawei-2025-coldstart", 0L, null, "header lacks column(s) [schedulingCost, podID]"),
                Arguments.of("non_numeric.csv", null, 3L, "time", "expected a number"),
                Arguments.of("ragged.csv", null, 4L, null, "expected 12 fields as in the header, found 11"),
                Arguments.of("empty.csv", "huawei-2025-coldstart", 0L, null, "empty file"),
                Arguments.of("truncated.csv.gz", null, 0L, null, "truncated or corrupt compressed input"),
                Arguments.of("nan_duration.csv", null, 3L, "totalCost_cold_start", "expected a value for totalCost_cold_start, found it missing"),
                Arguments.of("negative_duration.csv", null, 4L, "podAllocationCost", "expected a non-negative value"),
                Arguments.of("unterminated_quote.csv", null, 3L, null, "unterminated quoted field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadInputNamesWhereAndWhatWasExpected(String name, String format, long line, String column, String expected) {
        Path file = bad(name);
        BadInputException e = assertThrows(BadInputException.class, () -> readAll(file, format));
        assertNamesTheProblem(e, file.toString(), line, column, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aFailedIngestLeavesNoOutputAndNoTemporaryFile(String name, String format, long line, String column, String expected) throws IOException {
        Path file = bad(name);
        for (String out : List.of("out", "out.parquet", "out.arrow")) {
            Path outDir = Files.createDirectories(tmp.resolve("o-" + out));
            BadInputException e = assertThrows(BadInputException.class, () -> Ingest.run(List.of(file.toString()), outDir.resolve(out),
                    new Ingest.Options(null, format, OnError.FAIL, true), null));
            assertNamesTheProblem(e, file.toString(), line, column, expected);
            assertEquals(List.of(), list(outDir), "left behind after " + name + " -> " + out);
        }
    }

    @Test
    void zipWithAParentDirectoryMemberIsRefused() throws IOException {
        Path zip = tmp.resolve("in").resolve("R2.zip");
        Files.createDirectories(zip.getParent());
        writeZip(zip, Map.of("cold_start/R2/day_00.csv", COLD_HEADER + "\n", "cold_start/../../../etc/evil.csv", COLD_HEADER + "\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> Traces.open(zip));
        assertTrue(e.getMessage().startsWith(zip + "!cold_start/../../../etc/evil.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("refusing zip member with '..' or an absolute path"), e.getMessage());
        assertNoOutputAfterIngest(zip);
    }

    @Test
    void zipWithAnAbsolutePathMemberIsRefused() throws IOException {
        Path zip = tmp.resolve("in").resolve("R2.zip");
        Files.createDirectories(zip.getParent());
        writeZip(zip, Map.of("/tmp/day_00.csv", COLD_HEADER + "\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> Traces.open(zip));
        assertTrue(e.getMessage().startsWith(zip + "!/tmp/day_00.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
        assertNoOutputAfterIngest(zip);
    }

    @Test
    void zipWithADriveLetterMemberIsRefused() throws IOException {
        Path zip = tmp.resolve("in").resolve("R2.zip");
        Files.createDirectories(zip.getParent());
        writeZip(zip, Map.of("C:\\traces\\day_00.csv", COLD_HEADER + "\n"));
        assertThrows(BadInputException.class, () -> Traces.open(zip));
    }

    /** Big enough that several batches are written before the stream breaks: the sink must be rolled back. */
    @Test
    void gzipCutMidStreamFailsAfterSomeBatchesAndLeavesNothing() throws IOException {
        Path csv = tmp.resolve("in").resolve("cold_start").resolve("R2").resolve("day_03.csv");
        Files.createDirectories(csv.getParent());
        Path gz = csv.resolveSibling("day_03.csv.gz");
        writeColdStarts(gz, 70_000); // a whole 64K-row batch is written before the cut
        truncate(gz, Files.size(gz) * 97 / 100);
        BadInputException e = assertNoOutputAfterIngest(gz, "out.parquet");
        assertNamesTheProblem(e, gz.toString(), 0, null, "truncated or corrupt compressed input");
    }

    /** Among good files of a folder, a corrupt one is an error too: not quietly left out as "not a trace". */
    @Test
    void aTruncatedGzipInAFolderOfGoodFilesFailsTheIngest() throws IOException {
        Path in = tmp.resolve("in").resolve("cold_start").resolve("R2");
        Files.createDirectories(in);
        Files.writeString(in.resolve("day_02.csv"), COLD_HEADER + "\n" + coldStartRow(new SplittableRandom(1), 0) + "\n");
        Files.copy(bad("truncated.csv.gz"), in.resolve("day_03.csv.gz"));
        Files.writeString(in.resolve("notes.csv"), "author,comment\nme,hello\n");
        BadInputException e = assertNoOutputAfterIngest(in, "out");
        assertNamesTheProblem(e, in.resolve("day_03.csv.gz").toString(), 0, null, "truncated or corrupt compressed input");
        // An empty file or a CSV of another kind is still only reported.
        Files.delete(in.resolve("day_03.csv.gz"));
        Files.writeString(in.resolve("day_04.csv"), "");
        Ingest.Result r = Ingest.run(List.of(in.toString()), tmp.resolve("ok.parquet"), Ingest.Options.defaults(), null);
        assertEquals(1, r.rowsOut());
        assertEquals(2, r.unrecognised().size(), r.unrecognised().toString());
    }

    @Test
    void truncatedZipIsAnErrorNotAShortRead() throws IOException {
        Path zip = tmp.resolve("in").resolve("R2.zip");
        Files.createDirectories(zip.getParent());
        StringBuilder sb = new StringBuilder(COLD_HEADER).append('\n');
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) sb.append(coldStartRow(rnd, i)).append('\n');
        writeZip(zip, Map.of("cold_start/R2/day_03.csv", sb.toString()));
        truncate(zip, Files.size(zip) / 2);
        BadInputException e = assertThrows(BadInputException.class, () -> readAll(zip, null));
        assertNamesTheProblem(e, zip.toString(), 0, null, "truncated or corrupt");
        assertNoOutputAfterIngest(zip);
    }

    /**
     * A 1 GiB file with no line break after the header, made on the fly: 65 MiB of real CSV text (past the 64 MiB
     * line limit), then a sparse tail so the test neither writes nor holds a gigabyte. The reader must stop at the
     * limit with a clear error; with -Xmx2g, buffering the whole line would be an OutOfMemoryError instead.
     */
    @Test
    void aOneGigabyteLineFailsFastWithBoundedMemory() throws IOException {
        Path csv = tmp.resolve("in").resolve("one_line.csv");
        Files.createDirectories(csv.getParent());
        makeHugeLine(csv, COLD_HEADER + "\n", "3,259200.323,1,979,1111,e8cc4228b32e4a8f,0.289404,");
        BadInputException e = assertNoOutputAfterIngest(csv, "out");
        assertNamesTheProblem(e, csv.toString(), 2, null, "a line longer than " + (CsvCursor.MAX_LINE_BYTES >> 20) + " MiB");
    }

    @Test
    void aOneGigabyteJsonLineFailsFastWithBoundedMemory() throws IOException {
        Path jsonl = tmp.resolve("in").resolve("one_line.jsonl");
        Files.createDirectories(jsonl.getParent());
        makeHugeLine(jsonl, "{\"timestamp\": 0, \"input_length\": 6758, \"output_length\": 500, \"hash_ids\": [0, 1]}\n",
                "{\"timestamp\": 27, \"input_length\": 6758, \"output_length\": 500, \"hash_ids\": [0, ");
        BadInputException e = assertNoOutputAfterIngest(jsonl, "out.arrow");
        assertNamesTheProblem(e, jsonl.toString(), 2, null, "a line longer than " + (CsvCursor.MAX_LINE_BYTES >> 20) + " MiB");
    }

    @Test
    void skipModeDropsBadRowsAndCountsThemByReason() throws IOException {
        Path csv = tmp.resolve("in").resolve("cold_start").resolve("R2").resolve("day_03.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, String.join("\n",
                COLD_HEADER,
                "3,259200.323,1,979,1111,e8cc4228,0.289404,0.000243,0.213,0.000,0.076161,pool22-300-128-0001562370",
                "3,abc,2,743,418,f554e1c7,0.172102,0.000138,0.067,0.000,0.104964,pool22-300-128-0000600630",
                "3,259201.045,3,2028,481,58b18460,0.235527,0.000138,0.125,0.000,0.110389",
                "3,259201.100,3,2028,481,58b18461,NaN,0.000138,0.125,0.000,0.110389,pool22-300-128-0001444785",
                "3,259201.200,3,2028,481,58b18462,0.235527,-0.000138,0.125,0.000,0.110665,pool22-300-128-0001444785",
                "3,259202.500,4,88,337,9a1f0c2e,1.804213,0.612031,0.402,0.518,0.272182,pool26-1000-1024-0000031177",
                "3,259203.000,4,88,337,9a1f0c2f,0.5,0.1,0.1,0.1,0.1,pool26-1000-1024-0000031178") + "\n");
        Path out = tmp.resolve("out.parquet");
        Ingest.Result r = Ingest.run(List.of(csv.toString()), out, new Ingest.Options(null, null, OnError.SKIP, true), null);
        assertEquals(7, r.rowsIn());
        assertEquals(3, r.rowsOut());
        assertEquals(4, r.rowsSkipped());
        assertEquals(Map.of("expected a number", 1L, "expected 12 fields as in the header, found 11", 1L,
                "expected a value for totalCost_cold_start, found it missing", 1L,
                "expected a non-negative value (pod allocation, s)", 1L), r.skippedByReason());
        assertTrue(r.skippedExamples().get(0).startsWith(csv + ":3, column 'time': value 'abc'"), r.skippedExamples().get(0));
        // The last row's components sum to 0.4, not 0.5: kept, and counted as an identity violation.
        assertEquals(1L, r.violations().get("huawei-2025-coldstart.components_sum_to_total"));
        Rows back = Rows.read(out);
        assertEquals(List.of(259200.323, 259202.5, 259203.0), back.column("time"));
    }

    /** A wide row that fails half-way must not leave the cells before the bad one in the output. */
    @Test
    void skipModeDropsAWholeWideRowNotJustTheBadCell() throws IOException {
        Path csv = tmp.resolve("in").resolve("quantiles").resolve("R3").resolve("requests").resolve("day_05.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "day,time,1---2---pool22-300-128,3---4---pool22-300-128,5---6---pool22-300-128\n"
                + "5,432000,12.0,,3.0\n5,432060,9.0,oops,1.0\n5,432120,7.0,8.0,\n");
        try (TraceReader r = Traces.open(csv.toString(), null, OnError.SKIP)) {
            Rows rows = Rows.read(r);
            assertEquals(List.of(12.0, 3.0, 7.0, 8.0), rows.column("value"));
            assertEquals(List.of(432000.0, 432000.0, 432120.0, 432120.0), rows.column("time"));
            assertEquals(1, r.stats().rowsSkipped());
        }
    }

    @Test
    void aFailureInTheSecondFormatOfAFolderLeavesNoOutputOfTheFirst() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("a_azure.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n");
        Files.writeString(in.resolve("b_vidur.csv"), "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n0.5,many,8\n");
        Path outDir = Files.createDirectories(tmp.resolve("o"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Ingest.run(List.of(in.toString()), outDir.resolve("out"), Ingest.Options.defaults(), null));
        assertNamesTheProblem(e, in.resolve("b_vidur.csv").toString(), 3, "num_prefill_tokens", "expected an integer");
        assertEquals(List.of(), list(outDir));
        // And when both are good, both land under one folder per format.
        Files.writeString(in.resolve("b_vidur.csv"), "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,4808,10\n0.5,17,8\n");
        Ingest.Result r = Ingest.run(List.of(in.toString()), outDir.resolve("out"), Ingest.Options.defaults(), null);
        assertEquals(List.of("out"), list(outDir));
        assertEquals(Map.of("azure-llm", 1L, "vidur", 2L), r.rowsByFormat());
        for (Path p : r.outputs()) assertTrue(Files.isRegularFile(p), p + " is reported but missing");
        assertEquals(2, Rows.read(outDir.resolve("out").resolve("vidur")).size());
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void readAll(Path file, String format) {
        try (TraceReader r = Traces.open(file, format)) {
            while (r.next()) { /* read everything */ }
        }
    }

    static void assertNamesTheProblem(BadInputException e, String file, long line, String column, String expected) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file), "names the file: " + m);
        assertEquals(file, e.file());
        assertEquals(line, e.line(), "line: " + m);
        if (line > 0) assertTrue(m.startsWith(file + ":" + line), m);
        assertEquals(column, e.column(), "column: " + m);
        if (column != null) assertTrue(m.contains("column '" + column + "'"), m);
        assertTrue(m.contains(expected), "says what was expected (" + expected + "): " + m);
    }

    void assertNoOutputAfterIngest(Path input) throws IOException {
        for (String out : List.of("out", "out.parquet")) assertNoOutputAfterIngest(input, out);
    }

    BadInputException assertNoOutputAfterIngest(Path input, String out) throws IOException {
        Path outDir = Files.createDirectories(tmp.resolve("o-" + out));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Ingest.run(List.of(input.toString()), outDir.resolve(out), Ingest.Options.defaults(), null));
        assertEquals(List.of(), list(outDir), "left behind by a failed ingest to " + out);
        return e;
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) { return s.map(p -> p.getFileName().toString()).sorted().toList(); }
    }

    static void writeZip(Path zip, Map<String, String> members) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var m : new java.util.TreeMap<>(members).entrySet()) {
                z.putNextEntry(new ZipEntry(m.getKey()));
                z.write(m.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    static void truncate(Path p, long size) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) { c.truncate(size); }
    }

    /** A cold-start row with realistic ranges (components in µs and ms that sum to the total), made cheaply. */
    static String coldStartRow(SplittableRandom rnd, int i) {
        long a = rnd.nextLong(10_000), b = rnd.nextLong(300) * 1000, d = rnd.nextLong(200_000); // µs
        return "3," + (259_200_000L + i * 400L) / 1000.0 + "," + (1 + rnd.nextInt(4)) + "," + (1 + rnd.nextInt(3000)) + ","
                + (1 + rnd.nextInt(1500)) + "," + Long.toHexString(rnd.nextLong()) + "," + (a + b + d) / 1e6 + "," + a / 1e6
                + "," + b / 1e6 + ",0.0," + d / 1e6 + ",pool22-300-128-" + (1_000_000_000L + rnd.nextInt(1_000_000_000));
    }

    static void writeColdStarts(Path gz, int rows) throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16), StandardCharsets.US_ASCII)) {
            w.write(COLD_HEADER);
            w.write('\n');
            for (int i = 0; i < rows; i++) { w.write(coldStartRow(rnd, i)); w.write('\n'); }
        }
    }

    /** Writes {@code header}, then one line that starts with {@code start} and runs on (no line break) for 1 GiB. */
    static void makeHugeLine(Path file, String header, String start) throws IOException {
        long realBytes = (long) CsvCursor.MAX_LINE_BYTES + (1 << 20), total = 1L << 30;
        byte[] chunk = "0123456789,".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap((header + start).getBytes(StandardCharsets.US_ASCII)));
            for (long w = 0; w < realBytes; w += chunk.length) c.write(ByteBuffer.wrap(chunk));
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) { f.setLength(total); }
        if (Files.size(file) != total) throw new UncheckedIOException(new IOException("could not size " + file));
    }
}
