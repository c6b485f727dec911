package webmodels.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's charts, built from the results: throughput per model, latency percentiles per
 * model, one throughput chart per swept parameter, and the open-loop charts ({@link OpenLoopCharts}).
 */
final class Charts {

    static final String KEEP_ALIVE_COLOR = "#2f6fb3";
    static final String CLOSE_COLOR = "#e8912d";
    /** Dark to light, so that the order of the swept values reads as an order. */
    private static final String[] SWEEP_COLORS = {"#3b1c6e", "#3f5fa8", "#2a8c8c", "#3fb46a", "#a5cf4a"};

    record Chart(String fileName, String title, String svg) {
    }

    private Charts() {
    }

    static List<Chart> all(Results results, BarChart.ScaleChoice scale) {
        List<Chart> charts = new ArrayList<>();
        List<Summary.Row> rows = Summary.rows(results);
        if (rows.stream().anyMatch(r -> r.keepAlive() != null || r.close() != null)) {
            charts.add(throughput(rows, results, scale, "throughput.svg", "Throughput per model",
                    "HttpClient 5, one request in flight per client thread"));
        }
        List<Summary.Row> selectorRows = Summary.rows(results, Summary.SELECTOR_KEEP_ALIVE, Summary.SELECTOR_CLOSE_PER_REQUEST);
        if (selectorRows.stream().anyMatch(r -> r.keepAlive() != null || r.close() != null)) {
            charts.add(throughput(selectorRows, results, scale, "throughput-selector.svg",
                    "Throughput per model, selector client", "one client thread with one selector, as wrk -t1"));
        }
        for (String method : List.of(Summary.KEEP_ALIVE, Summary.CLOSE_PER_REQUEST)) {
            List<LatencyChart.Row> latencyRows = latencyRows(results, method);
            if (!latencyRows.isEmpty()) {
                String title = "Latency percentiles per model, " + describe(method);
                charts.add(new Chart("latency-" + ModelNames.kebabCase(method) + ".svg", title,
                        new LatencyChart(title, List.of(
                                "JMH sample mode, " + describe(method) + ", " + baselineText(results)
                                        + "; lower is better. Log time axis."),
                                latencyRows).svg()));
            }
        }
        for (Sweep sweep : results.sweeps()) {
            if (sweep.mode().equals(Results.THROUGHPUT)) {
                charts.add(sweep(sweep, scale));
            }
        }
        charts.addAll(OpenLoopCharts.all(results));
        return charts;
    }

    private static Chart throughput(List<Summary.Row> rows, Results results, BarChart.ScaleChoice scale, String fileName,
                                    String title, String client) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (Summary.Row row : rows) {
            groups.add(new BarChart.Group(row.model(), List.of(
                    bar(row.keepAlive(), row.keepAliveCounters()),
                    bar(row.close(), row.closeCounters()))));
        }
        List<String> subtitle = List.of(
                "Requests per second (JMH thrpt mode), " + client + ", " + baselineText(results) + "; higher is better.",
                "Whiskers: JMH's 99.9 % confidence interval. " + BarChart.scaleNote(groups, scale));
        BarChart chart = new BarChart(title, subtitle, "requests per second",
                List.of(new BarChart.Series("keep-alive", KEEP_ALIVE_COLOR),
                        new BarChart.Series("close-per-request", CLOSE_COLOR)),
                groups, scale, Format::compact);
        return new Chart(fileName, title, chart.svg());
    }

    private static Chart sweep(Sweep sweep, BarChart.ScaleChoice scale) {
        List<String> values = sweep.values();
        List<BarChart.Series> series = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            series.add(new BarChart.Series(sweep.param() + "=" + values.get(i), sweepColor(i, values.size())));
        }
        List<BarChart.Group> groups = new ArrayList<>();
        for (String model : sweep.models()) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (String value : values) {
                JmhResult result = sweep.result(model, value);
                bars.add(result == null ? BarChart.Bar.missing() : bar(result, Counters.of(result)));
            }
            groups.add(new BarChart.Group(model, bars));
        }
        String title = "Throughput by " + sweep.param() + ", " + describe(sweep.method());
        List<String> subtitle = List.of(
                "Requests per second (JMH thrpt mode) for each value of " + sweep.param()
                        + ", other parameters at baseline; higher is better.",
                "Whiskers: JMH's 99.9 % confidence interval. " + BarChart.scaleNote(groups, scale));
        BarChart chart = new BarChart(title, subtitle, "requests per second", series, groups, scale, Format::compact);
        return new Chart(sweepFileName(sweep), title, chart.svg());
    }

    private static List<LatencyChart.Row> latencyRows(Results results, String method) {
        List<LatencyChart.Row> rows = new ArrayList<>();
        for (String model : results.models()) {
            results.baselineResult(model, method, Results.SAMPLE).ifPresent(sample -> {
                double[] seconds = new double[LatencyChart.PERCENTILES.length];
                for (int p = 0; p < seconds.length; p++) {
                    Metric m = sample.primary();
                    seconds[p] = Units.secondsPerOp(m.percentile(LatencyChart.PERCENTILES[p]), m.unit());
                }
                Counters counters = Counters.of(sample);
                rows.add(new LatencyChart.Row(model, seconds, counters.failuresText(), counters.anyFailed()));
            });
        }
        return rows;
    }

    private static BarChart.Bar bar(JmhResult result, Counters counters) {
        if (result == null) {
            return BarChart.Bar.missing();
        }
        Metric m = result.primary();
        return new BarChart.Bar(Units.perSecond(m.score(), m.unit()), Units.perSecond(m.error(), m.unit()),
                counters.failuresText(), counters.anyFailed());
    }

    /**
     * "work=none, select=block (reactor)": parameters not every model has name their models. Only the
     * parameters of the closed-loop benchmarks, which the summary and the charts show: the open-loop
     * rate and connections have a table of their own.
     */
    static String baselineText(Results results) {
        Set<String> shown = new HashSet<>();
        results.all().stream().filter(r -> !OpenLoopTable.isOpenLoop(r)).forEach(r -> shown.addAll(r.scenario().keySet()));
        Map<String, List<String>> modelsByPart = new LinkedHashMap<>();
        List<String> models = results.models().stream().filter(m -> !results.baseline(m).isEmpty()).toList();
        for (String model : models) {
            results.baseline(model).forEach((name, value) -> {
                if (shown.contains(name)) {
                    modelsByPart.computeIfAbsent(name + "=" + value, k -> new ArrayList<>()).add(model);
                }
            });
        }
        List<String> parts = new ArrayList<>();
        modelsByPart.forEach((part, having) ->
                parts.add(having.size() == models.size() ? part : part + " (" + String.join(", ", having) + ")"));
        return parts.isEmpty() ? "no parameters" : String.join(", ", parts);
    }

    /** keepAlive -> "keep-alive connections"; other methods by their name. */
    static String describe(String method) {
        return switch (method) {
            case Summary.KEEP_ALIVE -> "keep-alive connections";
            case Summary.CLOSE_PER_REQUEST -> "a new connection per request";
            default -> method;
        };
    }

    /** Colours spread over the palette, so that two values never get neighbouring shades. */
    private static String sweepColor(int index, int count) {
        int[][] picks = {{1}, {1, 3}, {0, 2, 4}, {0, 1, 3, 4}, {0, 1, 2, 3, 4}};
        return count <= picks.length ? SWEEP_COLORS[picks[count - 1][index]] : SWEEP_COLORS[index % SWEEP_COLORS.length];
    }

    static String sweepFileName(Sweep sweep) {
        String param = sweep.param().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "sweep-" + param + "-" + ModelNames.kebabCase(sweep.method()) + ".svg";
    }
}
