package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpenLoopTableTest {

    private final Results results = new Results(Fixtures.results(Fixtures.FIXTURE));

    @Test
    void oneRowPerModelAndRateInRegistryOrder() {
        List<JmhResult> rows = OpenLoopTable.rows(results);
        assertEquals(List.of("reactor 2000", "reactor 4000", "virtual-threads 2000"),
                rows.stream().map(r -> r.model() + " " + r.params().get("rate")).toList());
    }

    @Test
    void showsRatesPercentilesCountsFailuresAndCpuPerRequest() {
        String table = OpenLoopTable.markdown(OpenLoopTable.rows(results));
        List<String> header = cells(table.lines().findFirst().orElseThrow());
        assertEquals(List.of("model", "rate (req/s)", "connections", "achieved (req/s)", "p50 (ms)", "p90 (ms)", "p99 (ms)",
                "p99.9 (ms)", "p99.99 (ms)", "max (ms)", "sent", "late", "unsent", "failed", "driver p99 (µs)",
                "driver-limited", "server CPU µs / request", "client CPU µs / request"), header);
        Map<String, List<String>> rows = SummaryTest.cellsByModel(table.lines()
                .filter(line -> !line.contains("4000")).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(List.of("reactor", "2000", "8", "1,990 ± 4", "0.18", "0.27", "0.95", "1.9", "2.85", "4.2",
                "30,000", "12", "0", "0", "—", "—", "11.5", "6.25"), rows.get("reactor"));
        assertTrue(table.contains("| **2 (0.0033 %)** |"), "failures in bold:\n" + table);
    }

    @Test
    void aSweepCellSaysP99AndAchievedRateNotTheRunsLength() {
        JmhResult at4000 = OpenLoopTable.rows(results).get(1);
        assertEquals("p99 2.4 ms at 3,980 ± 4 req/s", OpenLoopTable.brief(at4000));
    }

    @Test
    void lowerBoundsAreMarkedAndADriverLimitedRunSaysSo() {
        JmhResult censored = OpenLoopChartsTest.run("Reactor", 1000, 1.0, 95, 0);
        JmhResult limited = OpenLoopChartsTest.run("Reactor", 2000, 1.0, 100, 1);

        String table = OpenLoopTable.markdown(List.of(censored, limited));
        List<String> first = cells(table.lines().skip(2).findFirst().orElseThrow());
        List<String> second = cells(table.lines().skip(3).findFirst().orElseThrow());

        assertEquals(List.of("1", "1.5", "≥ 3", "≥ 5", "≥ 8", "≥ 9"), first.subList(4, 10));
        assertEquals("no", first.get(15));
        assertEquals(List.of("4,000", "**yes**"), second.subList(14, 16));
        assertEquals("p99 ≥ 3 ms at 1,000 req/s", OpenLoopTable.brief(censored));
        assertTrue(OpenLoopTable.brief(limited).endsWith("(driver-limited)"), OpenLoopTable.brief(limited));
    }

    private static List<String> cells(String line) {
        return java.util.Arrays.stream(line.substring(1, line.length() - 1).split(" \\| ")).map(String::strip).toList();
    }
}
