package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LatencyChartTest {

    @Test
    void isWellFormedWithTitleLegendAxisAndEveryModel() throws Exception {
        List<LatencyChart.Row> rows = List.of(
                new LatencyChart.Row("reactor", new double[]{70e-6, 110e-6, 250e-6, 900e-6}, "0", false),
                new LatencyChart.Row("blocking", new double[]{180e-6, 260e-6, 480e-6, 2.1e-3}, "1 (0.1 %)", true));
        List<String> texts = SvgAssertions.texts(new LatencyChart("Latency", List.of("sub"), rows).svg(), "Latency");
        assertTrue(texts.containsAll(List.of("reactor", "blocking", "p50", "p90", "p99", "p99.9", "failed",
                "1 (0.1 %)", "p99.9 2.1 ms", "1 ms", "latency per request (log scale)")), texts::toString);
    }

    @Test
    void aRowWithoutPercentilesSaysNotRun() throws Exception {
        double nan = Double.NaN;
        List<LatencyChart.Row> rows = List.of(new LatencyChart.Row("m", new double[]{nan, nan, nan, nan}, "n/a", false));
        List<String> texts = SvgAssertions.texts(new LatencyChart("L", List.of(), rows).svg(), "L");
        assertTrue(texts.contains("not run"), texts::toString);
    }
}
