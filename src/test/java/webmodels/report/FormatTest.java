package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FormatTest {

    @Test
    void numbersGroupThousandsAndKeepThreeSignificantDigitsBelowAHundred() {
        assertEquals("41,230", Format.number(41_230.4));
        assertEquals("100", Format.number(99.99));
        assertEquals("12.3", Format.number(12.34));
        assertEquals("0.0123", Format.number(0.012345));
        assertEquals("0", Format.number(0));
        assertEquals("—", Format.number(Double.NaN));
    }

    @Test
    void errorsFollowTheirValueAndDisappearWhenUnknown() {
        assertEquals("41,230 ± 1,020", Format.withError(41_230, 1_020.4));
        assertEquals("12.3 ± 0.45", Format.withError(12.34, 0.4512));
        assertEquals("41,230", Format.withError(41_230, Double.NaN));
    }

    @Test
    void percentagesHaveTwoSignificantDigits() {
        assertEquals("0 %", Format.percent(0));
        assertEquals("0.38 %", Format.percent(12 / 3187.0));
        assertEquals("100 %", Format.percent(1));
        assertEquals("—", Format.percent(Double.NaN));
    }

    @Test
    void compactLabelsForCharts() {
        assertEquals("950", Format.compact(950));
        assertEquals("41.2k", Format.compact(41_230));
        assertEquals("1.23M", Format.compact(1_234_567));
        assertEquals("2G", Format.compact(2e9));
    }

    @Test
    void timesPickAUnit() {
        assertEquals("850 ns", Format.timeWithUnit(850e-9));
        assertEquals("12.3 µs", Format.timeWithUnit(12.3e-6));
        assertEquals("4.5 ms", Format.timeWithUnit(4.5e-3));
        assertEquals("1.2 s", Format.timeWithUnit(1.2));
    }

    @Test
    void scoresCarryTheirUnit() {
        assertEquals("41,230 ± 1,020 ops/s", Format.score(new Metric(41.23, 1.02, "ops/ms", new TreeMap<>())));
        assertEquals("250 ± 12 µs/op", Format.score(new Metric(0.25, 0.012, "ms/op", new TreeMap<>())));
        assertEquals("17", Format.score(new Metric(17, Double.NaN, "#", new TreeMap<>())));
        assertEquals("3 ± 1 B/op", Format.score(new Metric(3, 1, "B/op", new TreeMap<>())));
    }
}
