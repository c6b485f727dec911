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

        assertEquals(List.of("latencyP50", "latencyP90", "latencyP99", "latencyP99.9", "latencyP99.99", "latencyMax",
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
        Histogram histogram = new Histogram(60_000_000, 3);
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.recordValue(micros);
        }
        return new OpenLoopResult(500, 2, Duration.ofSeconds(2), histogram, Map.of(Failure.TIMEOUT, 3L), 1, 2, 2, 0);
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
