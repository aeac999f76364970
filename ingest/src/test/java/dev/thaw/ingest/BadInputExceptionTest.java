package dev.thaw.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
    @Test
    void messageNamesFileLineColumnValueAndExpectation() {
        var e = new BadInputException("day_00.csv", 17, "time", "abc", "expected a number of seconds");
        assertEquals("day_00.csv:17, column 'time': value 'abc': expected a number of seconds", e.getMessage());
    }
}
