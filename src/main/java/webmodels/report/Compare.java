package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two result files side by side: for every measurement in both (same benchmark, mode and
 * parameters) the ratio after/before, and whether the difference is larger than the two
 * measurements' errors together. A difference inside that is noise, whatever the ratio says.
 */
final class Compare {

    enum Verdict {
        BETTER("better"), WORSE("worse"), HIGHER("higher"), LOWER("lower"),
        WITHIN_ERROR("within error"), NO_ERROR_ESTIMATE("no error estimate"), NOT_COMPARABLE("units differ");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    record Line(JmhResult before, JmhResult after, double ratio, Verdict verdict) {
    }

    private Compare() {
    }

    static List<Line> lines(List<JmhResult> before, List<JmhResult> after) {
        Map<String, JmhResult> afterByKey = byKey(after);
        List<Line> lines = new ArrayList<>();
        for (JmhResult b : byKey(before).values()) {
            JmhResult a = afterByKey.get(b.key());
            if (a != null) {
                lines.add(line(b, a));
            }
        }
        lines.sort(Comparator.comparingInt(l -> ModelNames.order(l.before().model())));
        return lines;
    }

    static Line line(JmhResult before, JmhResult after) {
        Metric b = before.primary();
        Metric a = after.primary();
        double bScore = Units.normalized(b.score(), b.unit());
        double aScore = Units.normalized(a.score(), a.unit());
        boolean sameScale = b.unit().equals(a.unit())
                || (Units.isRate(b.unit()) && Units.isRate(a.unit()))
                || (Units.isTimePerOp(b.unit()) && Units.isTimePerOp(a.unit()));
        if (!sameScale) {
            return new Line(before, after, Double.NaN, Verdict.NOT_COMPARABLE);
        }
        double ratio = aScore / bScore;
        double combinedError = Units.normalized(b.error(), b.unit()) + Units.normalized(a.error(), a.unit());
        if (!Double.isFinite(combinedError)) {
            return new Line(before, after, ratio, Verdict.NO_ERROR_ESTIMATE);
        }
        if (Math.abs(aScore - bScore) <= combinedError) {
            return new Line(before, after, ratio, Verdict.WITHIN_ERROR);
        }
        boolean higher = aScore > bScore;
        Verdict verdict;
        if (Units.isRate(a.unit())) {
            verdict = higher ? Verdict.BETTER : Verdict.WORSE;
        } else if (Units.isTimePerOp(a.unit())) {
            verdict = higher ? Verdict.WORSE : Verdict.BETTER;
        } else {
            verdict = higher ? Verdict.HIGHER : Verdict.LOWER;
        }
        return new Line(before, after, ratio, verdict);
    }

    /** Measurements of {@code results} that {@code other} does not have. */
    static List<JmhResult> missingFrom(List<JmhResult> results, List<JmhResult> other) {
        Map<String, JmhResult> otherByKey = byKey(other);
        return byKey(results).values().stream().filter(r -> !otherByKey.containsKey(r.key())).toList();
    }

    static String markdown(List<JmhResult> before, List<JmhResult> after) {
        MarkdownTable table = new MarkdownTable(
                List.of("model", "method", "mode", "params", "before", "failed", "after", "failed", "after / before", "verdict"),
                List.of(false, false, false, false, true, true, true, true, true, false));
        for (Line line : lines(before, after)) {
            JmhResult b = line.before();
            JmhResult a = line.after();
            table.add(List.of(b.model(), b.method(), b.mode(), params(b), Format.score(b.primary()),
                    Summary.failed(Counters.of(b)), Format.score(a.primary()), Summary.failed(Counters.of(a)),
                    Double.isFinite(line.ratio()) ? Format.significant(line.ratio(), 3) + "×" : Format.MISSING,
                    line.verdict() == Verdict.WITHIN_ERROR ? line.verdict().text : "**" + line.verdict().text + "**"));
        }
        StringBuilder sb = new StringBuilder(table.toString());
        sb.append("\nwithin error: |after - before| <= error(before) + error(after), JMH's 99.9 % intervals.\n");
        appendMissing(sb, "only in before", missingFrom(before, after));
        appendMissing(sb, "only in after", missingFrom(after, before));
        return sb.toString();
    }

    private static void appendMissing(StringBuilder sb, String label, List<JmhResult> results) {
        for (JmhResult r : results) {
            sb.append(label).append(": ").append(r.model()).append(' ').append(r.method()).append(' ').append(r.mode())
                    .append(r.scenario().isEmpty() ? "" : " " + params(r)).append('\n');
        }
    }

    private static String params(JmhResult result) {
        List<String> parts = new ArrayList<>();
        result.scenario().forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? Format.MISSING : String.join(", ", parts);
    }

    private static Map<String, JmhResult> byKey(List<JmhResult> results) {
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        results.forEach(r -> byKey.put(r.key(), r));
        return byKey;
    }
}
