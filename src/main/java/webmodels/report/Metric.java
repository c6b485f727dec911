package webmodels.report;

import java.util.SortedMap;

/**
 * One JMH score: the primary metric or a secondary one (our aux counters). {@code error} is JMH's
 * half-width of the 99.9% confidence interval, NaN when JMH had too few samples to give one.
 * {@code percentiles} maps 50.0, 99.9, ... to a score; in sample mode these are request latencies.
 */
record Metric(double score, double error, String unit, SortedMap<Double, Double> percentiles) {

    boolean hasError() {
        return Double.isFinite(error);
    }

    /** The percentile, or NaN when JMH did not write it. */
    double percentile(double p) {
        Double value = percentiles.get(p);
        return value == null ? Double.NaN : value;
    }
}
