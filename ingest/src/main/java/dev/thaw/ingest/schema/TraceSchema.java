package dev.thaw.ingest.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** An ordered list of columns, declared once per format and translated to Arrow and Parquet from here. */
public final class TraceSchema {
    private final List<ColumnSpec> columns;
    private final Map<String, Integer> index = new HashMap<>();

    public TraceSchema(List<ColumnSpec> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i).name(), i) != null)
                throw new IllegalArgumentException("duplicate column " + this.columns.get(i).name());
        }
    }

    public static TraceSchema of(ColumnSpec... columns) { return new TraceSchema(Arrays.asList(columns)); }

    public List<ColumnSpec> columns() { return columns; }
    public int size() { return columns.size(); }
    public ColumnSpec column(int i) { return columns.get(i); }

    /** Column position, or -1 when absent. */
    public int indexOf(String name) { return index.getOrDefault(name, -1); }

    public List<String> names() { return columns.stream().map(ColumnSpec::name).toList(); }

    public Schema toArrow() {
        List<Field> fields = new ArrayList<>(columns.size());
        for (ColumnSpec c : columns) fields.add(new Field(c.name(), FieldType.nullable(c.type().arrowType()), null));
        return new Schema(fields);
    }

    public static TraceSchema fromArrow(Schema schema) {
        List<ColumnSpec> cols = new ArrayList<>();
        for (Field f : schema.getFields()) cols.add(new ColumnSpec(f.getName(), ColumnType.of(f.getType()), ""));
        return new TraceSchema(cols);
    }

    /** Every column optional (missing values are nulls), strings as UTF-8 binary. */
    public MessageType toParquet(String name) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (ColumnSpec c : columns) {
            Type t = switch (c.type()) {
                case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
                case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            };
            b.addField(t);
        }
        return b.named(name);
    }

    public static TraceSchema fromParquet(MessageType message) {
        List<ColumnSpec> cols = new ArrayList<>();
        for (Type t : message.getFields()) {
            if (!t.isPrimitive()) throw new IllegalArgumentException("nested Parquet column " + t.getName() + " is not supported");
            ColumnType ct = switch (t.asPrimitiveType().getPrimitiveTypeName()) {
                case INT64, INT32 -> ColumnType.INT64;
                case DOUBLE, FLOAT -> ColumnType.FLOAT64;
                case BINARY -> ColumnType.STRING;
                default -> throw new IllegalArgumentException("unsupported Parquet column " + t);
            };
            cols.add(new ColumnSpec(t.getName(), ct, ""));
        }
        return new TraceSchema(cols);
    }

    @Override public boolean equals(Object o) {
        return o instanceof TraceSchema s && names().equals(s.names())
                && columns.stream().map(ColumnSpec::type).toList().equals(s.columns.stream().map(ColumnSpec::type).toList());
    }

    @Override public int hashCode() { return names().hashCode(); }

    @Override public String toString() { return columns.stream().map(c -> c.name() + ":" + c.type()).toList().toString(); }
}
