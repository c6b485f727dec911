package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import webmodels.load.OpenLoopResult;

/**
 * The open-loop runs ({@code openLoop}): the rate asked for and the rate achieved, latency
 * percentiles measured from each request's intended send time, requests sent late or never,
 * failures, and each side's CPU time per request. One row per model, rate and connections, every
 * other parameter at its baseline (the rest is in "All results").
 */
final class OpenLoopTable {

    static final String METHOD = "openLoop";
    static final String RATE = "rate";
    static final String CONNECTIONS = "connections";
    /** The profiler's latency metrics, in µs, and their column names. */
    private static final List<String> LATENCIES = List.of(
            "latencyP50", "latencyP90", "latencyP99", "latencyP99.9", "latencyP99.99", "latencyMax");
    private static final List<String> LATENCY_HEADS = List.of("p50", "p90", "p99", "p99.9", "p99.99", "max");
    private static final double[] LATENCY_PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    /** What the driver columns mean, for the report under the table. */
    static final String NOTES = """
            - **≥**: a lower bound: the percentile reaches a failed or unsent request, whose latency never ended.
            - **driver p99**: how late the driver itself sent its p99 request against the schedule (µs). \
            **driver-limited**: **yes** when that lateness is above %d µs and above %.0f %% of the p99 latency: the \
            latencies of that row are the driver's, not the server's.
            """.formatted(OpenLoopResult.DRIVER_LIMIT_FLOOR_MICROS,
            OpenLoopResult.DRIVER_LIMIT_FRACTION * 100);

    private OpenLoopTable() {
    }

    static List<JmhResult> rows(Results results) {
        return results.all().stream()
                .filter(r -> r.method().equals(METHOD))
                .filter(r -> Set.of(RATE, CONNECTIONS).containsAll(results.differingParams(r)))
                .sorted(Comparator.<JmhResult>comparingInt(r -> ModelNames.order(r.model()))
                        .thenComparingDouble(r -> number(r.params().get(RATE)))
                        .thenComparingDouble(r -> number(r.params().get(CONNECTIONS))))
                .toList();
    }

    static String markdown(List<JmhResult> rows) {
        Units.TimeUnitChoice unit = latencyUnit(rows);
        List<String> header = new ArrayList<>(List.of("model", "rate (req/s)", "connections", "achieved (req/s)"));
        LATENCY_HEADS.forEach(head -> header.add(head + " (" + unit.symbol + ")"));
        header.addAll(List.of("sent", "late", "unsent", "failed", "driver p99 (µs)", "driver-limited",
                "server CPU µs / request", "client CPU µs / request"));
        List<Boolean> right = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            right.add(i > 0);
        }
        MarkdownTable table = new MarkdownTable(header, right);
        for (JmhResult r : rows) {
            Counters counters = Counters.of(r);
            List<String> row = new ArrayList<>(List.of(r.model(),
                    r.params().getOrDefault(RATE, Format.MISSING),
                    r.params().getOrDefault(CONNECTIONS, Format.MISSING),
                    achieved(r)));
            for (int i = 0; i < LATENCIES.size(); i++) {
                String value = Format.time(seconds(r, LATENCIES.get(i)), unit);
                row.add(isLowerBound(r, LATENCY_PERCENTILES[i]) ? "≥ " + value : value);
            }
            row.addAll(List.of(count(r, "sent"), count(r, "late"), count(r, "unsent"), Summary.failed(counters),
                    driverLateness(r), driverLimited(r),
                    Summary.cpu(counters.serverCpuMicrosPerRequest()), Summary.cpu(counters.clientCpuMicrosPerRequest())));
            table.add(row);
        }
        return table.toString();
    }

    /** "p99 1.2 ms at 1,990 req/s": an open-loop result in one cell, e.g. of a sweep. */
    static String brief(JmhResult result) {
        return "p99 " + (isLowerBound(result, 99) ? "≥ " : "") + Format.timeWithUnit(seconds(result, "latencyP99"))
                + " at " + achieved(result) + " req/s" + (OpenLoopCharts.driverLimited(result) ? " (driver-limited)" : "");
    }

    /** True when the percentile reaches a failed or unsent request (JSON without the figure: false). */
    static boolean isLowerBound(JmhResult r, double percentile) {
        Metric exact = r.metric("latencyExactUpTo");
        return exact != null && percentile > exact.score();
    }

    private static String driverLateness(JmhResult r) {
        Metric m = r.metric("sendLatenessP99");
        return m == null ? Format.MISSING : Format.count(m.score());
    }

    private static String driverLimited(JmhResult r) {
        Metric m = r.metric("driverLimited");
        return m == null ? Format.MISSING : m.score() > 0 ? "**yes**" : "no";
    }

    static boolean isOpenLoop(JmhResult result) {
        return result.method().equals(METHOD);
    }

    /** The unit that shows the rows' p99 latencies best (their median). */
    private static Units.TimeUnitChoice latencyUnit(List<JmhResult> rows) {
        List<Double> p99s = new ArrayList<>();
        for (JmhResult r : rows) {
            double p99 = seconds(r, "latencyP99");
            if (Double.isFinite(p99)) {
                p99s.add(p99);
            }
        }
        p99s.sort(null);
        return Units.timeUnitFor(p99s.isEmpty() ? Double.NaN : p99s.get(p99s.size() / 2));
    }

    private static String achieved(JmhResult r) {
        Metric m = r.metric("achievedRate");
        return m == null ? Format.MISSING : Format.withError(m.score(), m.error());
    }

    /** A latency metric in seconds; NaN when absent or not in µs, the profiler's unit. */
    private static double seconds(JmhResult r, String name) {
        Metric m = r.metric(name);
        return m != null && m.unit().equals("us") ? m.score() * 1e-6 : Double.NaN;
    }

    private static String count(JmhResult r, String name) {
        Metric m = r.metric(name);
        return m == null ? Format.MISSING : Format.count(m.score());
    }

    private static double number(String text) {
        try {
            return text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN; // not a number: sorts with the other unknowns
        }
    }
}
