package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import webmodels.load.Failure;
import webmodels.load.OpenLoopResult;

class OpenLoopProfilerTest {

    @Test
    void percentilesInMicrosecondsMergeAsHistogramsTheRateIsAveragedCountsAreSummed() {
        Map<String, Result<?>> results = byLabel(OpenLoopProfiler.results(oneToThousandMicros()));

        assertEquals(List.of("latencyP50", "latencyP75", "latencyP90", "latencyP95", "latencyP99", "latencyP99.9", "latencyP99.99", "latencyMax",
                "latencyExactUpTo", "sendLatenessP50", "sendLatenessP99", "sendLatenessMax", "serviceTimeP50", "serviceTimeP99", "driverLimited",
                "achievedRate", "sent", "late", "unsent"), List.copyOf(results.keySet()));
        assertEquals(500.0, results.get("latencyP50").getScore());
        assertEquals(990.0, results.get("latencyP99").getScore());
        assertEquals(1000.0, results.get("latencyMax").getScore());
        assertEquals("us", results.get("latencyP99").getScoreUnit());
        assertEquals(500.0, results.get("achievedRate").getScore()); // 1000 answered in 2 s
        assertEquals("req/s", results.get("achievedRate").getScoreUnit());
        assertEquals(1003.0, results.get("sent").getScore()); // the answered ones and the 3 that failed
        assertEquals(1.0, results.get("late").getScore());
        assertEquals(2.0, results.get("unsent").getScore());
        assertTrue(results.get("latencyP99") instanceof LatencyPercentileResult);
        assertTrue(results.get("latencyMax") instanceof LatencyPercentileResult);
        assertEquals(AggregationPolicy.AVG, policy(results.get("achievedRate")));
        assertEquals(AggregationPolicy.SUM, policy(results.get("sent")));
        assertEquals(100.0, results.get("latencyExactUpTo").getScore()); // no censored latency in this run's histogram
        assertEquals("%", results.get("latencyExactUpTo").getScoreUnit());
        assertEquals(20.0, results.get("sendLatenessP99").getScore());
        assertEquals(0.0, results.get("driverLimited").getScore());
        assertEquals(AggregationPolicy.MAX, policy(results.get("driverLimited")));
    }

    @Test
    void aDriverThatFellBehindIsFlagged() {
        Histogram late = new Histogram(60_000_000, 3);
        late.recordValueWithCount(5_000, 1000);
        OpenLoopResult run = new OpenLoopResult(500, 2, Duration.ofSeconds(2), thousandMicros(), late, thousandMicros(), 1000,
                Map.of(), 0, 0, 2, 0, Long.MAX_VALUE);

        Map<String, Result<?>> results = byLabel(OpenLoopProfiler.results(run));

        assertEquals(1.0, results.get("driverLimited").getScore());
        assertEquals(5_000.0, results.get("sendLatenessP99").getScore(), 5.0);
    }

    @Test
    void anIterationOfAnotherBenchmarkGetsNothing() {
        OpenLoopProfiler profiler = new OpenLoopProfiler();
        profiler.beforeIteration(null, null);
        assertTrue(OpenLoopProfiler.isActive());

        assertTrue(profiler.afterIteration(null, null, null).isEmpty());
        assertFalse(OpenLoopProfiler.isActive());
    }

    @Test
    void runsOfOneIterationAreMergedIntoOneLongerRun() {
        OpenLoopProfiler profiler = new OpenLoopProfiler();
        profiler.beforeIteration(null, null);
        OpenLoopProfiler.publish(oneToThousandMicros());
        OpenLoopProfiler.publish(oneToThousandMicros());

        Map<String, Result<?>> results = byLabel(profiler.afterIteration(null, null, null));

        assertEquals(2006.0, results.get("sent").getScore());
        assertEquals(500.0, results.get("achievedRate").getScore()); // 2000 answered in 4 s
    }

    private static OpenLoopResult oneToThousandMicros() {
        Histogram late = new Histogram(60_000_000, 3);
        late.recordValueWithCount(20, 1000);
        return new OpenLoopResult(500, 2, Duration.ofSeconds(2), thousandMicros(), late, thousandMicros(), 1000,
                Map.of(Failure.TIMEOUT, 3L), 1, 2, 2, 0, Long.MAX_VALUE);
    }

    private static Histogram thousandMicros() {
        Histogram histogram = new Histogram(60_000_000, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.recordValue(micros);
        }
        return histogram;
    }

    private static Map<String, Result<?>> byLabel(Collection<? extends Result> results) {
        Map<String, Result<?>> byLabel = new LinkedHashMap<>();
        for (Result<?> result : results) {
            byLabel.put(result.getLabel(), result);
        }
        return byLabel;
    }

    /** How JMH combines the figure over iterations and forks; it keeps that field to itself. */
    private static AggregationPolicy policy(Result<?> result) {
        try {
            Field policy = Result.class.getDeclaredField("policy");
            policy.setAccessible(true);
            return (AggregationPolicy) policy.get(result);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
