package webmodels.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The headline table: one row per model at its baseline, with keep-alive and close-per-request
 * throughput (thrpt mode), latency percentiles (keep-alive, sample mode), failures, connections
 * per request, and the server's and the client's CPU time per request. Every throughput has its
 * failure count in the next column. The same table serves the HttpClient benchmarks and those of
 * the raw and selector clients.
 */
final class Summary {

    static final String KEEP_ALIVE = "keepAlive";
    static final String CLOSE_PER_REQUEST = "closePerRequest";
    static final String RAW_KEEP_ALIVE = "rawKeepAlive";
    static final String RAW_CLOSE_PER_REQUEST = "rawClosePerRequest";
    static final String SELECTOR_KEEP_ALIVE = "selectorKeepAlive";
    static final String SELECTOR_CLOSE_PER_REQUEST = "selectorClosePerRequest";

    private Summary() {
    }

    record Row(String model, JmhResult keepAlive, Counters keepAliveCounters, JmhResult close,
               Counters closeCounters, JmhResult latency) {
    }

    /** The rows of the HttpClient benchmarks, keepAlive and closePerRequest. */
    static List<Row> rows(Results results) {
        return rows(results, KEEP_ALIVE, CLOSE_PER_REQUEST);
    }

    /** One row per model that ran either method at its baseline. */
    static List<Row> rows(Results results, String keepAliveMethod, String closeMethod) {
        List<Row> rows = new ArrayList<>();
        for (String model : results.models()) {
            JmhResult keepAlive = results.baselineResult(model, keepAliveMethod, Results.THROUGHPUT).orElse(null);
            JmhResult close = results.baselineResult(model, closeMethod, Results.THROUGHPUT).orElse(null);
            JmhResult latency = results.baselineResult(model, keepAliveMethod, Results.SAMPLE).orElse(null);
            boolean ranCloseSample = results.baselineResult(model, closeMethod, Results.SAMPLE).isPresent();
            if (keepAlive == null && close == null && latency == null && !ranCloseSample) {
                continue; // only other methods (openLoop, ...): they have their own tables
            }
            rows.add(new Row(model, keepAlive, results.baselineCounters(model, keepAliveMethod), close,
                    results.baselineCounters(model, closeMethod), latency));
        }
        return rows;
    }

    /** The unit that shows the rows' p99 latencies best (their median). */
    static Units.TimeUnitChoice latencyUnit(List<Row> rows) {
        List<Double> p99s = new ArrayList<>();
        for (Row row : rows) {
            if (row.latency() != null) {
                p99s.add(Units.secondsPerOp(row.latency().primary().percentile(99.0), row.latency().primary().unit()));
            }
        }
        p99s.removeIf(v -> !Double.isFinite(v));
        p99s.sort(null);
        return Units.timeUnitFor(p99s.isEmpty() ? Double.NaN : p99s.get(p99s.size() / 2));
    }

    /** The table; without latency columns when no row has a latency (the selector client's runs). */
    static String markdown(List<Row> rows) {
        Units.TimeUnitChoice unit = latencyUnit(rows);
        boolean withLatency = rows.stream().anyMatch(row -> row.latency() != null);
        List<String> headers = new ArrayList<>(List.of(
                "model", "keep-alive goodput (req/s)", "failed", "close-per-request goodput (req/s)", "failed"));
        if (withLatency) {
            headers.addAll(List.of("closed-loop p50 (" + unit.symbol + ")", "p99 (" + unit.symbol + ")",
                    "p99.9 (" + unit.symbol + ")"));
        }
        headers.addAll(List.of("connections / request (keep-alive / close)",
                "server CPU µs / request (keep-alive / close)", "client CPU µs / request (keep-alive / close)"));
        List<Boolean> rightAligned = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            rightAligned.add(i > 0);
        }
        MarkdownTable table = new MarkdownTable(headers, rightAligned);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(
                    row.model(),
                    throughput(row.keepAlive()),
                    failed(row.keepAliveCounters()),
                    throughput(row.close()),
                    failed(row.closeCounters())));
            if (withLatency) {
                cells.addAll(List.of(
                        percentile(row.latency(), 50.0, unit),
                        percentile(row.latency(), 99.0, unit),
                        percentile(row.latency(), 99.9, unit)));
            }
            cells.addAll(List.of(
                    connections(row.keepAliveCounters()) + " / " + connections(row.closeCounters()),
                    cpu(row.keepAliveCounters().serverCpuMicrosPerRequest()) + " / "
                            + cpu(row.closeCounters().serverCpuMicrosPerRequest()),
                    cpu(row.keepAliveCounters().clientCpuMicrosPerRequest()) + " / "
                            + cpu(row.closeCounters().clientCpuMicrosPerRequest())));
            table.add(cells);
        }
        return table.toString();
    }

    /**
     * Goodput: JMH's operations per second times the share of them that succeeded (every request
     * is an operation, a failed one too), with JMH's error scaled alike.
     */
    static String throughput(JmhResult result) {
        if (result == null) {
            return Format.MISSING;
        }
        Metric m = result.primary();
        double good = Ranking.goodShare(Counters.of(result));
        return Format.withError(Units.perSecond(m.score(), m.unit()) * good, Units.perSecond(m.error(), m.unit()) * good);
    }

    /** Failures in bold when there are any: they must not be missed next to a throughput. */
    static String failed(Counters counters) {
        String text = counters.failuresText();
        return counters.anyFailed() ? "**" + text + "**" : text;
    }

    static String percentile(JmhResult sample, double p, Units.TimeUnitChoice unit) {
        if (sample == null) {
            return Format.MISSING;
        }
        Metric m = sample.primary();
        return Format.time(Units.secondsPerOp(m.percentile(p), m.unit()), unit);
    }

    /** CPU time per request in µs: 41, 7.3, 0.52; "—" when not measured. */
    static String cpu(double micros) {
        return Format.number(micros);
    }

    static String connections(Counters counters) {
        double perRequest = counters.connectionsPerRequest();
        return Double.isFinite(perRequest) ? Format.significant(perRequest, 2) : Format.MISSING;
    }
}
