package webmodels.bench;

import java.util.Collection;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import webmodels.load.OpenLoopResult;

/**
 * One latency percentile of {@code openLoop} (µs) that JMH aggregates by merging the histograms
 * behind it, not by averaging numbers: over the iterations and forks of a run, the p99 reported is
 * the p99 of every request measured, as if the run had been one long iteration. The mean of
 * per-iteration p99s, what a plain {@code ScalarResult} would give, can hide a bad iteration: one
 * iteration with a 100 ms p99 among four at 1 ms averages to 21 ms, while the merged p99 of
 * requests is what that fifth of the run did to them.
 *
 * <p>The results of one iteration share one histogram, so that it crosses from the fork to the
 * host JVM once (Java serialization keeps shared references). {@code percentile} 100 is the
 * maximum. One more figure merges the same way: {@link #exactUpTo}, the highest percentile below
 * every failed or unsent request, which says which percentiles are only lower bounds.
 */
final class LatencyPercentileResult extends Result<LatencyPercentileResult> {

    private static final long serialVersionUID = 1L;

    /** In place of a percentile: this result is {@link OpenLoopResult#exactUpToPercentile(Histogram, long)}. */
    private static final double EXACT_UP_TO = -1;

    private final double percentile;
    private final Histogram histogram;
    private final long censoredFrom;

    /**
     * @param histogram  latencies in µs; not copied, not changed: aggregation makes new histograms
     */
    LatencyPercentileResult(String label, double percentile, Histogram histogram) {
        this(label, percentile, histogram, Long.MAX_VALUE);
    }

    private LatencyPercentileResult(String label, double percentile, Histogram histogram, long censoredFrom) {
        super(ResultRole.SECONDARY, label, of(valueAt(histogram, percentile, censoredFrom)),
                percentile == EXACT_UP_TO ? "%" : "us", AggregationPolicy.AVG);
        this.percentile = percentile;
        this.histogram = histogram;
        this.censoredFrom = censoredFrom;
    }

    /**
     * The highest percentile of {@code histogram} that is exact, in percent: those above it reach a
     * failed or unsent request, recorded at {@code censoredFrom} µs or more, and are lower bounds.
     */
    static LatencyPercentileResult exactUpTo(String label, Histogram histogram, long censoredFrom) {
        return new LatencyPercentileResult(label, EXACT_UP_TO, histogram, censoredFrom);
    }

    private static double valueAt(Histogram histogram, double percentile, long censoredFrom) {
        if (percentile == EXACT_UP_TO) {
            return OpenLoopResult.exactUpToPercentile(histogram, censoredFrom);
        }
        return percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
    }

    /** The histogram of every request in the given results together. */
    private static Histogram merged(Collection<LatencyPercentileResult> results) {
        Histogram all = null;
        for (LatencyPercentileResult result : results) {
            if (all == null) {
                all = result.histogram.copy();
                all.setAutoResize(true); // another iteration may have tracked a longer range
            } else {
                all.add(result.histogram);
            }
        }
        return all;
    }

    private static Aggregator<LatencyPercentileResult> merging() {
        return results -> {
            LatencyPercentileResult first = results.iterator().next();
            long censoredFrom = Long.MAX_VALUE;
            for (LatencyPercentileResult result : results) {
                censoredFrom = Math.min(censoredFrom, result.censoredFrom);
            }
            return new LatencyPercentileResult(first.label, first.percentile, merged(results), censoredFrom);
        };
    }

    /** JMH threads of one iteration: only thread 0 drives the load, but merging is right either way. */
    @Override
    protected Aggregator<LatencyPercentileResult> getThreadAggregator() {
        return merging();
    }

    /** Iterations, and the iterations of every fork: all their requests in one histogram. */
    @Override
    protected Aggregator<LatencyPercentileResult> getIterationAggregator() {
        return merging();
    }
}
