package webmodels.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report [--out DIR] [--scale auto|log|linear] [FILE.json ...]}: a README.md with tables
 * and SVG charts from JMH JSON results (by default the newest file in {@code jmh-results/}), the
 * summary table also on stdout. {@code report --compare BEFORE.json AFTER.json}: ratios of two
 * runs, with differences inside the measurement error marked as such. {@code report --markdown
 * FILE.json ...}: the report's tables on stdout, for the docs, nothing written.
 */
@Command(name = "report", sortOptions = false, synopsisHeading = "usage: ",
        customSynopsis = {"report [--out DIR] [--scale auto|log|linear] [FILE.json ...]",
                "       report --compare BEFORE.json AFTER.json",
                "       report --markdown FILE.json ..."},
        description = "README.md and SVG charts from JMH JSON results, the summary table also on stdout.")
public final class ReportCommand implements Callable<Integer> {

    // The options, all here.
    @Option(names = "--out", paramLabel = "DIR",
            description = "where to write; default: <FILE without .json>-report/ beside the first FILE")
    Path outDir;

    @Option(names = "--scale", paramLabel = "SCALE", defaultValue = "auto", converter = ScaleConverter.class,
            description = "throughput axes: auto (log when bars differ more than 20 times), log or linear")
    BarChart.ScaleChoice scale;

    @Option(names = "--compare", description = "print after/before ratios of two files, noise flagged; writes nothing")
    boolean compare;

    @Option(names = "--markdown", description = "print the report's tables for the files as Markdown; writes nothing")
    boolean markdown;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Parameters(paramLabel = "FILE.json", arity = "0..*",
            description = "JMH JSON results; default: the newest jmh-results/*.json")
    List<Path> files = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Path resultsDirectory;

    /** A report command that defaults to the newest result file in {@code jmh-results/}. */
    public ReportCommand() {
        this(Path.of("jmh-results"));
    }

    /** A report command that defaults to the newest result file in {@code resultsDirectory}. */
    public ReportCommand(Path resultsDirectory) {
        this.resultsDirectory = resultsDirectory;
    }

    /** Runs {@code report} with {@code args}; returns the exit status. */
    static int run(String[] args, Path resultsDirectory, PrintStream out, PrintStream err) {
        return new CommandLine(new ReportCommand(resultsDirectory))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (compare && (files.size() != 2 || outDir != null || markdown)) {
            throw new ParameterException(spec.commandLine(), "--compare takes exactly two files, BEFORE and AFTER");
        }
        if (markdown && (files.isEmpty() || outDir != null)) {
            throw new ParameterException(spec.commandLine(), "--markdown takes one or more files and writes nothing");
        }
        try {
            if (compare) {
                out.print(Compare.markdown(JmhResults.read(files.get(0)), JmhResults.read(files.get(1))));
                out.flush();
                return 0;
            }
            if (files.isEmpty()) {
                Optional<Path> newest = newestResults(resultsDirectory);
                if (newest.isEmpty()) {
                    err.println("report: no result file named and no " + resultsDirectory + "/*.json to default to");
                    return 2;
                }
                files.add(newest.get());
            }
            Report report = Report.read(files);
            if (report.results().isEmpty()) {
                err.println("report: " + files + " hold no results");
                return 1;
            }
            if (markdown) {
                out.print(report.tables());
                report.warnings().forEach(w -> err.println("report: note: " + w));
                out.flush();
                return 0;
            }
            Path directory = outDir != null ? outDir : Report.defaultDirectory(files.get(0));
            List<Path> written = report.writeTo(directory, scale);
            out.print(report.summaryTable());
            report.warnings().forEach(w -> err.println("report: note: " + w));
            out.println();
            written.forEach(f -> out.println("wrote " + f));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("report: " + e.getMessage());
            return 1;
        }
    }

    /** The newest result file by the timestamp its name starts with (yyyyMMdd-HHmmss-profile.json). */
    static Optional<Path> newestResults(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".json") && !name.endsWith(".machine.json") && Files.isRegularFile(f);
            }).max(Comparator.comparing(f -> f.getFileName().toString()));
        }
    }

    /** auto, log or linear, in any case. */
    static final class ScaleConverter implements CommandLine.ITypeConverter<BarChart.ScaleChoice> {
        @Override
        public BarChart.ScaleChoice convert(String value) {
            try {
                return BarChart.ScaleChoice.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("auto, log or linear, not " + value);
            }
        }
    }
}
