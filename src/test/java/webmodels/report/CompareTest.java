package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CompareTest {

    private static final String KEEP_ALIVE = "webmodels.bench.models.ReactorBenchmark.keepAlive";
    private static final Map<String, String> NO_WORK = Map.of("work", "none");

    @Test
    void aDifferenceSmallerThanBothErrorsTogetherIsWithinError() {
        Compare.Line line = Compare.line(thrpt(1000, 50), thrpt(1080, 40));
        assertEquals(1.08, line.ratio(), 1e-9);
        assertEquals(Compare.Verdict.WITHIN_ERROR, line.verdict());
    }

    @Test
    void aDifferenceLargerThanBothErrorsIsBetterOrWorseByMode() {
        assertEquals(Compare.Verdict.BETTER, Compare.line(thrpt(1000, 50), thrpt(1200, 40)).verdict());
        assertEquals(Compare.Verdict.WORSE, Compare.line(thrpt(1000, 50), thrpt(800, 40)).verdict());
        // sample mode: times, lower is better
        assertEquals(Compare.Verdict.WORSE, Compare.line(sample(100, 5), sample(150, 5)).verdict());
        assertEquals(Compare.Verdict.BETTER, Compare.line(sample(100, 5), sample(50, 5)).verdict());
        assertEquals(0.5, Compare.line(sample(100, 5), sample(50, 5)).ratio(), 1e-9);
    }

    @Test
    void withoutAnErrorEstimateItSaysSo() {
        Compare.Line line = Compare.line(thrpt(1000, Double.NaN), thrpt(2000, 10));
        assertEquals(2.0, line.ratio(), 1e-9);
        assertEquals(Compare.Verdict.NO_ERROR_ESTIMATE, line.verdict());
    }

    @Test
    void comparesAcrossTimeUnits() {
        JmhResult before = Fixtures.result(KEEP_ALIVE, "thrpt", NO_WORK, 1, 0.01, "ops/ms", Map.of());
        Compare.Line line = Compare.line(before, thrpt(2000, 10));
        assertEquals(2.0, line.ratio(), 1e-9);
        assertEquals(Compare.Verdict.BETTER, line.verdict());
    }

    @Test
    void matchesOnBenchmarkModeAndParams() {
        List<JmhResult> before = List.of(thrpt(1000, 10), sample(100, 1),
                Fixtures.result(KEEP_ALIVE, "thrpt", Map.of("work", "cpu:50us"), 500, 10, "ops/s", Map.of()));
        List<JmhResult> after = List.of(thrpt(2000, 10), sample(100, 1),
                Fixtures.result(KEEP_ALIVE, "thrpt", Map.of("work", "sleep:1ms"), 100, 10, "ops/s", Map.of()));
        List<Compare.Line> lines = Compare.lines(before, after);
        assertEquals(2, lines.size());
        assertEquals(2.0, lines.get(0).ratio(), 1e-9);
        assertEquals(1.0, lines.get(1).ratio(), 1e-9);
        assertEquals("cpu:50us", Compare.missingFrom(before, after).get(0).params().get("work"));
        assertEquals("sleep:1ms", Compare.missingFrom(after, before).get(0).params().get("work"));
    }

    @Test
    void markdownShowsRatiosVerdictsFailuresAndUnmatchedResults() {
        List<JmhResult> before = List.of(thrpt(1000, 50),
                Fixtures.result(KEEP_ALIVE, "thrpt", Map.of("work", "cpu:50us"), 500, 10, "ops/s", Map.of()));
        List<JmhResult> after = List.of(Fixtures.result(KEEP_ALIVE, "thrpt", NO_WORK, 1080, 40, "ops/s",
                Map.of("requests", 1000.0, "failures", 3.0)));
        String markdown = Compare.markdown(before, after);
        assertTrue(markdown.contains(" 1.08× |"), markdown);
        assertTrue(markdown.contains("within error"), markdown);
        assertTrue(markdown.contains("**3 (0.3 %)**"), markdown);
        assertTrue(markdown.contains("only in before: reactor keepAlive thrpt work=cpu:50us"), markdown);
    }

    @Test
    void comparingTheFixtureWithItselfIsAllWithinErrorOrUnknown() {
        List<JmhResult> results = Fixtures.results(Fixtures.FIXTURE);
        List<Compare.Line> lines = Compare.lines(results, results);
        assertEquals(results.size(), lines.size());
        assertTrue(lines.stream().allMatch(l -> l.ratio() == 1.0
                && (l.verdict() == Compare.Verdict.WITHIN_ERROR || l.verdict() == Compare.Verdict.NO_ERROR_ESTIMATE)));
    }

    private static JmhResult thrpt(double score, double error) {
        return Fixtures.result(KEEP_ALIVE, "thrpt", NO_WORK, score, error, "ops/s", Map.of("requests", 1000.0, "failures", 0.0));
    }

    private static JmhResult sample(double micros, double error) {
        return Fixtures.result(KEEP_ALIVE, "sample", NO_WORK, micros, error, "us/op", Map.of());
    }
}
