package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        assertEquals(900, result.p90Micros());
        assertEquals(990, result.p99Micros());
        assertEquals(999, result.p999Micros());
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
    }

    @Test
    void histogramIsKeptAsACopy() {
        Histogram histogram = oneToThousandMicros();
        OpenLoopResult result = result(histogram, Map.of());
        histogram.recordValue(5_000);
        result.latencyMicros().recordValue(5_000);

        assertEquals(1000, result.maxMicros());
        assertEquals(1000, result.successes());
    }

    @Test
    void mergeAddsCountsAndDurations() {
        OpenLoopResult merged = result(oneToThousandMicros(), Map.of(Failure.TIMEOUT, 2L))
                .merge(result(oneToThousandMicros(), Map.of(Failure.TIMEOUT, 1L, Failure.REFUSED, 4L)));

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
    }

    @Test
    void runsAtDifferentRatesDoNotMerge() {
        OpenLoopResult at100 = result(oneToThousandMicros(), Map.of());
        OpenLoopResult at200 = new OpenLoopResult(200, 2, Duration.ofSeconds(2), oneToThousandMicros(), Map.of(), 0, 0, 0, 0);

        assertThrows(IllegalArgumentException.class, () -> at100.merge(at200));
    }

    private static OpenLoopResult result(Histogram histogram, Map<Failure, Long> errors) {
        return new OpenLoopResult(100, 2, Duration.ofSeconds(2), histogram, errors, 1, 2, 3, 4);
    }

    private static Histogram oneToThousandMicros() {
        Histogram histogram = new Histogram(60_000_000, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.recordValue(micros);
        }
        return histogram;
    }
}
