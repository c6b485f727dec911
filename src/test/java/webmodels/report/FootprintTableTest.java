package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FootprintTableTest {

    private static final String REACTOR = "webmodels.bench.models.ReactorBenchmark.keepAlive";
    private static final String THREAD_POOL = "webmodels.bench.models.ThreadPoolBenchmark.keepAlive";

    @Test
    void readsWhatFootprintProfilerWroteInRealJmhOutput() {
        Results results = new Results(Fixtures.results("jmh-1.37-footprint.json"));

        List<FootprintTable.Row> rows = FootprintTable.rows(results);
        String table = FootprintTable.markdown(rows);

        assertEquals(List.of("blocking", "reactor"), rows.stream().map(row -> row.result().model()).toList());
        assertTrue(rows.stream().allMatch(FootprintTable.Row::forked));
        assertTrue(table.contains("| blocking | keepAlive | work=none "), table);
        assertTrue(line(table, "| blocking ").matches(".*\\| server alone +\\| +50 \\| +0 \\| +0 \\| +1 \\| +20 \\| +58 \\| +2.09 \\| +— \\| +— \\| +— \\|"),
                "the blocking model closes every connection after its answer: it holds none, so no cost per connection\n" + table);
        assertTrue(line(table, "| reactor ").matches(".*\\| +50 \\| +50 \\| +0 \\| +1 \\| +20 \\| +56.5 \\| +2.17 \\| +-39.4 \\| +2.87 \\| +0 \\|"), table);
        assertFalse(table.contains("fork=true") || table.contains("idleConnections="), "those have their own columns");
    }

    @Test
    void oneRowPerTrialPreferringThroughputModeAndSortedByModelThenIdleConnections() {
        Results results = new Results(List.of(
                footprint(REACTOR, "sample", "5000", Map.of("serverThreads", 99.0)),
                footprint(REACTOR, "thrpt", "5000", Map.of("serverThreads", 20.0)),
                footprint(REACTOR, "thrpt", "1000", Map.of("serverThreads", 21.0)),
                footprint(THREAD_POOL, "sample", "1000", Map.of("serverThreads", 28.0))));

        List<FootprintTable.Row> rows = FootprintTable.rows(results);

        assertEquals(List.of("thread-pool 1000 sample 28", "reactor 1000 thrpt 21", "reactor 5000 thrpt 20"),
                rows.stream().map(row -> row.result().model() + " " + row.idleAsked() + " " + row.result().mode()
                        + " " + Math.round(row.own("Threads"))).toList());
    }

    @Test
    void theClientsJvmIsLabelledAndIdleFailuresStandOut() {
        JmhResult inJvm = Fixtures.result(THREAD_POOL, "thrpt", Map.of("idleConnections", "20", "fork", "false", "workers", "2"),
                0.5, Double.NaN, "ops/ms", Map.of("jvmThreads", 45.0, "jvmRssMiB", 210.0, "jvmHeapMiB", 30.0,
                        "idleAnswered", 2.0, "idleFailed", 18.0, "idleStillOpen", 20.0));

        String table = FootprintTable.markdown(FootprintTable.rows(new Results(List.of(inJvm))));

        assertTrue(line(table, "| thread-pool ").contains("| workers=2 | server + client JVM |"), table);
        assertTrue(line(table, "| thread-pool ").matches(".*\\| +20 \\| +20 \\| +\\*\\*18\\*\\* \\| +— \\| +45 \\| +210 \\| +30 \\| .*"), table);
    }

    @Test
    void resultsWithoutFootprintMakeNoRowAndNoSection() {
        Results results = new Results(Fixtures.results(Fixtures.FIXTURE));
        assertTrue(FootprintTable.rows(results).isEmpty());
        String readme = MarkdownReport.build(List.of(Path.of("x.json")), results, List.of(MachineFacts.NONE), List.of(), List.of());
        assertFalse(readme.contains("## Footprint"));
    }

    @Test
    void theReportPutsTheTableBetweenSweepsAndAllResults() {
        Results results = new Results(List.of(
                footprint(REACTOR, "thrpt", "0", Map.of("serverThreads", 20.0, "serverRssMiB", 50.0)),
                footprint(REACTOR, "thrpt", "1000", Map.of("serverThreads", 20.0, "serverRssMiB", 60.0,
                        "idleAnswered", 1000.0, "idleFailed", 0.0, "idleStillOpen", 1000.0, "serverRssPerIdleConnectionKiB", 10.2))));

        String readme = MarkdownReport.build(List.of(Path.of("x.json")), results, List.of(MachineFacts.NONE), List.of(), List.of());

        int sweeps = readme.indexOf("## Sweeps");
        int footprint = readme.indexOf("## Footprint");
        int all = readme.indexOf("## All results");
        assertTrue(sweeps >= 0 && sweeps < footprint && footprint < all, readme);
        assertTrue(readme.contains("### idleConnections: keepAlive (throughput)"), "idle connections sweep the throughput too");
        assertTrue(readme.contains("**idle held**"), "the notes explain the columns");
        assertTrue(line(readme, "| reactor | keepAlive | work=none | server alone |            1,000 |").matches(".*\\| +10.2 \\| +— \\| +— \\|"), readme);
    }

    private static JmhResult footprint(String benchmark, String mode, String idle, Map<String, Double> metrics) {
        return Fixtures.result(benchmark, mode, Map.of("work", "none", "fork", "true", "idleConnections", idle),
                10, Double.NaN, mode.equals("thrpt") ? "ops/ms" : "ms/op", metrics);
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElse("(no line starting with " + start + ")");
    }
}
