package dev.thaw.ingest.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Encodes one column of a flat table from Arrow vectors into Parquet data pages (format v1: RLE definition levels,
 * then PLAIN values or dictionary ids), a page at a time, handing each page to Parquet-Java's page writer (which
 * compresses it and builds the column chunk, its statistics and page index). Dictionary columns fall back to PLAIN
 * for the rest of the file once their dictionary outgrows {@link #MAX_DICTIONARY_BYTES}: pages already written keep
 * their dictionary ids, as Parquet-Java's own writer does.
 */
abstract class ColumnChunkEncoder {
    static final int PAGE_BYTES = 1 << 20;
    static final int MAX_PAGE_ROWS = 1 << 17;
    static final int MAX_DICTIONARY_BYTES = 1 << 20;

    final ColumnDescriptor descriptor;
    final PrimitiveType type;
    private final boolean optional;
    private final boolean dictionaryWanted;
    /** Dictionary encoding for the pages now being written (false after a fallback). */
    protected boolean dictionary;
    private boolean fellBack;
    private PageWriter pages;

    protected final byte[] defs = new byte[MAX_PAGE_ROWS];
    protected int pageRows, pageNulls, pageValues;
    protected int[] ids;
    /** Room before PLAIN values for the page's definition levels, so a page needs no copy of its values. */
    static final int HEAD = 64;
    /** PLAIN values of the page from {@code HEAD} on (positions in it are absolute). */
    protected final PageBytes values = new PageBytes(PAGE_BYTES + (PAGE_BYTES >> 3), HEAD);
    private final PageBytes page = new PageBytes(PAGE_BYTES + (PAGE_BYTES >> 2));
    private final int[] scratch = new int[MAX_PAGE_ROWS];

    ColumnChunkEncoder(ColumnDescriptor descriptor, boolean dictionaryWanted) {
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.optional = descriptor.getMaxDefinitionLevel() > 0;
        this.dictionaryWanted = dictionaryWanted;
        if (descriptor.getMaxRepetitionLevel() > 0) throw new IllegalArgumentException("flat columns only: " + descriptor);
    }

    static ColumnChunkEncoder of(ColumnDescriptor d, boolean dictionary) {
        return switch (d.getPrimitiveType().getPrimitiveTypeName()) {
            case INT64, DOUBLE -> new NumberChunkEncoder(d, dictionary);
            case BINARY -> new BinaryChunkEncoder(d, dictionary);
            default -> throw new IllegalArgumentException("no encoder for " + d);
        };
    }

    /** Starts a column chunk (a row group) written to {@code pages}. */
    final void start(PageWriter pages) {
        this.pages = pages;
        dictionary = dictionaryWanted && !fellBack;
        if (dictionary && ids == null) ids = new int[MAX_PAGE_ROWS];
        clearDictionary();
    }

    /** 0 for the costliest columns to encode (PLAIN text), 1 PLAIN numbers, 2 dictionary columns. */
    final int costRank() {
        if (dictionaryWanted) return 2;
        return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY ? 0 : 1;
    }

    /** Appends rows [from, to) of {@code v}. */
    abstract void append(FieldVector v, int from, int to);

    /** Ends the chunk: the last page, then the dictionary page if any page used it. */
    final void finish() {
        if (pageRows > 0) flushPage();
        try {
            if (dictionarySize() > 0) pages.writeDictionaryPage(new DictionaryPage(dictionaryBytes(), dictionarySize(), Encoding.PLAIN_DICTIONARY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clearDictionary();
    }

    protected final boolean pageFull() {
        return pageRows == MAX_PAGE_ROWS || values.size - HEAD >= PAGE_BYTES;
    }

    protected final void addNull() { defs[pageRows++] = 0; pageNulls++; }

    /** The dictionary is full: the page so far is written with it, the rest of the file without. */
    protected final void fallBack() {
        if (pageRows > 0) flushPage();
        dictionary = false;
        fellBack = true;
    }

    final void flushPage() {
        page.reset();
        if (optional) {
            int at = page.reserveInt();
            if (pageNulls == 0) RleHybrid.writeRun(page, 1, pageRows, 1);
            else if (pageNulls == pageRows) RleHybrid.writeRun(page, 0, pageRows, 1);
            else RleHybrid.encode(defs, pageRows, 1, scratch, page);
            page.patchIntLE(at, page.size - at - 4);
        } else if (pageNulls > 0) {
            throw new IllegalStateException("null in required column " + descriptor);
        }
        Encoding encoding;
        BytesInput bytes;
        boolean ofDictionary = dictionary && dictionarySize() > 0; // a chunk of nulls only has no dictionary
        if (ofDictionary) {
            int width = Math.max(1, RleHybrid.bitWidth(dictionarySize() - 1));
            page.writeByte(width);
            RleHybrid.encode(ids, pageValues, width, page);
            encoding = Encoding.PLAIN_DICTIONARY;
            bytes = BytesInput.from(page.buf, 0, page.size);
        } else if (page.size <= HEAD) { // the levels go in front of the values: no copy of the values
            int at = HEAD - page.size;
            System.arraycopy(page.buf, 0, values.buf, at, page.size);
            encoding = Encoding.PLAIN;
            bytes = BytesInput.from(values.buf, at, values.size - at);
        } else {
            page.write(values.buf, HEAD, values.size - HEAD);
            encoding = Encoding.PLAIN;
            bytes = BytesInput.from(page.buf, 0, page.size);
        }
        Statistics<?> stats = Statistics.createStats(type);
        if (pageValues > 0) addMinMax(stats, ofDictionary);
        stats.incrementNumNulls(pageNulls);
        try {
            pages.writePage(bytes, pageRows, pageRows, stats, Encoding.RLE, Encoding.RLE, encoding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pageRows = pageNulls = pageValues = 0;
        values.reset();
    }

    /** Adds the minimum and maximum of the page's values (dictionary ids or PLAIN values). */
    protected abstract void addMinMax(Statistics<?> stats, boolean ofDictionary);

    protected abstract int dictionarySize();

    protected abstract BytesInput dictionaryBytes();

    protected abstract void clearDictionary();
}
