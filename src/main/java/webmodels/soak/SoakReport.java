package webmodels.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The soak's report: one table row per model, then its RSS samples, expected outcomes and problems. */
final class SoakReport {

    private SoakReport() {
    }

    static void print(List<SoakResult> results, Duration sampleInterval, PrintStream out) {
        out.println();
        out.println(row("model", "answered", "failed", "expected", "unexpected", "descriptors", "threads", "RSS MiB first->last (max)", "verdict"));
        for (SoakResult result : results) {
            out.println(row(result));
        }
        out.println();
        out.printf(Locale.ROOT, "RSS MiB, one sample every %d s of the measured load:%n", sampleInterval.toSeconds());
        for (SoakResult result : results) {
            out.printf(Locale.ROOT, "  %-22s %s%n", result.model(),
                    result.samples().stream().map(s -> Long.toString(s.rssMiB())).collect(Collectors.joining(" ")));
        }
        out.println();
        out.println("expected outcomes of the rude clients:");
        for (SoakResult result : results) {
            Map<String, Long> expected = result.tally().expectedByOutcome();
            out.printf(Locale.ROOT, "  %-22s %s%n", result.model(), expected.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        List<SoakResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            out.println();
            out.println("soak: PASSED, every model");
            return;
        }
        out.println();
        out.println("problems:");
        for (SoakResult result : failed) {
            out.printf(Locale.ROOT, "  %s: %s%n", result.model(), String.join("; ", result.problems()));
            for (String problem : result.tally().problemsWithDetails()) {
                out.printf(Locale.ROOT, "    %s%n", problem);
            }
        }
        out.println();
        out.println("soak: FAILED: " + failed.stream().map(SoakResult::model).collect(Collectors.joining(", ")));
    }

    static String row(SoakResult result) {
        Tally tally = result.tally();
        String rss = result.samples().isEmpty() ? "-" : String.format(Locale.ROOT, "%d->%d (%d)",
                result.samples().getFirst().rssMiB(), result.samples().getLast().rssMiB(), result.maxRssBytes() >> 20);
        return row(result.model(), Long.toString(tally.answered()), Long.toString(tally.failedRequests()),
                Long.toString(tally.expectedOutcomes()), Long.toString(tally.unexpectedOutcomes()),
                result.before().descriptors() + "->" + result.after().descriptors(),
                result.before().threads() + "->" + result.after().threads(), rss, result.passed() ? "ok" : "FAILED");
    }

    private static String row(String model, String answered, String failed, String expected, String unexpected,
                              String descriptors, String threads, String rss, String verdict) {
        return String.format(Locale.ROOT, "%-22s %10s %7s %9s %11s %12s %9s %26s  %s",
                model, answered, failed, expected, unexpected, descriptors, threads, rss, verdict);
    }

    /** "60 s" or "10 min". */
    static String minutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 && duration.toMinutes() > 1
                ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
