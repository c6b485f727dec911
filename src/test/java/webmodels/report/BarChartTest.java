package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BarChartTest {

    private static final List<BarChart.Series> SERIES = List.of(
            new BarChart.Series("keep-alive", "#2f6fb3"), new BarChart.Series("close-per-request", "#e8912d"));

    @Test
    void isWellFormedWithTitleLegendAxisModelsAndFailures() throws Exception {
        List<BarChart.Group> groups = List.of(
                new BarChart.Group("reactor", List.of(bar(52_000, 1_500, 0), bar(9_100, 380, 0))),
                new BarChart.Group("process-per-request", List.of(BarChart.Bar.missing(), bar(213, 11, 12))));
        String svg = chart("Throughput per model", groups, BarChart.ScaleChoice.AUTO).svg();
        List<String> texts = SvgAssertions.texts(svg, "Throughput per model");
        assertTrue(texts.containsAll(List.of("reactor", "process-per-request", "keep-alive", "close-per-request",
                "failed", "not run", "12", "52k ± 1.5k", "requests per second (log scale)")), texts::toString);
    }

    @Test
    void escapesNamesThatAreNotXml() throws Exception {
        List<BarChart.Group> groups = List.of(new BarChart.Group("a<b & \"c\"", List.of(bar(10, 1, 0), bar(5, 1, 0))));
        List<String> texts = SvgAssertions.texts(chart("x < y & z", groups, BarChart.ScaleChoice.LINEAR).svg(), "x < y & z");
        assertTrue(texts.contains("a<b & \"c\""), texts::toString);
    }

    @Test
    void autoScaleIsLogOnlyForWideRanges() {
        List<BarChart.Group> wide = List.of(new BarChart.Group("m", List.of(bar(50_000, 0, 0), bar(100, 0, 0))));
        List<BarChart.Group> narrow = List.of(new BarChart.Group("m", List.of(bar(50_000, 0, 0), bar(9_000, 0, 0))));
        assertTrue(BarChart.usesLog(wide, BarChart.ScaleChoice.AUTO));
        assertFalse(BarChart.usesLog(narrow, BarChart.ScaleChoice.AUTO));
        assertTrue(BarChart.usesLog(narrow, BarChart.ScaleChoice.LOG));
        assertFalse(BarChart.usesLog(wide, BarChart.ScaleChoice.LINEAR));
    }

    @Test
    void drawsZeroAndMissingValuesWithoutFailing() throws Exception {
        List<BarChart.Group> groups = List.of(new BarChart.Group("dead", List.of(bar(0, Double.NaN, 500), BarChart.Bar.missing())));
        for (BarChart.ScaleChoice scale : BarChart.ScaleChoice.values()) {
            List<String> texts = SvgAssertions.texts(chart("t", groups, scale).svg(), "t");
            assertTrue(texts.contains("500"), texts::toString);
        }
    }

    private static BarChart chart(String title, List<BarChart.Group> groups, BarChart.ScaleChoice scale) {
        return new BarChart(title, List.of("subtitle"), "requests per second", SERIES, groups, scale, Format::compact);
    }

    private static BarChart.Bar bar(double value, double error, int failures) {
        return new BarChart.Bar(value, error, Format.count(failures), failures > 0);
    }
}
