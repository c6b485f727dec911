package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChartsTest {

    private final Results results = new Results(Fixtures.results(Fixtures.FIXTURE));

    @Test
    void fixtureGivesThroughputPerClientLatencyAndOneChartPerThroughputSweep() {
        assertEquals(List.of("throughput.svg", "throughput-selector.svg", "latency-keep-alive.svg", "sweep-work-keep-alive.svg",
                        "sweep-select-keep-alive.svg", "open-loop-spectrum-reactor.svg", "open-loop-rate-reactor.svg",
                        "open-loop-spectrum-virtual-threads.svg", "open-loop-server-cpu.svg"),
                Charts.all(results, BarChart.ScaleChoice.AUTO).stream().map(Charts.Chart::fileName).toList());
    }

    @Test
    void everyChartIsWellFormedAndShowsItsTitleAndEveryModel() throws Exception {
        Map<String, List<String>> modelsByChart = Map.of(
                "throughput.svg", List.of("blocking", "reactor", "virtual-threads", "process-per-request", "netty-io-uring"),
                "throughput-selector.svg", List.of("reactor"),
                "latency-keep-alive.svg", List.of("blocking", "reactor", "netty-io-uring"),
                "sweep-work-keep-alive.svg", List.of("blocking", "reactor", "virtual-threads", "netty-io-uring"),
                "sweep-select-keep-alive.svg", List.of("reactor"),
                "open-loop-spectrum-reactor.svg", List.of("2k req/s", "4k req/s"),
                "open-loop-rate-reactor.svg", List.of("p50", "p99", "p99.9"),
                "open-loop-spectrum-virtual-threads.svg", List.of("2k req/s"),
                "open-loop-server-cpu.svg", List.of("reactor", "virtual-threads"));
        for (BarChart.ScaleChoice scale : BarChart.ScaleChoice.values()) {
            for (Charts.Chart chart : Charts.all(results, scale)) {
                List<String> texts = SvgAssertions.texts(chart.svg(), chart.title());
                assertTrue(texts.containsAll(modelsByChart.get(chart.fileName())), chart.fileName() + ": " + texts);
            }
        }
    }

    @Test
    void throughputChartSaysWhichScaleItUses() throws Exception {
        Charts.Chart log = Charts.all(results, BarChart.ScaleChoice.AUTO).get(0);
        String logTexts = String.join(" ", SvgAssertions.texts(log.svg(), log.title()));
        assertTrue(logTexts.contains("Log scale: the largest bar is 287 times the smallest.") && logTexts.contains("(log scale)"), logTexts);
        Charts.Chart linear = Charts.all(results, BarChart.ScaleChoice.LINEAR).get(0);
        String linearTexts = String.join(" ", SvgAssertions.texts(linear.svg(), linear.title()));
        assertTrue(linearTexts.contains("Linear scale.") && !linearTexts.contains("log scale"), linearTexts);
    }

    @Test
    void throughputChartShowsTheFailuresOfProcessPerRequest() throws Exception {
        Charts.Chart throughput = Charts.all(results, BarChart.ScaleChoice.AUTO).get(0);
        List<String> texts = SvgAssertions.texts(throughput.svg(), throughput.title());
        assertTrue(texts.contains("12 (0.38 %)"), texts::toString);
        assertTrue(throughput.svg().contains("fill=\"#c0171f\" font-weight=\"bold\">12 (0.38 %)<"),
                "failures stand out in red");
    }

    @Test
    void baselineTextNamesTheModelsOfAKnob() {
        assertEquals("work=none, select=block (reactor)", Charts.baselineText(results));
    }

    @Test
    void sweepValuesGetDistinctColours() {
        String svg = Charts.all(results, BarChart.ScaleChoice.AUTO).stream()
                .filter(chart -> chart.fileName().equals("sweep-work-keep-alive.svg")).findFirst().orElseThrow().svg();
        assertEquals(2, List.of("#3f5fa8", "#3fb46a").stream().filter(svg::contains).collect(Collectors.toSet()).size());
    }
}
