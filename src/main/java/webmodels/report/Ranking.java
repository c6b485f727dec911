package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import webmodels.model.CEpollServer;

/**
 * The models ranked by one throughput benchmark, on the figures that survive machine drift: each
 * fork's mean (in an interleaved run, each round's), their median, and their spread. Two models
 * whose spreads (lowest to highest fork mean) overlap are a tie: which one is ahead changed from
 * round to round, so the order between them is not a finding. Scores are goodput: JMH's operations
 * per second times the share of requests that succeeded.
 */
record Ranking(String method, List<Entry> entries) {

    /** The client whose figures lead the report, best first: the one that leaves the most of the machine to the server. */
    static final List<String> LEAD_METHODS = List.of(Summary.SELECTOR_KEEP_ALIVE, Summary.RAW_KEEP_ALIVE, Summary.KEEP_ALIVE);

    /** A last measurement iteration this much above the first: the fork was still warming up when it measured. */
    static final double COLD_RATIO = 1.10;

    /** A single-threaded client busy this share of one core or more is the limit, not the server. */
    static final double CLIENT_SATURATED_CORES = 0.9;

    /** One model's figures; rates in requests per second (goodput). */
    record Entry(String model, JmhResult result, Counters counters, List<Double> forkMeans, double median, double low,
                 double high, double halfInterval, double coldRatio) {

        int forks() {
            return forkMeans.size();
        }

        boolean cold() {
            return coldRatio > COLD_RATIO;
        }

        /** The client spent at least as much CPU per request as the server: the run measured the client too. */
        boolean clientBound() {
            return counters.clientCpuMicrosPerRequest() >= counters.serverCpuMicrosPerRequest();
        }

        /** One client thread was near a full core busy: it, not the server, set the pace. */
        boolean clientSaturated() {
            double coresBusy = counters.clientCpuMicrosPerRequest() * median / 1e6;
            return result.threads() == 1 && coresBusy >= CLIENT_SATURATED_CORES;
        }

        boolean overlaps(Entry other) {
            return forks() > 1 && other.forks() > 1 && low <= other.high && other.low <= high;
        }
    }

    /** The C responder that interleaved runs measure in every round ({@code CEpollServer}): shown beside the ranking, not in it. */
    static final String REFERENCE = CEpollServer.NAME;

    /** The reference's figures for {@code method}, when the run measured it. */
    static Optional<Entry> reference(Results results, String method) {
        return results.baselineResult(REFERENCE, method, Results.THROUGHPUT).map(result -> entry(REFERENCE, result));
    }

    /**
     * A model's server CPU per request as a multiple of the reference's, both from the same run;
     * NaN without a reference or a figure. A distance to the floor within one run, not a correction
     * for the machine's speed: measured, the C responder and the JVM models do not drift alike.
     */
    static double timesReference(double modelMicros, Optional<Entry> reference) {
        double floor = reference.map(r -> r.counters().serverCpuMicrosPerRequest()).orElse(Double.NaN);
        return floor > 0 ? modelMicros / floor : Double.NaN;
    }

    /** The ranking of the first of {@link #LEAD_METHODS} that the results hold. */
    static Optional<Ranking> lead(Results results) {
        for (String method : LEAD_METHODS) {
            Ranking ranking = of(results, method);
            if (!ranking.entries().isEmpty()) {
                return Optional.of(ranking);
            }
        }
        return Optional.empty();
    }

    static Ranking of(Results results, String method) {
        List<Entry> entries = new ArrayList<>();
        for (String model : results.models()) {
            if (model.equals(REFERENCE)) {
                continue; // the floor the models are held against, not one of them: see reference()
            }
            results.baselineResult(model, method, Results.THROUGHPUT).ifPresent(result -> entries.add(entry(model, result)));
        }
        entries.sort(Comparator.comparingDouble(Entry::median).reversed());
        return new Ranking(method, List.copyOf(entries));
    }

    static Entry entry(String model, JmhResult result) {
        Counters counters = Counters.of(result);
        double success = goodShare(counters);
        Metric primary = result.primary();
        List<Double> means = new ArrayList<>();
        for (double mean : primary.forkMeans()) {
            means.add(Units.perSecond(mean, primary.unit()) * success);
        }
        if (means.isEmpty()) {
            means.add(Units.perSecond(primary.score(), primary.unit()) * success);
        }
        List<Double> sorted = means.stream().sorted().toList();
        return new Entry(model, result, counters, List.copyOf(means), median(sorted), sorted.get(0),
                sorted.get(sorted.size() - 1), halfInterval(means), coldRatio(primary.forks()));
    }

    /** The share of requests that succeeded; 1 when the benchmark did not count them. */
    static double goodShare(Counters counters) {
        return counters.requests() > 0 && Double.isFinite(counters.failures())
                ? 1 - counters.failures() / counters.requests() : 1;
    }

    /** The other models whose spread overlaps this one's. */
    List<String> tiesOf(Entry entry) {
        return entries.stream().filter(other -> other != entry && other.overlaps(entry)).map(Entry::model).toList();
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Half-width of the 95 % confidence interval of the mean over fork means (Student's t); NaN with one fork. */
    static double halfInterval(List<Double> means) {
        int n = means.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = means.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum();
        return studentT975(n - 1) * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
    }

    /** Student's t, 97.5th percentile, for {@code df} degrees of freedom. */
    static double studentT975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
        return df <= table.length ? table[df - 1] : 1.96 + 2.4 / df;
    }

    /** The median over forks of last iteration / first iteration: above 1, the fork was faster at the end. */
    static double coldRatio(List<List<Double>> forks) {
        List<Double> ratios = new ArrayList<>();
        for (List<Double> iterations : forks) {
            if (iterations.size() >= 2 && iterations.get(0) > 0) {
                ratios.add(iterations.get(iterations.size() - 1) / iterations.get(0));
            }
        }
        return ratios.isEmpty() ? Double.NaN : median(ratios.stream().sorted().toList());
    }
}
