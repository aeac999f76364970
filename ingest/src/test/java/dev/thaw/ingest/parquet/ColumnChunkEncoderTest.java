package dev.thaw.ingest.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.ingest.schema.ColumnSpec;
import dev.thaw.ingest.schema.TraceSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * thaw's page encoder against Parquet-Java's own reader: every value and null read back equal to what was written,
 * for every type, PLAIN and dictionary columns, a dictionary that overflows mid-chunk, page and row-group
 * boundaries inside batches, and chunk statistics equal to the data's. DuckDB reads the same values.
 */
class ColumnChunkEncoderTest {
    @TempDir Path tmp;

    static final TraceSchema SCHEMA = new TraceSchema(List.of(
            ColumnSpec.float64("uniqueDouble", "unique doubles, some NaN-free nulls"),
            ColumnSpec.float64("fewDoubles", "12 distinct doubles incl. -0.0"),
            ColumnSpec.int64("uniqueLong", "unique longs incl. extremes"),
            ColumnSpec.int64("fewLongs", "a handful of longs, runs"),
            ColumnSpec.string("hash", "unique 64-hex text"),
            ColumnSpec.string("region", "5 distinct short texts"),
            ColumnSpec.string("overflow", "repetitive first, then unique: the dictionary overflows"),
            ColumnSpec.string("allNull", "nothing but nulls"),
            ColumnSpec.int64("sparse", "mostly null"),
            ColumnSpec.int64("rowNumber", "unique but compressible: 0, 1, 2, ...")));

    /** The expected table, column by column (null = SQL NULL). */
    record Table(List<Object[]> columns, int rows) {}

    static Table generate(int rows, long seed) {
        Random r = new Random(seed);
        Object[][] cols = new Object[SCHEMA.size()][rows];
        double[] few = {0.0, -0.0, 1.5, 2.25, -3.0, 1e300, -1e-300, 4.0, 5.0, 6.0, 7.0, Double.MIN_VALUE};
        String[] regions = {"R1", "R2", "R3", "R4", "Région-5"};
        for (int i = 0; i < rows; i++) {
            cols[0][i] = r.nextInt(10) == 0 ? null : r.nextGaussian() * 1e6;
            cols[1][i] = few[r.nextInt(few.length)];
            cols[2][i] = i == 7 ? Long.MIN_VALUE : i == 8 ? Long.MAX_VALUE : r.nextLong();
            cols[3][i] = r.nextInt(50) == 0 ? null : (long) ((i / 37) % 7) - 3;
            byte[] h = new byte[32];
            r.nextBytes(h);
            cols[4][i] = r.nextInt(100) == 0 ? null : hex(h);
            cols[5][i] = regions[r.nextInt(regions.length)];
            cols[6][i] = i < 30_000 ? "pool" + (i % 10) : "value-" + i + "-" + "x".repeat(40 + r.nextInt(20));
            cols[7][i] = null;
            cols[8][i] = r.nextInt(1000) == 0 ? (long) r.nextInt() : null;
            cols[9][i] = (long) i;
        }
        return new Table(java.util.Arrays.asList(cols), rows);
    }

    static String hex(byte[] b) { return java.util.HexFormat.of().formatHex(b); }

    /** Writes the table in batches of uneven sizes, so pages and row groups end inside batches. */
    static void write(Table t, Path file, int rowGroupRows, int threads) {
        String before = System.getProperty("thaw.write.threads");
        System.setProperty("thaw.write.threads", String.valueOf(threads));
        try (BufferAllocator a = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA.toArrow(), a);
             ParquetTableWriter w = new ParquetTableWriter(file, SCHEMA, "test", CompressionCodecName.ZSTD, rowGroupRows)) {
            int batch = 7_919, from = 0;
            while (from < t.rows()) {
                int n = Math.min(batch, t.rows() - from);
                root.allocateNew();
                for (int c = 0; c < SCHEMA.size(); c++) {
                    Object[] col = t.columns().get(c);
                    var v = root.getVector(c);
                    for (int i = 0; i < n; i++) {
                        Object x = col[from + i];
                        if (x == null) { if (v instanceof Float8Vector f) f.setNull(i); else if (v instanceof BigIntVector l) l.setNull(i); else ((VarCharVector) v).setNull(i); }
                        else if (v instanceof Float8Vector f) f.setSafe(i, (Double) x);
                        else if (v instanceof BigIntVector l) l.setSafe(i, (Long) x);
                        else ((VarCharVector) v).setSafe(i, ((String) x).getBytes(StandardCharsets.UTF_8));
                    }
                }
                root.setRowCount(n);
                // Write the batch in two ranges, as the partitioned sink does.
                int half = n / 3;
                w.write(root, 0, half);
                w.write(root, half, n);
                from += n;
                batch = batch == 7_919 ? 65_536 : 7_919;
            }
        } finally {
            if (before == null) System.clearProperty("thaw.write.threads"); else System.setProperty("thaw.write.threads", before);
        }
    }

    /** Reads every column with Parquet-Java's generic column readers (not thaw's). */
    static List<Object[]> readWithParquetJava(Path file, int rows, List<BlockMetaData> blocksOut) throws Exception {
        List<Object[]> cols = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            blocksOut.addAll(reader.getRowGroups());
            for (int c = 0; c < schema.getColumns().size(); c++) cols.add(new Object[rows]);
            int base = 0;
            PageReadStore rg;
            while ((rg = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg, new org.apache.parquet.example.data.simple.convert.GroupRecordConverter(schema).getRootConverter(), schema, null);
                int n = (int) rg.getRowCount();
                for (int c = 0; c < schema.getColumns().size(); c++) {
                    ColumnDescriptor d = schema.getColumns().get(c);
                    ColumnReader r = store.getColumnReader(d);
                    for (int i = 0; i < n; i++) {
                        Object v = null;
                        if (r.getCurrentDefinitionLevel() == d.getMaxDefinitionLevel()) {
                            PrimitiveTypeName t = d.getPrimitiveType().getPrimitiveTypeName();
                            v = t == PrimitiveTypeName.DOUBLE ? (Object) r.getDouble() : t == PrimitiveTypeName.INT64 ? (Object) r.getLong()
                                    : r.getBinary().toStringUsingUTF8();
                        }
                        cols.get(c)[base + i] = v;
                        r.consume();
                    }
                }
                base += n;
            }
            assertEquals(rows, base, "rows read back");
        }
        return cols;
    }

    static void assertSameValues(Table t, List<Object[]> back) {
        for (int c = 0; c < SCHEMA.size(); c++) {
            Object[] want = t.columns().get(c), got = back.get(c);
            for (int i = 0; i < t.rows(); i++) {
                Object a = want[i], b = got[i];
                if (a instanceof Double x && b instanceof Double y) {
                    if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(y))
                        throw new AssertionError(SCHEMA.column(c).name() + " row " + i + ": wrote " + x + ", read " + y);
                } else if (!java.util.Objects.equals(a, b)) {
                    throw new AssertionError(SCHEMA.column(c).name() + " row " + i + ": wrote " + a + ", read " + b);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Threads.class)
    void everyValueAndNullReadsBackThroughParquetJavaAcrossPagesAndRowGroups(Threads threads) throws Exception {
        int rows = 120_000;
        Table t = generate(rows, 42);
        Path file = tmp.resolve("t.parquet");
        write(t, file, 50_000, threads.n);
        List<BlockMetaData> blocks = new ArrayList<>();
        assertSameValues(t, readWithParquetJava(file, rows, blocks));

        assertEquals(List.of(50_000L, 50_000L, 20_000L), blocks.stream().map(BlockMetaData::getRowCount).toList());
        // Encodings: repetitive columns are dictionary-encoded, unique ones PLAIN; the overflowing column has both
        // in its first row group and stays PLAIN afterwards.
        for (int g = 0; g < blocks.size(); g++) {
            for (ColumnChunkMetaData m : blocks.get(g).getColumns()) {
                String name = m.getPath().toDotString();
                Set<Encoding> enc = m.getEncodings();
                switch (name) {
                    case "fewDoubles", "fewLongs", "region" -> assertTrue(m.hasDictionaryPage() && enc.contains(Encoding.PLAIN_DICTIONARY), name + " " + enc);
                    case "uniqueDouble", "uniqueLong", "hash", "rowNumber" -> assertFalse(m.hasDictionaryPage(), name + " " + enc);
                    case "overflow" -> {
                        if (g == 0) assertTrue(m.hasDictionaryPage() && enc.contains(Encoding.PLAIN_DICTIONARY) && enc.contains(Encoding.PLAIN), "overflow " + enc);
                        else assertFalse(m.hasDictionaryPage(), "after a fallback the column stays PLAIN: " + enc);
                    }
                    default -> { }
                }
            }
        }
        // PLAIN numbers that ZSTD cannot shrink (random longs) are stored uncompressed; the others stay ZSTD.
        for (BlockMetaData b : blocks) {
            for (ColumnChunkMetaData m : b.getColumns()) {
                String name = m.getPath().toDotString();
                if (name.equals("uniqueDouble")) continue; // Gaussian doubles and null slots: near the threshold either way
                CompressionCodecName want = name.equals("uniqueLong") ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.ZSTD;
                assertEquals(want, m.getCodec(), name);
            }
        }
        // Chunk statistics agree with the data of each row group.
        long base = 0;
        for (BlockMetaData b : blocks) {
            for (int c = 0; c < SCHEMA.size(); c++) {
                Statistics<?> s = b.getColumns().get(c).getStatistics();
                Object[] col = t.columns().get(c);
                long nulls = 0;
                Comparable<Object> min = null, max = null;
                for (long i = base; i < base + b.getRowCount(); i++) {
                    Object v = col[(int) i];
                    if (v == null) { nulls++; continue; }
                    @SuppressWarnings("unchecked") Comparable<Object> k = (Comparable<Object>) (v instanceof String str ? Binary.fromString(str) : v);
                    if (min == null || compare(k, min) < 0) min = k;
                    if (max == null || compare(k, max) > 0) max = k;
                }
                String name = SCHEMA.column(c).name();
                assertEquals(nulls, s.getNumNulls(), name + " null count");
                assertEquals(min != null, s.hasNonNullValue(), name + " has values");
                if (min != null) {
                    assertEquals(0, compare(min, (Comparable<Object>) (Object) s.genericGetMin()), name + " min");
                    assertEquals(0, compare(max, (Comparable<Object>) (Object) s.genericGetMax()), name + " max");
                }
            }
            base += b.getRowCount();
        }
    }

    @Test
    void prefixTieCompareOrdersAsTheLibraryDoes() {
        // Values sharing long prefixes (pod ids of one pool), bytes above 0x7F, and values that are prefixes of others.
        Random r = new Random(3);
        String[] stems = {"pool22-300-128-", "pool22-300-128-000000", "pool22-3", "\u00e9t\u00e9-2025-", "abcdefgh"};
        for (int k = 0; k < 200_000; k++) {
            byte[] a = (stems[r.nextInt(stems.length)] + Long.toString(r.nextLong() & 0xFFFF, r.nextInt(3) == 0 ? 36 : 10)).getBytes(StandardCharsets.UTF_8);
            byte[] c = r.nextInt(5) == 0 ? java.util.Arrays.copyOf(a, Math.max(8, a.length - r.nextInt(4)))
                    : (stems[r.nextInt(stems.length)] + Long.toString(r.nextLong() & 0xFFFF, 10)).getBytes(StandardCharsets.UTF_8);
            if (BinaryChunkEncoder.prefix(a, 0, a.length) != BinaryChunkEncoder.prefix(c, 0, c.length)) continue;
            byte[] both = new byte[a.length + c.length + 3];
            System.arraycopy(a, 0, both, 1, a.length);
            System.arraycopy(c, 0, both, a.length + 3, c.length);
            int want = Integer.signum(java.util.Arrays.compareUnsigned(a, c));
            assertEquals(want, Integer.signum(BinaryChunkEncoder.compareAfterPrefix(both, 1, a.length, a.length + 3, c.length)), new String(a, StandardCharsets.UTF_8) + " vs " + new String(c, StandardCharsets.UTF_8));
        }
    }

    enum Threads { ONE(1), THREE(3);
        final int n;
        Threads(int n) { this.n = n; }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) {
        if (a instanceof Double x && b instanceof Double y) return x == 0 && y == 0 ? 0 : Double.compare(x, y); // -0.0 and 0.0 bound alike
        if (a instanceof Binary x && b instanceof Binary y) return org.apache.parquet.schema.PrimitiveComparator.UNSIGNED_LEXICOGRAPHICAL_BINARY_COMPARATOR.compare(x, y);
        return a.compareTo(b);
    }

    @Test
    void duckDbReadsTheSameValues() throws Exception {
        int rows = 40_000;
        Table t = generate(rows, 7);
        Path file = tmp.resolve("d.parquet");
        write(t, file, 15_000, 2);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            int i = 0;
            while (rs.next()) {
                for (int c = 0; c < SCHEMA.size(); c++) {
                    Object want = t.columns().get(c)[i], got = rs.getObject(c + 1);
                    if (want instanceof Double d) assertEquals(d, ((Number) got).doubleValue(), 0.0, SCHEMA.column(c).name() + " row " + i);
                    else if (want instanceof Long l) assertEquals(l, ((Number) got).longValue(), SCHEMA.column(c).name() + " row " + i);
                    else assertEquals(want, got == null ? null : got.toString(), SCHEMA.column(c).name() + " row " + i);
                }
                i++;
            }
            assertEquals(rows, i);
        }
    }

    @Test
    void anEmptyTableIsAValidFileWithNoRows() throws Exception {
        Path file = tmp.resolve("e.parquet");
        new ParquetTableWriter(file, SCHEMA, "test").close();
        List<BlockMetaData> blocks = new ArrayList<>();
        readWithParquetJava(file, 0, blocks);
        assertTrue(blocks.isEmpty());
    }

    @Test
    void rleHybridMatchesParquetJavasDecoder() throws Exception {
        Random r = new Random(3);
        for (int width : new int[] {1, 2, 3, 7, 8, 13, 17, 20}) {
            int n = 5_000;
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = i % 500 < 200 ? 5 % (1 << width) : r.nextInt(1 << width);
            PageBytes out = new PageBytes(16);
            RleHybrid.encode(v, n, width, out);
            var dec = new org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder(width,
                    new java.io.ByteArrayInputStream(out.buf, 0, out.size));
            int[] back = new int[n];
            for (int i = 0; i < n; i++) back[i] = dec.readInt();
            assertArrayEquals(v, back, "width " + width);
        }
    }
}
