package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ReportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesReadmeAndChartsBesideTheFileAndPrintsTheSummary() throws IOException {
        Path results = Fixtures.copy(Fixtures.FIXTURE, dir, "20250101-120000-quick.json");
        Fixtures.copy("fixture.machine.json", dir, "20250101-120000-quick.machine.json");

        assertEquals(0, run(results.toString()));

        Path report = dir.resolve("20250101-120000-quick-report");
        assertEquals(List.of("README.md", "latency-keep-alive.svg", "open-loop-rate-reactor.svg", "open-loop-server-cpu.svg",
                "open-loop-spectrum-reactor.svg", "open-loop-spectrum-virtual-threads.svg", "sweep-select-keep-alive.svg",
                "sweep-work-keep-alive.svg", "throughput-selector.svg", "throughput.svg"), list(report));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.startsWith("|   # | model "), "the ranking leads: " + stdout);
        assertTrue(stdout.contains("| reactor |"), "the one model with the selector client: " + stdout);
        assertTrue(stdout.contains("wrote " + report.resolve("README.md")), stdout);
        String readme = Files.readString(report.resolve("README.md"));
        assertTrue(readme.contains("./run-bench.sh --profile quick"), "the command from the machine file");
        assertTrue(readme.contains("| CPUs       | 2 "), readme);
    }

    @Test
    void defaultsToTheNewestResultFile() throws IOException {
        Fixtures.copy(Fixtures.GENERATED, dir, "20240101-000000-old.json");
        Fixtures.copy(Fixtures.FIXTURE, dir, "20250101-120000-new.json");
        Fixtures.copy("fixture.machine.json", dir, "20260101-000000-newest.machine.json");

        assertEquals(0, ReportCommand.run(new String[0], dir, print(out), print(err)));

        assertTrue(Files.isRegularFile(dir.resolve("20250101-120000-new-report/README.md")));
        assertTrue(Files.notExists(dir.resolve("20240101-000000-old-report")));
    }

    @Test
    void outChoosesTheDirectory() throws IOException {
        Path results = Fixtures.copy(Fixtures.GENERATED, dir, "r.json");
        Path target = dir.resolve("elsewhere/deeper");

        assertEquals(0, run("--out", target.toString(), "--scale", "linear", results.toString()));

        assertTrue(Files.isRegularFile(target.resolve("README.md")));
        String readme = Files.readString(target.resolve("README.md"));
        assertTrue(readme.contains("No `.machine.json` beside the result file"), readme);
    }

    @Test
    void severalFilesMakeOneReportAndTheLaterFileWins() throws IOException {
        Path first = Fixtures.copy(Fixtures.FIXTURE, dir, "a.json");
        Path second = Fixtures.copy(Fixtures.FIXTURE, dir, "b.json");

        assertEquals(0, run(first.toString(), second.toString()));

        String readme = Files.readString(dir.resolve("a-report/README.md"));
        assertTrue(readme.contains("From `a.json`, `b.json`"), readme);
        assertTrue(readme.contains("is in more than one file; the report uses b.json"), readme);
    }

    @Test
    void compareMode() throws IOException {
        Path before = Fixtures.copy(Fixtures.FIXTURE, dir, "before.json");
        Path after = Fixtures.copy(Fixtures.FIXTURE, dir, "after.json");

        assertEquals(0, run("--compare", before.toString(), after.toString()));

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.contains("| 1×") || stdout.contains(" 1× |"), stdout);
        assertTrue(stdout.contains("within error"), stdout);
        assertEquals(List.of("after.json", "before.json"), list(dir), "compare writes nothing");
    }

    @Test
    void markdownPrintsTheTablesAndWritesNothing() throws IOException {
        Path results = Fixtures.copy(Fixtures.FIXTURE, dir, "r.json");

        assertEquals(0, run("--markdown", results.toString()));

        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.startsWith("**HttpClient 5**"), stdout);
        assertTrue(stdout.contains("**Selector client**") && stdout.contains("| process-per-request |"), stdout);
        assertTrue(stdout.contains("**work: "), "a sweep's table: " + stdout);
        assertTrue(!stdout.contains("![") && !stdout.contains("## Machine") && !stdout.contains("Footprint"),
                "tables only: " + stdout);
        assertEquals(List.of("r.json"), list(dir), "markdown writes nothing");
        assertEquals(2, run("--markdown"));
    }

    @Test
    void badArgumentsPrintUsageAndExitTwo() {
        assertEquals(2, run("--compare", "only-one.json"));
        assertEquals(2, run("--scale", "cubic", "x.json"));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run("--out"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: report"));
    }

    @Test
    void noResultsToDefaultToExitsTwo() {
        assertEquals(2, ReportCommand.run(new String[0], dir.resolve("missing"), print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no result file named"));
    }

    @Test
    void unreadableOrMalformedFilesExitOneNamingTheFile() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[ {\"benchmark\": ");
        assertEquals(1, run(broken.toString()));
        assertEquals(1, run(dir.resolve("absent.json").toString()));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("broken.json") && stderr.contains("absent.json"), stderr);
    }

    private int run(String... args) {
        return ReportCommand.run(args, dir, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
