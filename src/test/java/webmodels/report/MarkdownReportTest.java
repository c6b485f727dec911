package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MarkdownReportTest {

    private final Results results = new Results(Fixtures.results(Fixtures.FIXTURE));
    private final String readme = MarkdownReport.build(List.of(Path.of("jmh-results/x.json")), results,
            List.of(MachineFacts.parse(Fixtures.text("fixture.machine.json"))),
            Charts.all(results, BarChart.ScaleChoice.AUTO), List.of("a warning"));

    @Test
    void hasEverySectionInOrder() {
        int previous = -1;
        for (String heading : List.of("# webmodels benchmark report", "## Ranking", "## Selector client",
                "## An application client's view: HttpClient 5", "## Raw client", "## Open loop",
                "## Sweeps", "### work: keepAlive", "### select: keepAlive", "### rate: openLoop (single shot)",
                "## All results", "## Run settings", "## Machine")) {
            int at = readme.indexOf(heading);
            assertTrue(at > previous, heading + " missing or out of order:\n" + readme);
            previous = at;
        }
        assertTrue(readme.contains("> **Note:** a warning"));
    }

    @Test
    void embedsTheChartsWithTheirTitles() {
        assertTrue(readme.contains("![Throughput per model](throughput.svg)"), readme);
        assertTrue(readme.contains("![Latency percentiles per model, keep-alive connections](latency-keep-alive.svg)"), readme);
        assertTrue(readme.contains("(sweep-work-keep-alive.svg)"), readme);
        assertTrue(readme.contains("![Throughput per model, selector client](throughput-selector.svg)"), readme);
    }

    @Test
    void listsEveryResultWithUnknownMetricsAsColumns() {
        assertTrue(readme.contains("### rawKeepAlive (throughput)"), readme);
        assertTrue(readme.contains("serverCpuNanosPerOp"), readme);
        assertTrue(readme.contains("8.1 ± 0.15 µs/op"), "ns/op metric shown with its unit");
        assertTrue(readme.contains("| webmodels.bench.CodecBenchmark |"), "classes outside the models package stay");
        assertTrue(readme.contains("412 ± 12 ns/op"), readme);
        assertFalse(readme.contains("p0.50"), "JMH's copies of the sample percentiles are not shown twice");
    }

    @Test
    void cpuPerRequestIsExplainedAndListedForEveryResult() {
        assertTrue(readme.contains("- **server CPU, client CPU µs / request**"), readme);
        assertTrue(readme.contains("| server CPU µs / request | client CPU µs / request |"), readme);
    }

    @Test
    void openLoopSweepCellsShowLatencyAndRateNotTheRunsLength() {
        assertTrue(readme.contains("p99 950 µs at 1,990 ± 4 req/s, failed 0"), readme);
        assertFalse(readme.contains("5,000 ± 1.2"), "the single-shot time is not the open-loop result");
    }

    @Test
    void failuresAreShownWithTheirKinds() {
        assertTrue(readme.contains("**12 (0.38 %)** | refused 10, timeout 2"), readme);
        assertTrue(readme.contains("reset 1"), readme);
    }

    @Test
    void sweepCellsCarryFailuresToo() {
        assertTrue(readme.contains("14,000 ± 700 req/s, failed 0"), readme);
    }

    @Test
    void sweepCellsCarryTheServersCpuPerRequestWhenMeasured() {
        assertTrue(readme.matches("(?s).*req/s, failed 0, server CPU [0-9.,]+ µs \\|.*"), readme);
    }

    @Test
    void statesRunSettingsAndMachine() {
        assertTrue(readme.contains("| client threads         | `4`"), readme);
        assertTrue(readme.contains("| measurement iterations | `3 × 5 s`"), readme);
        assertTrue(readme.contains("| memory     | 24.0 GiB"), readme);
        assertTrue(readme.contains("```\n./run-bench.sh --profile quick\n```"), readme);
    }
}
