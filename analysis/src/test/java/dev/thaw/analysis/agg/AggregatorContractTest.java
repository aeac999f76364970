package dev.thaw.analysis.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.coldstart.ColdStartAggregator;
import dev.thaw.analysis.coldstart.ColdStartReport;
import dev.thaw.analysis.coldstart.Dimension;
import dev.thaw.analysis.coldstart.FunctionMeta;
import dev.thaw.analysis.coldstart.SyntheticColdStarts;
import dev.thaw.analysis.fit.Fits;
import dev.thaw.analysis.table.ResultTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every aggregator must keep: splitting the input in k parts, aggregating each and merging (in
 * any order) gives the single-pass result, and Java serialisation round-trips it. Results are compared through
 * each aggregator's result tables and fits at 9 significant digits.
 */
class AggregatorContractTest {
    static BufferAllocator allocator;

    @BeforeAll static void open() { allocator = new RootAllocator(); }

    @AfterAll static void close() { allocator.close(); }

    /** An aggregator under test: how to make one, what data to feed it, and how to print its results. */
    record Case<S extends Aggregator<S>>(String name, Supplier<S> factory, Supplier<BatchSource> data,
                                         Function<S, String> fingerprint) {
        @Override public String toString() { return name; }
    }

    static Stream<Case<?>> cases() {
        List<Case<?>> cs = new ArrayList<>();
        cs.add(new Case<ColdStartAggregator>("coldstarts",
                () -> new ColdStartAggregator(List.of(List.of(Dimension.REGION, Dimension.POOL), List.of(Dimension.SIZE),
                        List.of(Dimension.HOUR), List.of(Dimension.DAY, Dimension.CLUSTER)), FunctionMeta.NONE, true, 1500),
                () -> new SyntheticColdStarts(12_000, 500, 5, allocator),
                a -> fingerprint(new ColdStartReport(a).tables(), new ColdStartReport(a).fits())));
        cs.addAll(ExtraContractCases.cases(allocator));
        return cs.stream();
    }

    static String fingerprint(List<ResultTable> tables, List<Fits.Model> fits) {
        StringBuilder sb = new StringBuilder();
        for (ResultTable t : tables) sb.append(t.name()).append('\n').append(t.toCsv());
        for (Fits.Model m : fits) {
            sb.append(m.target()).append(m.group()).append(m.family());
            m.params().forEach((k, v) -> sb.append(k).append('=').append(ResultTable.format(v)));
            sb.append(ResultTable.format(m.loglik())).append(' ').append(ResultTable.format(m.ks())).append('\n');
        }
        return sb.toString();
    }

    /** Every decimal number in the text rounded to 9 significant digits (summation order changes the last bits). */
    static String round(String text) {
        return java.util.regex.Pattern.compile("-?\\d+\\.\\d+(E-?\\d+)?").matcher(text)
                .replaceAll(m -> ResultTable.format(Double.parseDouble(m.group())));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    <S extends Aggregator<S>> void splitMergeEqualsSinglePassAndSerialisationRoundTrips(Case<S> c) throws Exception {
        S single = c.factory().get();
        List<S> parts = List.of(c.factory().get(), c.factory().get(), c.factory().get());
        int batches = 0;
        try (BatchSource src = c.data().get()) {
            List<Integer> sizes = new ArrayList<>();
            while (src.next()) { sizes.add(src.root().getRowCount()); }
            batches = sizes.size();
        }
        try (BatchSource src = c.data().get()) {
            int b = 0;
            while (src.next()) {
                single.accept(src.root());
                parts.get(Math.min(2, b * 3 / batches)).accept(src.root());
                b++;
            }
        }
        String expected = c.fingerprint().apply(single);
        assertTrue(expected.length() > 100, "fingerprint too small to mean anything: " + expected);

        // merged in order, and in reverse order, from serialised copies of the parts
        S inOrder = copy(parts.get(0)).merge(copy(parts.get(1))).merge(copy(parts.get(2)));
        assertEquals(expected, c.fingerprint().apply(inOrder), "parts merged in order");
        S reversed = copy(parts.get(2)).merge(copy(parts.get(1))).merge(copy(parts.get(0)));
        assertEquals(expected, c.fingerprint().apply(reversed), "parts merged in reverse order");
        assertEquals(expected, c.fingerprint().apply(copy(single)), "serialisation round trip");
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) { out.writeObject(o); }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) { return (T) in.readObject(); }
    }
}
