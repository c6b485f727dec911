package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UnitsTest {

    @Test
    void ratesBecomePerSecond() {
        assertEquals(41_000, Units.perSecond(41, "ops/ms"), 1e-6);
        assertEquals(2_000_000, Units.perSecond(2, "ops/us"), 1e-6);
        assertEquals(2, Units.perSecond(120, "ops/min"), 1e-9);
        assertTrue(Double.isNaN(Units.perSecond(1, "s/op")));
        assertTrue(Double.isNaN(Units.perSecond(1, "ops/fortnight")));
    }

    @Test
    void timesBecomeSeconds() {
        assertEquals(250e-6, Units.secondsPerOp(250, "us/op"), 1e-15);
        assertEquals(2e-3, Units.secondsPerOp(2, "ms/op"), 1e-15);
        assertEquals(7e-9, Units.secondsPerOp(7, "ns/op"), 1e-18);
        assertTrue(Double.isNaN(Units.secondsPerOp(1, "ops/s")));
    }

    @Test
    void countsAndUnknownUnitsStayAsTheyAre() {
        assertEquals(17, Units.normalized(17, "#"));
        assertEquals(3, Units.normalized(3, "B/op"));
    }

    @Test
    void picksATimeUnitForTypicalValues() {
        assertEquals(Units.TimeUnitChoice.NS, Units.timeUnitFor(300e-9));
        assertEquals(Units.TimeUnitChoice.US, Units.timeUnitFor(300e-6));
        assertEquals(Units.TimeUnitChoice.MS, Units.timeUnitFor(0.3));
        assertEquals(Units.TimeUnitChoice.S, Units.timeUnitFor(3));
        assertEquals(Units.TimeUnitChoice.US, Units.timeUnitFor(Double.NaN));
    }
}
