package webmodels.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a benchmark run ends on the terminal: the report is written beside the JSON, then one line
 * per model (goodput, p99, server CPU per request, failures, flags), then where the report and the
 * JSON are. Used by {@link webmodels.bench.InterleavedRun} when its rounds are done.
 */
public final class RunSummary {

    private RunSummary() {
    }

    /**
     * Writes the report of {@code json} into its default directory and prints the summary.
     *
     * @return 0, or 1 when the file holds no result (failed requests are flagged on their lines, and said once more)
     */
    public static int write(Path json, PrintStream out) throws IOException {
        Report report = Report.read(List.of(json));
        if (report.results().isEmpty()) {
            out.println(json + " holds no results");
            return 1;
        }
        Path directory = Report.defaultDirectory(json);
        report.writeTo(directory, BarChart.ScaleChoice.AUTO);
        out.println();
        Optional<Ranking> ranking = Ranking.lead(report.results());
        ranking.ifPresent(r -> RankingTable.terminalLines(r, report.results()).forEach(out::println));
        boolean anyFailed = report.results().all().stream().anyMatch(r -> Counters.of(r).anyFailed());
        if (anyFailed) {
            out.println("Some requests FAILED: their throughput is not comparable; see the report's failure columns.");
        }
        out.println("report: " + directory.resolve("README.md"));
        out.println("json:   " + json);
        return 0;
    }
}
