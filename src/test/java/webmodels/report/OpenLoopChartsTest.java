package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

@Timeout(10)
class OpenLoopChartsTest {

    @Test
    void eachModelGetsASpectrumAndARateChartAndAllShareOneCpuChart() throws Exception {
        Results results = new Results(List.of(run("Reactor", 1000, 1.0, 100, 0), run("Reactor", 2000, 2.0, 100, 0),
                run("VirtualThreads", 1000, 3.0, 100, 0)));

        List<Charts.Chart> charts = OpenLoopCharts.all(results);

        assertEquals(List.of("open-loop-spectrum-reactor.svg", "open-loop-rate-reactor.svg",
                "open-loop-spectrum-virtual-threads.svg", "open-loop-server-cpu.svg"),
                charts.stream().map(Charts.Chart::fileName).toList());
        for (Charts.Chart chart : charts) {
            Fixtures.parseXml(chart.svg());
        }
        Document spectrum = Fixtures.parseXml(charts.get(0).svg());
        assertEquals(2, spectrum.getElementsByTagName("polyline").getLength(), "one line per rate");
        assertTrue(charts.get(0).svg().contains(">99.9%<"), "the percentile axis is labelled in percent");
        Document cpu = Fixtures.parseXml(charts.get(3).svg());
        assertEquals(2, cpu.getElementsByTagName("polyline").getLength(), "one line per model");
    }

    @Test
    void lowerBoundsAndDriverLimitedRunsAreHollow() {
        JmhResult censored = run("Reactor", 1000, 1.0, 95, 0);
        JmhResult limited = run("Reactor", 2000, 1.0, 100, 1);
        JmhResult clean = run("Reactor", 3000, 1.0, 100, 0);

        assertFalse(OpenLoopCharts.hollow(censored, 90));
        assertTrue(OpenLoopCharts.hollow(censored, 99));
        assertTrue(OpenLoopCharts.hollow(limited, 50));
        assertFalse(OpenLoopCharts.hollow(clean, 99.99));
        String svg = OpenLoopCharts.spectrum("reactor", List.of(censored)).svg();
        assertEquals(3, count(svg, "fill=\"#ffffff\" stroke="), "p99, p99.9 and p99.99 hollow:\n" + svg);
    }

    @Test
    void percentileAxisLabelsReadAsPercentiles() {
        assertEquals("0%", OpenLoopCharts.percentileLabel(1));
        assertEquals("90%", OpenLoopCharts.percentileLabel(10));
        assertEquals("99.99%", OpenLoopCharts.percentileLabel(10_000));
    }

    /** An openLoop result whose latencies scale with {@code factor} ms at p50. */
    static JmhResult run(String modelClass, int rate, double factor, double exactUpTo, double driverLimited) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("rate", String.valueOf(rate), "connections", "32"));
        JmhResult base = Fixtures.result("webmodels.bench.models." + modelClass + "Benchmark.openLoop", "ss", params,
                1, Double.NaN, "ms/op", Map.of("requests", 1000.0 * rate, "failures", 0.0, "serverCpuNanos", 5e6 * rate));
        Map<String, Metric> secondary = new LinkedHashMap<>(base.secondary());
        String[] names = {"latencyP50", "latencyP75", "latencyP90", "latencyP95", "latencyP99", "latencyP99.9",
                "latencyP99.99", "latencyMax"};
        double[] micros = {1000, 1200, 1500, 1800, 3000, 5000, 8000, 9000};
        for (int i = 0; i < names.length; i++) {
            secondary.put(names[i], metric(micros[i] * factor, "us"));
        }
        secondary.put("latencyExactUpTo", metric(exactUpTo, "%"));
        secondary.put("driverLimited", metric(driverLimited, "bool"));
        secondary.put("sendLatenessP99", metric(driverLimited > 0 ? 4000 : 20, "us"));
        secondary.put("achievedRate", metric(rate, "req/s"));
        return new JmhResult(base.benchmark(), base.mode(), base.threads(), base.forks(), base.params(), base.primary(),
                secondary, base.settings());
    }

    private static Metric metric(double value, String unit) {
        return new Metric(value, Double.NaN, unit, new TreeMap<>());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
