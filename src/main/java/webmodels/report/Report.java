package webmodels.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One report over one or more JMH result files: read them (and the machine files beside them),
 * then write README.md and the charts into a directory. When two files hold the same measurement
 * (benchmark, mode and parameters), the later file's result is used and the README says so.
 */
final class Report {

    private final List<Path> files;
    private final Results results;
    private final List<MachineFacts> machines;
    private final List<String> warnings;

    private Report(List<Path> files, Results results, List<MachineFacts> machines, List<String> warnings) {
        this.files = files;
        this.results = results;
        this.machines = machines;
        this.warnings = warnings;
    }

    static Report read(List<Path> files) throws IOException {
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        List<MachineFacts> machines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path file : files) {
            for (JmhResult result : JmhResults.read(file)) {
                if (byKey.put(result.key(), result) != null) {
                    warnings.add(result.benchmark() + " (" + result.mode() + ", " + result.params()
                            + ") is in more than one file; the report uses " + file.getFileName() + ".");
                }
            }
            machines.add(MachineFacts.forResults(file));
        }
        return new Report(List.copyOf(files), new Results(new ArrayList<>(byKey.values())), machines, warnings);
    }

    Results results() {
        return results;
    }

    List<String> warnings() {
        return warnings;
    }

    /** The leading table: the ranking by the client that measures the server when the results have one. */
    String summaryTable() {
        return Ranking.lead(results).map(ranking -> RankingTable.markdown(ranking, results))
                .orElseGet(() -> Summary.markdown(Summary.rows(results)));
    }

    /** The report's tables alone, as Markdown (for {@code report --markdown}). */
    String tables() {
        return MarkdownReport.tables(results);
    }

    /** The default output directory: {@code jmh-results/X.json} -> {@code jmh-results/X-report/}. */
    static Path defaultDirectory(Path firstFile) {
        String name = firstFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return firstFile.resolveSibling(base + "-report"); // beside it, and as relative as it is
    }

    /** Writes README.md and the SVG charts; returns the files written. */
    List<Path> writeTo(Path directory, BarChart.ScaleChoice scale) throws IOException {
        Files.createDirectories(directory);
        List<Charts.Chart> charts = Charts.all(results, scale);
        List<Path> written = new ArrayList<>();
        Path readme = directory.resolve("README.md");
        Files.writeString(readme, MarkdownReport.build(files, results, machines, charts, warnings), StandardCharsets.UTF_8);
        written.add(readme);
        for (Charts.Chart chart : charts) {
            Path file = directory.resolve(chart.fileName());
            Files.writeString(file, chart.svg(), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}
