package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.kit.FormatFixture;
import dev.thaw.ingest.kit.Rows;
import dev.thaw.ingest.write.Ingest;
import dev.thaw.ingest.write.OutputKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every {@link TraceFormat} meets (OpenDC style), run over {@link Formats#all()} with a small
 * realistic fixture per format: detection, schema, rows and golden values, and identical rows whether the file is
 * read plain, gzipped, from a zip member, or back from thaw's Parquet and Arrow output.
 */
class FormatContractTest {
    @TempDir Path tmp;

    /** Each fixture read plain once: the reference the other ways of reading it are compared with. */
    private static final Map<String, Rows> PLAIN = new java.util.concurrent.ConcurrentHashMap<>();

    static Rows plain(FormatFixture x) { return PLAIN.computeIfAbsent(x.formatId(), k -> Rows.read(x.path())); }

    static Stream<TraceFormat> formats() { return Formats.all().stream(); }

    static FormatFixture fixture(TraceFormat f) {
        FormatFixture x = FormatFixture.byFormat().get(f.id());
        assertNotNull(x, "format " + f.id() + " has no fixture under src/test/resources/formats/");
        return x;
    }

    @Test
    void everyFormatHasExactlyOneFixture() {
        assertEquals(Formats.ids(), List.copyOf(FormatFixture.byFormat().keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void detectsTheFormatFromTheHeader(TraceFormat format) {
        FormatFixture x = fixture(format);
        try (TraceReader r = Traces.open(x.path())) {
            assertEquals(format.id(), r.format().id());
        }
        Traces.Plan plan = Traces.plan(x.path().toString(), null);
        assertEquals(1, plan.groups().size());
        assertTrue(plan.unrecognised().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void theReaderDeliversTheDeclaredSchema(TraceFormat format) {
        try (TraceReader r = Traces.open(fixture(format).path())) {
            List<String> names = r.schema().getFields().stream().map(Field::getName).toList();
            assertEquals(format.schema().names(), names);
            for (Field f : r.schema().getFields())
                assertEquals(format.schema().column(format.schema().indexOf(f.getName())).type().arrowType(), f.getType(), f.getName());
            assertTrue(r.next());
            for (String c : format.schema().names()) assertNotNull(r.root().getVector(c), c);
            if (format.timeColumn() != null) assertTrue(names.contains(format.timeColumn()), "time column " + format.timeColumn());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void rowCountGoldenValuesAndIdentities(TraceFormat format) {
        FormatFixture x = fixture(format);
        Rows rows;
        Map<String, Long> violations;
        try (TraceReader r = Traces.open(x.path())) {
            rows = Rows.read(r);
            violations = r.stats().violations();
            assertEquals(x.rows(), r.rowsRead());
            assertEquals(0, r.stats().rowsSkipped());
        }
        assertEquals(x.rows(), rows.size());
        for (FormatFixture.Cell c : x.golden()) {
            Object v = rows.get(c.row(), c.column());
            if (c.value() == null) assertNull(v, c.toString());
            else if (c.value() instanceof Double d) assertEquals(d, (Double) v, Math.ulp(d) * 4, c.toString());
            else assertEquals(c.value(), v, c.toString());
        }
        x.violations().forEach((k, n) -> assertEquals(n, violations.getOrDefault(k, -1L), k));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void gzipAndZipMembersReadTheSameRows(TraceFormat format) throws IOException {
        FormatFixture x = fixture(format);
        Rows plain = plain(x);

        Path gz = tmp.resolve("gz").resolve(x.member() + ".gz");
        Files.createDirectories(gz.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) { Files.copy(x.path(), o); }
        assertEquals(plain, Rows.read(gz));

        // The member keeps its folders (region, metric, day live there); Spark's _SUCCESS marker is ignored.
        Path zip = tmp.resolve(format.id() + ".zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(x.member()));
            Files.copy(x.path(), z);
            z.closeEntry();
            String dir = x.member().contains("/") ? x.member().substring(0, x.member().lastIndexOf('/') + 1) : "";
            z.putNextEntry(new ZipEntry(dir + "_SUCCESS"));
            z.write("ok".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        assertEquals(plain, Rows.read(zip));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void parquetAndArrowRoundTripsKeepEveryValueAndNull(TraceFormat format) {
        FormatFixture x = fixture(format);
        Rows plain = plain(x);
        for (OutputKind kind : List.of(OutputKind.PARQUET, OutputKind.ARROW)) {
            Path out = tmp.resolve("t" + kind.extension);
            Ingest.Result res = Ingest.run(List.of(x.path().toString()), out, Ingest.Options.defaults(), null);
            assertEquals(x.rows(), res.rowsOut());
            assertEquals(List.of(out), res.outputs());
            Rows back = Rows.read(out);
            assertEquals(plain, back, kind + " round trip");
        }
        // thaw's own output is an input too: Parquet converted to Arrow keeps every value and the format.
        Path again = tmp.resolve("again.arrow");
        Ingest.run(List.of(tmp.resolve("t.parquet").toString()), again, Ingest.Options.defaults(), null);
        assertEquals(plain, Rows.read(again));
        // Reading only some columns of the Parquet gives those columns of the same rows.
        List<String> some = List.of(plain.columns().get(plain.columns().size() - 1), plain.columns().get(0));
        try (TraceReader r = Traces.openColumns(tmp.resolve("t.parquet"), some)) {
            Rows cols = Rows.read(r);
            assertEquals(some, cols.columns());
            for (int i = 0; i < plain.size(); i++)
                assertEquals(java.util.Arrays.asList(plain.get(i, some.get(0)), plain.get(i, some.get(1))), cols.rows().get(i));
        }
    }

    private static final Pattern PARTITION = Pattern.compile("(region|day)=([^/]+)/");

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void partitionedParquetHoldsTheSameRowsEachInItsPartition(TraceFormat format) {
        FormatFixture x = fixture(format);
        Rows plain = plain(x);
        Path out = tmp.resolve("parts");
        Ingest.Result res = Ingest.run(List.of(x.path().toString()), out, Ingest.Options.defaults(), null);
        long inFiles = 0;
        for (Path f : res.outputs()) {
            assertTrue(Files.isRegularFile(f), f.toString());
            Rows part = Rows.read(f);
            inFiles += part.size();
            Matcher m = PARTITION.matcher(out.relativize(f).toString().replace('\\', '/'));
            while (m.find()) {
                String col = m.group(1), want = m.group(2);
                for (Object v : part.column(col)) assertEquals(want, v == null ? dev.thaw.ingest.write.PartitionedSink.NULL_PARTITION : String.valueOf(v), f + " holds a row of another partition");
            }
        }
        assertEquals(x.rows(), inFiles);
        Rows back = Rows.read(out);
        assertEquals(format.id(), back.formatId());
        assertEquals(plain.sorted(), back.sorted());
    }
}
