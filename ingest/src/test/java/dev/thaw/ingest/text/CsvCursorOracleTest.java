package dev.thaw.ingest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The hand-written CSV reader against Commons CSV as an oracle, on random RFC 4180 text several buffers long: quoted
 * fields with commas, doubled quotes and line breaks, CRLF and LF, empty cells, rows straddling buffer refills.
 */
class CsvCursorOracleTest {
    static final String[] PIECES = {"", "0.000243", "pool22-300-128-0001562370", "a,b", "say \"hi\"", "two\nlines", "crlf\r\ninside",
            "NaN", " spaced ", "é ü 数据", "\"", ","};

    static String field(SplittableRandom rnd) {
        String s = PIECES[rnd.nextInt(PIECES.length)];
        if (rnd.nextInt(4) == 0) s = s + "x".repeat(rnd.nextInt(3000)); // long cells make rows cross the 1 MiB buffer end often
        boolean mustQuote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return mustQuote || rnd.nextInt(5) == 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Test
    void agreesWithCommonsCsvOnRandomText() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        int cols = 5;
        StringBuilder sb = new StringBuilder("c0,c1,c2,c3,c4\n");
        while (sb.length() < (3 << 20) + 12345) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) sb.append(',');
                sb.append(field(rnd));
            }
            sb.append(rnd.nextBoolean() ? "\n" : "\r\n");
        }
        String text = sb.toString();

        List<List<String>> expected = new ArrayList<>();
        List<Long> expectedLines = new ArrayList<>();
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(text))) {
            for (CSVRecord r : p) {
                expected.add(r.toList());
                expectedLines.add(r.getParser().getCurrentLineNumber());
            }
        }
        List<List<String>> actual = new ArrayList<>();
        try (CsvCursor csv = new CsvCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "random.csv")) {
            assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), csv.readHeader());
            while (csv.nextRow()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < csv.fieldCount(); i++) row.add(csv.getString(i));
                actual.add(row);
            }
        }
        assertTrue(expected.size() > 1000, "rows: " + expected.size());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), "row " + i);
    }

    /**
     * Mostly unquoted rows, as traces are (the word-at-a-time path), with a quoted field now and then, rows of any
     * width and field lengths around the 8-byte word, negative numbers after commas, blank lines, CR before LF and
     * lone CRs, and small buffers so rows often cross the buffer end; also line numbers against Commons CSV's.
     */
    @Test
    void agreesWithCommonsCsvOnPlainRowsAcrossSmallBuffers() throws IOException {
        String[] plain = {"", "-", "-3.25", "0.861066", "12345678", "1234567", "123456789", "pool22-300-128-0001562370",
                "é-ü", "\u0080\u00ff", "x".repeat(17), "NaN"};
        for (int buffer : new int[]{64, 100, 4096}) {
            SplittableRandom rnd = new SplittableRandom(buffer);
            StringBuilder sb = new StringBuilder("h0,h1,h2\n");
            while (sb.length() < 400_000) {
                if (rnd.nextInt(50) == 0) { sb.append(rnd.nextBoolean() ? "\n" : "\r\n"); continue; } // a blank line
                int cols = rnd.nextInt(40) == 0 ? 1 + rnd.nextInt(30) : 3;
                for (int c = 0; c < cols; c++) {
                    if (c > 0) sb.append(',');
                    sb.append(rnd.nextInt(60) == 0 ? field(rnd).replace("x".repeat(100), "x") : plain[rnd.nextInt(plain.length)]);
                }
                sb.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            String text = sb.toString();
            List<List<String>> expected = new ArrayList<>();
            try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).build().parse(new StringReader(text))) {
                for (CSVRecord r : p) expected.add(r.toList());
            }
            List<List<String>> actual = new ArrayList<>();
            try (CsvCursor csv = new CsvCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "plain.csv", buffer)) {
                assertEquals(List.of("h0", "h1", "h2"), csv.readHeader());
                while (csv.nextRow()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 0; i < csv.fieldCount(); i++) row.add(csv.getString(i));
                    actual.add(row);
                }
            }
            assertTrue(expected.size() > 5000, "rows: " + expected.size());
            assertEquals(expected.size(), actual.size(), "buffer " + buffer);
            for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), "buffer " + buffer + ", row " + i);
        }
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
        String text = "\uFEFFa,b\r\n1,\"x\ny\nz\"\r\n\r\n2,3\n4,\"q\"\"r\"";
        try (CsvCursor csv = new CsvCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv")) {
            assertEquals(List.of("a", "b"), csv.readHeader(), "byte-order mark stripped");
            assertTrue(csv.nextRow());
            assertEquals(2, csv.lineNumber());
            assertEquals("x\ny\nz", csv.getString(1));
            assertTrue(csv.nextRow());
            assertEquals(6, csv.lineNumber(), "after a 3-line quoted field and a blank line");
            assertEquals("3", csv.getString(1));
            assertTrue(csv.nextRow());
            assertEquals(7, csv.lineNumber());
            assertEquals("q\"r", csv.getString(1), "last line without a line break, doubled quote");
            assertFalse(csv.nextRow());
        }
    }

    @Test
    void missingSpellings() throws IOException {
        String text = "a,b,c,d,e,f\n,NaN,nan,null,0,NULL\n";
        try (CsvCursor csv = new CsvCursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv")) {
            csv.readHeader();
            assertTrue(csv.nextRow());
            for (int i = 0; i < 4; i++) assertTrue(csv.isMissing(i), "field " + i);
            assertFalse(csv.isMissing(4));
            assertTrue(csv.isMissing(6), "past the end of the row");
        }
    }
}
