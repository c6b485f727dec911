package webmodels.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import webmodels.load.OpenLoopResult;

/**
 * Reports what {@code openLoop} measured in each iteration as JMH secondary results, with units
 * and with the aggregation each figure needs, which {@code @AuxCounters} (always summed) cannot
 * give: latency percentiles and the maximum come from the merged histograms of every iteration
 * and fork ({@link LatencyPercentileResult}), the achieved rate is averaged, counts are summed.
 *
 * <ul>
 *   <li>{@code latencyP50}, {@code latencyP75}, {@code latencyP90}, {@code latencyP95},
 *       {@code latencyP99}, {@code latencyP99.9},
 *       {@code latencyP99.99}, {@code latencyMax}: µs ({@code us}), of every request due, each
 *       measured from the moment it was meant to be sent (failed and unsent ones until their
 *       failure or the run's end: lower bounds);</li>
 *   <li>{@code latencyExactUpTo}: the highest percentile that is exact ({@code %}); a percentile
 *       above it reaches a failed or unsent request and is a lower bound (100 when none);</li>
 *   <li>{@code sendLatenessP50}, {@code sendLatenessP99}, {@code sendLatenessMax}: µs, how late the
 *       driver itself sent each request against its schedule;</li>
 *   <li>{@code serviceTimeP50}, {@code serviceTimeP99}: µs, successful requests from their actual
 *       send: what a closed-loop client would have reported for them (coordinated omission);</li>
 *   <li>{@code driverLimited}: 1 when an iteration's send lateness made its latency the driver's
 *       ({@link OpenLoopResult#driverLimited()}), else 0; the maximum over iterations;</li>
 *   <li>{@code achievedRate}: successful responses per second ({@code req/s});</li>
 *   <li>{@code sent}, {@code late}, {@code unsent}: counts ({@code #}) as
 *       {@link OpenLoopResult} defines them. Failures by kind are the usual counters of
 *       {@link RequestCounters}.</li>
 * </ul>
 *
 * A profiler runs in the benchmark's JVM, but JMH gives it no access to the benchmark's states:
 * the benchmark hands its results over through {@link #publish}. It adds nothing to other
 * benchmarks. {@link BenchmarkMain} (the jar's entry point) and run-bench.sh enable it.
 */
public final class OpenLoopProfiler implements InternalProfiler {

    private static final Queue<OpenLoopResult> RESULTS = new ConcurrentLinkedQueue<>();
    private static volatile boolean active;

    /** Hands an iteration's run over to the profiler. */
    static void publish(OpenLoopResult result) {
        RESULTS.add(result);
    }

    /** Whether a profiler waits for this iteration's results. */
    static boolean isActive() {
        return active;
    }

    @Override
    public String getDescription() {
        return "webmodels openLoop: latency percentiles from each request's intended send time, the driver's send lateness, achieved rate, late and unsent requests";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        RESULTS.clear();
        active = true;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        active = false;
        List<OpenLoopResult> runs = new ArrayList<>();
        for (OpenLoopResult run; (run = RESULTS.poll()) != null; ) {
            runs.add(run);
        }
        if (runs.isEmpty()) {
            return List.of(); // not an openLoop benchmark
        }
        OpenLoopResult all = runs.get(0);
        for (OpenLoopResult run : runs.subList(1, runs.size())) {
            all = all.merge(run);
        }
        return results(all);
    }

    static List<Result<?>> results(OpenLoopResult run) {
        Histogram latencies = run.latencyMicros(); // one copy, shared by the percentiles of this iteration
        Histogram lateness = run.sendLatenessMicros();
        Histogram service = run.serviceMicros();
        return List.of(
                new LatencyPercentileResult("latencyP50", 50, latencies),
                new LatencyPercentileResult("latencyP75", 75, latencies),
                new LatencyPercentileResult("latencyP90", 90, latencies),
                new LatencyPercentileResult("latencyP95", 95, latencies),
                new LatencyPercentileResult("latencyP99", 99, latencies),
                new LatencyPercentileResult("latencyP99.9", 99.9, latencies),
                new LatencyPercentileResult("latencyP99.99", 99.99, latencies),
                new LatencyPercentileResult("latencyMax", 100, latencies),
                LatencyPercentileResult.exactUpTo("latencyExactUpTo", latencies, run.censoredFromMicros()),
                new LatencyPercentileResult("sendLatenessP50", 50, lateness),
                new LatencyPercentileResult("sendLatenessP99", 99, lateness),
                new LatencyPercentileResult("sendLatenessMax", 100, lateness),
                new LatencyPercentileResult("serviceTimeP50", 50, service),
                new LatencyPercentileResult("serviceTimeP99", 99, service),
                new ScalarResult("driverLimited", run.driverLimited() ? 1 : 0, "bool", AggregationPolicy.MAX),
                new ScalarResult("achievedRate", run.achievedRate(), "req/s", AggregationPolicy.AVG),
                new ScalarResult("sent", run.requests(), "#", AggregationPolicy.SUM),
                new ScalarResult("late", run.late(), "#", AggregationPolicy.SUM),
                new ScalarResult("unsent", run.unsent(), "#", AggregationPolicy.SUM));
    }
}
