package dev.thaw.ingest.schema;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The three physical types thaw tables use: counts and ids, measurements, and text. */
public enum ColumnType {
    INT64(new ArrowType.Int(64, true)),
    FLOAT64(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    STRING(ArrowType.Utf8.INSTANCE);

    private final ArrowType arrowType;

    ColumnType(ArrowType arrowType) { this.arrowType = arrowType; }

    public ArrowType arrowType() { return arrowType; }

    public static ColumnType of(ArrowType t) {
        if (t instanceof ArrowType.Int) return INT64;
        if (t instanceof ArrowType.FloatingPoint) return FLOAT64;
        if (t instanceof ArrowType.Utf8) return STRING;
        throw new IllegalArgumentException("unsupported Arrow type " + t);
    }
}
