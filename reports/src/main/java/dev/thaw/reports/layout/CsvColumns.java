package dev.thaw.reports.layout;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file with a header, read into string columns; numbers are parsed on request with a precise error. */
final class CsvColumns {
    private final Path file;
    private final List<String> header;
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private final List<Long> lines = new ArrayList<>();

    private CsvColumns(Path file, List<String> header) {
        this.file = file;
        this.header = header;
        for (String h : header) columns.put(h, new ArrayList<>());
    }

    static CsvColumns read(Path file) {
        CSVFormat fmt = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, fmt)) {
            if (p.getHeaderNames().isEmpty()) throw BadInputException.ofFile(file, "empty CSV: a header line is required");
            CsvColumns c = new CsvColumns(file, List.copyOf(p.getHeaderNames()));
            for (CSVRecord rec : p) {
                if (rec.size() != c.header.size())
                    throw new BadInputException(file.toString(), rec.getRecordNumber() + 1, null, null,
                            c.header.size() + " fields as in the header, found " + rec.size());
                for (int i = 0; i < rec.size(); i++) c.columns.get(c.header.get(i)).add(rec.get(i));
                c.lines.add(rec.getRecordNumber() + 1);
            }
            return c;
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv reports duplicate or empty header names and malformed quoting this way
            throw BadInputException.ofFile(file.toString(), "not a CSV with a header: " + e.getMessage(), e);
        }
    }

    Path file() { return file; }

    int rows() { return lines.size(); }

    boolean has(String column) { return columns.containsKey(column); }

    List<String> strings(String column) {
        List<String> c = columns.get(column);
        if (c == null) throw BadInputException.ofFile(file, "no column '" + column + "' (columns: " + header + ")");
        return c;
    }

    double[] numbers(String column) {
        List<String> c = strings(column);
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            String s = c.get(i);
            try {
                v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new BadInputException(file.toString(), lines.get(i), column, s, "a number");
            }
        }
        return v;
    }
}
