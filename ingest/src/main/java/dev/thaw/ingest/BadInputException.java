package dev.thaw.ingest;

import java.nio.file.Path;

/**
 * Input that does not match what its format promises. Always names where (file, line, column) and what was
 * expected, so a user can fix the file or choose {@code --on-error skip}. The CLI maps it to exit code 2.
 */
public class BadInputException extends RuntimeException {
    private final String file;
    private final long line;
    private final String column;
    private final String value;
    private final String expected;
    private final String reason;

    public BadInputException(String file, long line, String column, String value, String expected) {
        this(file, line, column, value, expected, null);
    }

    public BadInputException(String file, long line, String column, String value, String expected, Throwable cause) {
        super(format(file, line, column, value, expected), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
        this.expected = expected;
        this.reason = expected;
    }

    /** A whole-file problem (empty file, wrong header, truncated archive): no line or column. */
    public static BadInputException ofFile(Path file, String problem) {
        return new BadInputException(String.valueOf(file), 0, null, null, problem);
    }

    public static BadInputException ofFile(String file, String problem, Throwable cause) {
        return new BadInputException(file, 0, null, null, problem, cause);
    }

    private static String format(String file, long line, String column, String value, String expected) {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) sb.append(':').append(line);
        if (column != null) sb.append(", column '").append(column).append('\'');
        if (value != null) {
            String v = value.length() > 60 ? value.substring(0, 60) + "..." : value;
            sb.append(": value '").append(v).append('\'');
        }
        sb.append(": ").append(expected);
        return sb.toString();
    }

    public String file() { return file; }
    public long line() { return line; }
    public String column() { return column; }
    public String value() { return value; }
    public String expected() { return expected; }
    /** Short reason used to group skipped rows in reports. */
    public String reason() { return reason; }
}
