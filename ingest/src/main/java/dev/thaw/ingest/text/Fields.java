package dev.thaw.ingest.text;

import dev.thaw.ingest.BadInputException;
import java.util.List;

/**
 * The current row of a text source, field by field, without allocating per field. Positions are those of the
 * header. Parsing failures become {@link BadInputException}s that name the file, line and column.
 */
public interface Fields {
    /** Column names of this source, in file order. */
    List<String> header();

    int fieldCount();

    /** 1-based line number of the current row in its file (for error messages). */
    long lineNumber();

    String sourceName();

    /** True for an absent field, an empty cell, or NaN / nan / null (the spellings the published traces use). */
    boolean isMissing(int i);

    double getDouble(int i);

    long getLong(int i);

    String getString(int i);

    /** Raw UTF-8 bytes of field {@code i}: backing array, offset and length (valid until the next row). */
    byte[] buffer();
    int start(int i);
    int length(int i);

    default BadInputException bad(int i, String expected) {
        String col = i >= 0 && i < header().size() ? header().get(i) : "#" + (i + 1);
        String value = i >= 0 && i < fieldCount() ? getString(i) : null;
        return new BadInputException(sourceName(), lineNumber(), col, value, expected);
    }
}
