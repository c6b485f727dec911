package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpenLoopResultTest {

    @Test
    void percentilesComeFromTheHistogram() {
        OpenLoopResult result = result(oneToThousandMicros(), Map.of());

        assertEquals(500, result.p50Micros());
        assertEquals(990, result.p99Micros());
        assertEquals(999, result.percentileMicros(99.9));
        assertEquals(1000, result.maxMicros());
        assertEquals(1000, result.successes());
        assertEquals(500.0, result.achievedRate(), 1e-9); // over the 2 s measured
    }

    @Test
    void everyFailureKindIsListedAndCounted() {
        OpenLoopResult result = result(oneToThousandMicros(), Map.of(Failure.TIMEOUT, 2L, Failure.RESET, 1L));

        assertEquals(Failure.values().length, result.errors().size());
        assertEquals(0L, result.errors().get(Failure.REFUSED));
        assertEquals(3, result.failures());
        assertEquals(1003, result.requests());
        assertEquals(1005, result.due()); // and the 2 unsent
    }

    @Test
    void histogramIsKeptAsACopy() {
        Histogram histogram = oneToThousandMicros();
        OpenLoopResult result = result(histogram, Map.of());
        histogram.recordValue(5_000);
        result.latencyMicros().recordValue(5_000);

        assertEquals(1000, result.maxMicros());
    }

    @Test
    void percentilesReachingACensoredRequestAreLowerBounds() {
        // 1000 requests, the 11 slowest (990..1000 µs) failed or unsent: p98.9 and below are exact
        OpenLoopResult result = new OpenLoopResult(100, 2, Duration.ofSeconds(2), oneToThousandMicros(), lateness(10), oneToThousandMicros(),
                989, Map.of(Failure.TIMEOUT, 1L), 0, 10, 2, 4, 990);

        assertEquals(98.9, result.exactUpToPercentile(), 1e-9);
        assertFalse(result.isLowerBound(50));
        assertFalse(result.isLowerBound(98.9));
        assertTrue(result.isLowerBound(99));
        assertTrue(result.isLowerBound(100));
    }

    @Test
    void withoutCensoredRequestsEveryPercentileIsExact() {
        OpenLoopResult result = result(oneToThousandMicros(), Map.of());

        assertEquals(100.0, result.exactUpToPercentile());
        assertFalse(result.isLowerBound(100));
    }

    @Test
    void driverLimitedNeedsLatenessAboveTheFloorAndAFifthOfTheP99() {
        assertFalse(OpenLoopResult.driverLimited(90, 100), "within the driver's precision");
        assertFalse(OpenLoopResult.driverLimited(150, 1_000), "a small part of a slow server's p99");
        assertTrue(OpenLoopResult.driverLimited(150, 500));
        assertTrue(OpenLoopResult.driverLimited(400_000, 450_000), "a driver that fell behind");
    }

    @Test
    void driverLimitedReadsTheP99OfBothHistograms() {
        assertFalse(result(oneToThousandMicros(), Map.of()).driverLimited()); // lateness p99 10 µs
        OpenLoopResult late = new OpenLoopResult(100, 2, Duration.ofSeconds(2), oneToThousandMicros(), lateness(600), oneToThousandMicros(),
                1000, Map.of(), 0, 0, 2, 4, Long.MAX_VALUE);
        assertEquals(600, late.sendLatenessP99Micros());
        assertTrue(late.driverLimited());
    }

    @Test
    void mergeAddsCountsAndDurationsAndKeepsTheSmallestCensoredLatency() {
        OpenLoopResult merged = result(oneToThousandMicros(), Map.of(Failure.TIMEOUT, 2L))
                .merge(new OpenLoopResult(100, 2, Duration.ofSeconds(2), oneToThousandMicros(), lateness(10), oneToThousandMicros(), 1000,
                        Map.of(Failure.TIMEOUT, 1L, Failure.REFUSED, 4L), 1, 2, 3, 4, 700));

        assertEquals(2000, merged.successes());
        assertEquals(3L, merged.errors().get(Failure.TIMEOUT));
        assertEquals(4L, merged.errors().get(Failure.REFUSED));
        assertEquals(Duration.ofSeconds(4), merged.duration());
        assertEquals(500.0, merged.achievedRate(), 1e-9);
        assertEquals(2, merged.late());
        assertEquals(4, merged.unsent());
        assertEquals(6, merged.connectionsOpened());
        assertEquals(8, merged.clientCpuNanos());
        assertEquals(500, merged.p50Micros());
        assertEquals(700, merged.censoredFromMicros());
        assertEquals(2000, merged.sendLatenessMicros().getTotalCount());
    }

    @Test
    void runsAtDifferentRatesDoNotMerge() {
        OpenLoopResult at100 = result(oneToThousandMicros(), Map.of());
        OpenLoopResult at200 = new OpenLoopResult(200, 2, Duration.ofSeconds(2), oneToThousandMicros(), lateness(1), oneToThousandMicros(),
                1000, Map.of(), 0, 0, 0, 0, Long.MAX_VALUE);

        assertThrows(IllegalArgumentException.class, () -> at100.merge(at200));
    }

    private static OpenLoopResult result(Histogram histogram, Map<Failure, Long> errors) {
        return new OpenLoopResult(100, 2, Duration.ofSeconds(2), histogram, lateness(10), oneToThousandMicros(), histogram.getTotalCount(),
                errors, 1, 2, 3, 4, Long.MAX_VALUE);
    }

    /** 1000 sends, each {@code micros} late. */
    static Histogram lateness(long micros) {
        Histogram histogram = new Histogram(60_000_000, 3);
        histogram.recordValueWithCount(micros, 1000);
        return histogram;
    }

    private static Histogram oneToThousandMicros() {
        Histogram histogram = new Histogram(60_000_000, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.recordValue(micros);
        }
        return histogram;
    }
}
