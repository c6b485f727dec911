package webmodels.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks' {@code @AuxCounters}: requests sent, failures (with their kinds), connections
 * opened, and the CPU time the server and the client spent over the same span as the requests.
 * JMH sums counters of type EVENTS over all iterations and forks, so the scores are totals (unit
 * {@code #}), and a total divided by {@code requests} is a figure per request. Absent counters are
 * NaN ("not measured"), never 0.
 */
record Counters(double requests, double failures, Map<String, Double> failureKinds, double connectionsOpened,
                double serverCpuNanos, double clientCpuNanos, String unit) {

    static final String REQUESTS = "requests";
    static final String FAILURES = "failures";
    static final String CONNECTIONS_OPENED = "connectionsOpened";
    static final String SERVER_CPU = "serverCpuNanos";
    static final String CLIENT_CPU = "clientCpuNanos";
    /** The failure kinds, in the order the load helper's {@code Failure} enum lists them. */
    static final List<String> FAILURE_KINDS = List.of(
            "failNon200", "failBody", "failRefused", "failReset", "failTimeout", "failClosed", "failOther");

    static final Counters NONE = new Counters(Double.NaN, Double.NaN, Map.of(), Double.NaN, Double.NaN, Double.NaN, "");

    /** Names this class explains, so that tables show every other secondary metric generically. */
    static boolean isKnown(String metricName) {
        return Set.of(REQUESTS, FAILURES, CONNECTIONS_OPENED, SERVER_CPU, CLIENT_CPU).contains(metricName)
                || FAILURE_KINDS.contains(metricName);
    }

    static Counters of(JmhResult result) {
        Map<String, Double> kinds = new LinkedHashMap<>();
        for (String kind : FAILURE_KINDS) {
            double value = score(result, kind);
            if (Double.isFinite(value)) {
                kinds.put(kind, value);
            }
        }
        Metric failures = result.metric(FAILURES);
        return new Counters(score(result, REQUESTS), score(result, FAILURES), kinds, score(result, CONNECTIONS_OPENED),
                score(result, SERVER_CPU), score(result, CLIENT_CPU), failures != null ? failures.unit() : "");
    }

    /** Both runs' counts together, when they are counts; the first run's otherwise. */
    Counters plus(Counters other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE || !unit.equals(other.unit) || !isCount()) {
            return this;
        }
        Map<String, Double> kinds = new LinkedHashMap<>(failureKinds);
        other.failureKinds.forEach((kind, value) -> kinds.merge(kind, value, Double::sum));
        return new Counters(requests + other.requests, failures + other.failures, kinds,
                connectionsOpened + other.connectionsOpened, serverCpuNanos + other.serverCpuNanos,
                clientCpuNanos + other.clientCpuNanos, unit);
    }

    boolean isCount() {
        return unit.equals("#");
    }

    boolean measured() {
        return Double.isFinite(failures);
    }

    boolean anyFailed() {
        return failures > 0;
    }

    double failureRate() {
        return requests > 0 ? failures / requests : Double.NaN;
    }

    double connectionsPerRequest() {
        return requests > 0 ? connectionsOpened / requests : Double.NaN;
    }

    /** The server's CPU time per request, µs; NaN when not measured. */
    double serverCpuMicrosPerRequest() {
        return requests > 0 ? serverCpuNanos / requests / 1000 : Double.NaN;
    }

    /** The client's CPU time per request, µs; NaN when not measured. */
    double clientCpuMicrosPerRequest() {
        return requests > 0 ? clientCpuNanos / requests / 1000 : Double.NaN;
    }

    /** "0", or "12 (0.1 %)", or "n/a" when the benchmark did not count; rates keep their unit. */
    String failuresText() {
        if (!measured()) {
            return "n/a";
        }
        String amount = isCount() || unit.isEmpty() ? Format.count(failures) : Format.number(failures) + " " + unit;
        return failures > 0 ? amount + " (" + Format.percent(failureRate()) + ")" : amount;
    }

    /** The non-zero failure kinds, e.g. "refused 3, timeout 2". */
    String kindsText() {
        StringBuilder sb = new StringBuilder();
        failureKinds.forEach((kind, value) -> {
            if (value > 0) {
                sb.append(sb.isEmpty() ? "" : ", ")
                        .append(kind.substring("fail".length()).toLowerCase(Locale.ROOT))
                        .append(' ').append(Format.count(value));
            }
        });
        return sb.toString();
    }

    private static double score(JmhResult result, String name) {
        Metric metric = result.metric(name);
        return metric == null ? Double.NaN : metric.score();
    }
}
