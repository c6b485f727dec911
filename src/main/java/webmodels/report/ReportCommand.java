package webmodels.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code report [--out DIR] [--scale auto|log|linear] [FILE.json ...]}: a README.md with tables
 * and SVG charts from JMH JSON results (by default the newest file in {@code jmh-results/}), the
 * summary table also on stdout. {@code report --compare BEFORE.json AFTER.json}: ratios of two
 * runs, with differences inside the measurement error marked as such.
 */
public final class ReportCommand {

    static final String USAGE = """
            usage: report [--out DIR] [--scale auto|log|linear] [FILE.json ...]
                   report --compare BEFORE.json AFTER.json
              FILE defaults to the newest jmh-results/*.json; DIR to <FILE without .json>-report/ beside it.
              --scale: throughput axes; auto (the default) is log when bars differ more than 20 times.""";

    private ReportCommand() {
    }

    public static int run(String[] args) {
        return run(args, Path.of("jmh-results"), System.out, System.err);
    }

    static int run(String[] args, Path resultsDirectory, PrintStream out, PrintStream err) {
        Path outDir = null;
        BarChart.ScaleChoice scale = BarChart.ScaleChoice.AUTO;
        boolean compare = false;
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> outDir = Path.of(value(args, ++i, "--out"));
                    case "--scale" -> scale = parseScale(value(args, ++i, "--scale"));
                    case "--compare" -> compare = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (compare && (files.size() != 2 || outDir != null)) {
                throw new IllegalArgumentException("--compare takes exactly two files, BEFORE and AFTER");
            }
        } catch (IllegalArgumentException e) {
            err.println("report: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            if (compare) {
                out.print(Compare.markdown(JmhResults.read(files.get(0)), JmhResults.read(files.get(1))));
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
            Path directory = outDir != null ? outDir : Report.defaultDirectory(files.get(0));
            List<Path> written = report.writeTo(directory, scale);
            out.print(report.summaryTable());
            report.warnings().forEach(w -> err.println("report: note: " + w));
            out.println();
            written.forEach(f -> out.println("wrote " + f));
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

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static BarChart.ScaleChoice parseScale(String value) {
        try {
            return BarChart.ScaleChoice.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scale is auto, log or linear, not " + value);
        }
    }
}
