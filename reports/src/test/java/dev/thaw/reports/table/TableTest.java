package dev.thaw.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test void csvQuotesWhatNeedsQuotingAndKeepsFullPrecision() {
        Table t = Table.of("name", "value", "flag").row("a,b", 0.1 + 0.2, true).row("say \"hi\"", 3.0, null).row("n", 12L, false).build();
        assertEquals("name,value,flag\n\"a,b\",0.30000000000000004,true\n\"say \"\"hi\"\"\",3,\nn,12,false\n", t.toCsv());
    }

    @Test void displayRoundsForReadingWithoutLocale() {
        assertEquals("1,234,567", Table.display(1_234_567L));
        assertEquals("3.142", Table.display(Math.PI));
        assertEquals("31.42", Table.display(10 * Math.PI));
        assertEquals("314.2", Table.display(100 * Math.PI));
        assertEquals("3,142", Table.display(1000 * Math.PI));
        assertEquals("1.20e-06", Table.display(1.2e-6));
        assertEquals("0", Table.display(0.0));
        assertEquals("NaN", Table.display(Double.NaN));
        // counts held as doubles read as integers: 655 cold starts, 8 GPUs
        assertEquals("655", Table.display(655.0));
        assertEquals("8", Table.display(8.0));
        assertEquals("3.1", Table.display(3.1));
        assertEquals("12.5", Table.display(12.5));
        assertEquals("-0.3", Table.display(-0.3));
        assertEquals("100.5", Table.display(100.5));
        assertEquals("12,345", Table.display(12345.0));
    }

    @Test void rowsMustMatchTheColumns() {
        var e = assertThrows(IllegalArgumentException.class, () -> Table.of("a", "b").row(1));
        assertEquals("row has 1 cells, table has 2 columns [a, b]", e.getMessage());
    }
}
