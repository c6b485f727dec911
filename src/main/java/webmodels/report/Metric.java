package webmodels.report;

import java.util.List;
import java.util.SortedMap;

/**
 * One JMH score: the primary metric or a secondary one (our aux counters). {@code error} is JMH's
 * half-width of the 99.9% confidence interval, NaN when JMH had too few samples to give one.
 * {@code percentiles} maps 50.0, 99.9, ... to a score; in sample mode these are request latencies.
 * {@code forks} holds each fork's measurement iterations (JMH's {@code rawData}; an interleaved
 * run's rounds are its forks), empty when the file has none (sample mode, hand-built results).
 */
record Metric(double score, double error, String unit, SortedMap<Double, Double> percentiles, List<List<Double>> forks) {

    Metric(double score, double error, String unit, SortedMap<Double, Double> percentiles) {
        this(score, error, unit, percentiles, List.of());
    }

    /** Each fork's mean score, in the order the forks ran. */
    List<Double> forkMeans() {
        return forks.stream()
                .filter(iterations -> !iterations.isEmpty())
                .map(iterations -> iterations.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .toList();
    }

    boolean hasError() {
        return Double.isFinite(error);
    }

    /** The percentile, or NaN when JMH did not write it. */
    double percentile(double p) {
        Double value = percentiles.get(p);
        return value == null ? Double.NaN : value;
    }
}
