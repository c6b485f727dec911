package webmodels.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-loop charts: per model, the percentile spectrum (latency against percentile on the
 * 1/(1-p) axis of HdrHistogram's plots, one line per rate) and latency against rate (p50, p99,
 * p99.9: where the knee is); and for every model together, the server's CPU time per request
 * against rate. A hollow point is a lower bound (it reaches a failed or unsent request) or a run
 * the driver, not the server, limited.
 */
final class OpenLoopCharts {

    /** Every open-loop chart's file name starts so, so that the report shows them in its open-loop section. */
    static final String PREFIX = "open-loop-";

    /** Percentiles drawn in the spectrum, and the profiler's metric for each. */
    private static final double[] SPECTRUM = {50, 75, 90, 95, 99, 99.9, 99.99};
    private static final String[] SPECTRUM_METRICS = {"latencyP50", "latencyP75", "latencyP90", "latencyP95",
            "latencyP99", "latencyP99.9", "latencyP99.99"};
    private static final double[] KNEE = {50, 99, 99.9};
    private static final String[] KNEE_METRICS = {"latencyP50", "latencyP99", "latencyP99.9"};
    private static final String HOLLOW = "Hollow points: a lower bound (the percentile reaches a failed or unsent "
            + "request) or a run flagged driver-limited.";

    private OpenLoopCharts() {
    }

    static List<Charts.Chart> all(Results results) {
        Map<String, List<JmhResult>> byModel = new LinkedHashMap<>();
        for (JmhResult r : OpenLoopTable.rows(results)) {
            byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        }
        List<Charts.Chart> charts = new ArrayList<>();
        byModel.forEach((model, rows) -> {
            charts.add(spectrum(model, rows));
            if (rows.size() > 1) {
                charts.add(knee(model, rows));
            }
        });
        if (!byModel.isEmpty()) {
            charts.add(serverCpu(byModel));
        }
        return charts;
    }

    static Charts.Chart spectrum(String model, List<JmhResult> rows) {
        List<LineChart.Line> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JmhResult r = rows.get(i);
            List<LineChart.Point> points = new ArrayList<>();
            for (int p = 0; p < SPECTRUM.length; p++) {
                points.add(new LineChart.Point(1 / (1 - SPECTRUM[p] / 100), seconds(r, SPECTRUM_METRICS[p]),
                        hollow(r, SPECTRUM[p])));
            }
            lines.add(new LineChart.Line(rateLabel(r, rows), color(i), points));
        }
        String title = "Latency spectrum, " + model + ", open loop";
        LineChart chart = new LineChart(title,
                List.of("Latency of every request due, from its intended send time, at each percentile; one line per "
                        + "rate asked for. Percentile axis 1/(1-p), as HdrHistogram plots it. " + HOLLOW),
                "percentile", (lo, hi, a, b) -> Scale.log(1, Math.max(hi, 1e4), a, b, OpenLoopCharts::percentileLabel),
                "latency", (lo, hi, a, b) -> Scale.logTight(lo, hi, a, b, Format::timeWithUnit),
                Format::timeWithUnit, lines);
        return new Charts.Chart("open-loop-spectrum-" + model + ".svg", title, chart.svg());
    }

    static Charts.Chart knee(String model, List<JmhResult> rows) {
        List<LineChart.Line> lines = new ArrayList<>();
        for (int p = 0; p < KNEE.length; p++) {
            List<LineChart.Point> points = new ArrayList<>();
            for (JmhResult r : rows) {
                points.add(new LineChart.Point(rate(r), seconds(r, KNEE_METRICS[p]), hollow(r, KNEE[p])));
            }
            lines.add(new LineChart.Line("p" + Format.number(KNEE[p]), color(p), points));
        }
        String title = "Latency against rate, " + model + ", open loop";
        LineChart chart = new LineChart(title,
                List.of("p50, p99 and p99.9 of every request due, from its intended send time, at each rate asked for: "
                        + "where the lines turn up is the knee. " + HOLLOW),
                "rate asked for (requests per second)", (lo, hi, a, b) -> Scale.linear(hi, a, b, Format::compact),
                "latency", (lo, hi, a, b) -> Scale.logTight(lo, hi, a, b, Format::timeWithUnit),
                Format::timeWithUnit, lines);
        return new Charts.Chart("open-loop-rate-" + model + ".svg", title, chart.svg());
    }

    static Charts.Chart serverCpu(Map<String, List<JmhResult>> byModel) {
        List<LineChart.Line> lines = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<JmhResult>> entry : byModel.entrySet()) {
            List<LineChart.Point> points = new ArrayList<>();
            for (JmhResult r : entry.getValue()) {
                points.add(new LineChart.Point(rate(r), Counters.of(r).serverCpuMicrosPerRequest(), driverLimited(r)));
            }
            lines.add(new LineChart.Line(entry.getKey(), color(i++), points));
        }
        String title = "Server CPU per request, open loop";
        LineChart chart = new LineChart(title,
                List.of("CPU time (user + system) of the server's threads and processes over the run, divided by the "
                        + "requests it finished, at each rate asked for; lower is better. On shared cores the fairest "
                        + "comparison of what each model costs. Hollow: a run flagged driver-limited."),
                "rate asked for (requests per second)", (lo, hi, a, b) -> Scale.linear(hi, a, b, Format::compact),
                "server CPU per request", (lo, hi, a, b) -> Scale.logTight(lo, hi, a, b, OpenLoopCharts::micros),
                OpenLoopCharts::micros, lines);
        return new Charts.Chart("open-loop-server-cpu.svg", title, chart.svg());
    }

    /** Whether the percentile of this run is a lower bound, or the whole run the driver's. */
    static boolean hollow(JmhResult r, double percentile) {
        Metric exact = r.metric("latencyExactUpTo");
        return driverLimited(r) || (exact != null && percentile > exact.score());
    }

    static boolean driverLimited(JmhResult r) {
        Metric flag = r.metric("driverLimited");
        return flag != null && flag.score() > 0;
    }

    /** 1/(1-p) as the percentile it stands for: 10 is 90%, 1000 is 99.9%. */
    static String percentileLabel(double inverse) {
        if (inverse <= 1) {
            return "0%";
        }
        BigDecimal percent = BigDecimal.valueOf(100 * (1 - 1 / inverse)).setScale(4, RoundingMode.HALF_UP);
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    private static String micros(double micros) {
        return Format.significant(micros, 2) + " µs";
    }

    private static String rateLabel(JmhResult r, List<JmhResult> rows) {
        String label = Format.compact(rate(r)) + " req/s";
        boolean severalConnectionCounts = rows.stream()
                .map(x -> x.params().get(OpenLoopTable.CONNECTIONS)).distinct().count() > 1;
        return severalConnectionCounts ? label + ", " + r.params().get(OpenLoopTable.CONNECTIONS) + " connections" : label;
    }

    private static double rate(JmhResult r) {
        try {
            return Double.parseDouble(r.params().getOrDefault(OpenLoopTable.RATE, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN; // not a number: the point is left out
        }
    }

    private static double seconds(JmhResult r, String metric) {
        Metric m = r.metric(metric);
        return m != null && m.unit().equals("us") ? m.score() * 1e-6 : Double.NaN;
    }

    private static String color(int index) {
        return LineChart.COLORS[index % LineChart.COLORS.length];
    }
}
