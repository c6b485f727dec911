package webmodels.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ranking ({@link Ranking}) as the report's leading table and as the terminal's closing lines:
 * one row per model with its goodput (median over forks or rounds, and their spread), the
 * close-per-request goodput of the same client, a p99 latency where the run has one, the server's
 * CPU time per request, failures, and flags.
 */
final class RankingTable {

    /** Below this many forks a t interval over fork means is too wide to say anything (t = 12.7 with 2). */
    static final int MIN_FORKS_FOR_INTERVAL = 4;

    private RankingTable() {
    }

    /** The close-per-request method that goes with a keep-alive one. */
    static String closeMethodOf(String keepAliveMethod) {
        return switch (keepAliveMethod) {
            case Summary.SELECTOR_KEEP_ALIVE -> Summary.SELECTOR_CLOSE_PER_REQUEST;
            case Summary.RAW_KEEP_ALIVE -> Summary.RAW_CLOSE_PER_REQUEST;
            default -> Summary.CLOSE_PER_REQUEST;
        };
    }

    /** Which client a method measures with, in words. */
    static String clientOf(String method) {
        return switch (method) {
            case Summary.SELECTOR_KEEP_ALIVE, Summary.SELECTOR_CLOSE_PER_REQUEST ->
                    "the selector client (one thread, `connections` requests in flight): the server's view";
            case Summary.RAW_KEEP_ALIVE, Summary.RAW_CLOSE_PER_REQUEST -> "the raw-socket client";
            default -> "HttpClient 5: an application client's view, not the server's";
        };
    }

    /** The flags of one model: figures to read with care, each with its reason in the notes. */
    static List<String> flags(Ranking ranking, Ranking.Entry entry) {
        List<String> flags = new ArrayList<>();
        if (entry.counters().anyFailed()) {
            flags.add("FAILED " + entry.counters().failuresText());
        }
        if (entry.cold()) {
            flags.add("cold");
        }
        if (entry.clientSaturated()) {
            flags.add("client-saturated");
        } else if (entry.clientBound()) {
            flags.add("client-bound");
        }
        if (entry.forks() < 2) {
            flags.add("one fork: no spread");
        }
        List<String> ties = ranking.tiesOf(entry);
        if (!ties.isEmpty()) {
            flags.add("tie: " + String.join(", ", ties));
        }
        return flags;
    }

    /** A p99 latency for the model: open loop when the run has one, else HttpClient's closed-loop sample; "—" otherwise. */
    static String p99(Results results, String model) {
        Optional<JmhResult> openLoop = results.all().stream()
                .filter(r -> r.model().equals(model) && OpenLoopTable.isOpenLoop(r) && results.atBaseline(r))
                .findFirst();
        if (openLoop.isPresent()) {
            Metric p99 = openLoop.get().metric("latencyP99");
            if (p99 != null && p99.unit().equals("us")) {
                return Format.timeWithUnit(p99.score() * 1e-6) + " open loop";
            }
        }
        Optional<JmhResult> sample = results.baselineResult(model, Summary.KEEP_ALIVE, Results.SAMPLE);
        if (sample.isPresent()) {
            Metric m = sample.get().primary();
            return Format.timeWithUnit(Units.secondsPerOp(m.percentile(99.0), m.unit())) + " closed loop";
        }
        return Format.MISSING;
    }

    static String markdown(Ranking ranking, Results results) {
        Ranking close = Ranking.of(results, closeMethodOf(ranking.method()));
        Optional<Ranking.Entry> reference = Ranking.reference(results, ranking.method());
        Optional<Ranking.Entry> closeReference = Ranking.reference(results, close.method());
        MarkdownTable table = new MarkdownTable(
                List.of("#", "model", "keep-alive goodput (req/s), median", "spread over forks (min – max)",
                        "95 % interval of the mean", "close-per-request (req/s), median", "p99",
                        "server CPU µs / request (keep-alive / close)",
                        "server CPU × " + Ranking.REFERENCE + " (keep-alive / close)", "client CPU µs / request", "flags"),
                List.of(true, false, true, true, true, true, true, true, true, true, false));
        int rank = 1;
        for (Row row : rows(ranking, close, reference, closeReference)) {
            Ranking.Entry entry = row.entry();
            Optional<Ranking.Entry> closing = row.closing();
            boolean isReference = row.isReference();
            table.add(List.of(
                    isReference ? "ref." : Integer.toString(rank++),
                    isReference ? entry.model() + " (C, the floor; not ranked)" : entry.model(),
                    Format.number(entry.median()),
                    entry.forks() < 2 ? Format.MISSING : Format.number(entry.low()) + " – " + Format.number(entry.high()),
                    entry.forks() >= MIN_FORKS_FOR_INTERVAL ? "± " + Format.number(entry.halfInterval()) : Format.MISSING,
                    closing.map(e -> Format.number(e.median())).orElse(Format.MISSING),
                    p99(results, entry.model()),
                    Summary.cpu(entry.counters().serverCpuMicrosPerRequest()) + " / "
                            + closing.map(e -> Summary.cpu(e.counters().serverCpuMicrosPerRequest())).orElse(Format.MISSING),
                    times(entry.counters().serverCpuMicrosPerRequest(), reference) + " / "
                            + closing.map(e -> times(e.counters().serverCpuMicrosPerRequest(), closeReference)).orElse(Format.MISSING),
                    Summary.cpu(entry.counters().clientCpuMicrosPerRequest()),
                    String.join("; ", flagsOf(ranking, row))));
        }
        return table.toString();
    }

    /** One row of the table: a ranked model or, last, the reference; with its close-per-request figures if any. */
    private record Row(Ranking.Entry entry, Optional<Ranking.Entry> closing, boolean isReference) {
    }

    /** The ranked models in order, then the reference when the run has it. */
    private static List<Row> rows(Ranking ranking, Ranking close, Optional<Ranking.Entry> reference,
                                  Optional<Ranking.Entry> closeReference) {
        List<Row> rows = new ArrayList<>();
        for (Ranking.Entry entry : ranking.entries()) {
            rows.add(new Row(entry, close.entries().stream().filter(e -> e.model().equals(entry.model())).findFirst(), false));
        }
        reference.ifPresent(entry -> rows.add(new Row(entry, closeReference, true)));
        return rows;
    }

    private static List<String> flagsOf(Ranking ranking, Row row) {
        return row.isReference() ? referenceFlags(row.entry()) : flags(ranking, row.entry());
    }

    /** A multiple of the reference's figure: 1.2×; "—" without a reference. */
    static String times(double micros, Optional<Ranking.Entry> reference) {
        double ratio = Ranking.timesReference(micros, reference);
        return Double.isFinite(ratio) ? Format.significant(ratio, 3) + "×" : Format.MISSING;
    }

    /** The reference's own flags: failures and a client that set the pace; it has no rank, so no tie. */
    private static List<String> referenceFlags(Ranking.Entry entry) {
        List<String> flags = new ArrayList<>();
        if (entry.counters().anyFailed()) {
            flags.add("FAILED " + entry.counters().failuresText());
        }
        if (entry.clientSaturated()) {
            flags.add("client-saturated");
        }
        return flags;
    }

    static final String NOTES = """
            - **goodput**: successful requests per second. Each fork's (an interleaved run's round's) mean, then the \
            median over forks; a failed request does not count, and a row with any is flagged **FAILED**.
            - **spread**: the lowest and the highest fork mean. Forks run apart in time and the machine drifts, so \
            this, not JMH's ± over iterations, says how far a figure holds. **tie**: the spreads of two models \
            overlap; their order is not a finding.
            - **× c-epoll**: the model's server CPU per request over the reference's, measured in the same run \
            (a C epoll responder in the middle of every round, shown last and not ranked): how far the model is \
            from the C floor in this run. It does not correct for the machine's speed: measured, the C responder \
            and the JVM models do not drift alike (docs/method.md).
            - **95 % interval**: of the mean, Student's t over the fork means; shown from 4 forks on.
            - **p99**: from the open-loop run when there is one (latency from each request's intended send time); \
            otherwise HttpClient's SampleTime, a **closed-loop** latency that includes the client threads' own \
            scheduling; "—" when the run has neither.
            - **cold**: the last measurement iteration was more than 10 % above the first (median over forks): \
            still warming up. **client-saturated**: the one client thread was busy 90 % of a core or more, so the \
            client set the pace. **client-bound**: the client spent at least as much CPU per request as the server.
            """;

    /** The terminal's closing lines: a header, one line per model, a line on the CPU basis. */
    static List<String> terminalLines(Ranking ranking, Results results) {
        Ranking close = Ranking.of(results, closeMethodOf(ranking.method()));
        Optional<Ranking.Entry> reference = Ranking.reference(results, ranking.method());
        Optional<Ranking.Entry> closeReference = Ranking.reference(results, close.method());
        List<String> lines = new ArrayList<>();
        lines.add("Ranked by keep-alive goodput (req/s), " + shortClientOf(ranking.method()) + "; median over "
                + forksText(ranking) + ", (spread) = lowest-highest round; close = close-per-request goodput:");
        lines.add(String.format(Locale.ROOT, "%2s %-22s %10s %-19s %9s %13s %13s %6s %7s  %s",
                "#", "model", "req/s", "(spread)", "close", "p99", "srv CPU µs/req", "×C", "failed", "flags"));
        int rank = 1;
        for (Row row : rows(ranking, close, reference, closeReference)) {
            Ranking.Entry entry = row.entry();
            Optional<Ranking.Entry> closing = row.closing();
            boolean isReference = row.isReference();
            String spread = entry.forks() < 2 ? "" : "(" + Format.compact(entry.low()) + "-" + Format.compact(entry.high()) + ")";
            long failed = Math.round(entry.counters().failures() + closing.map(e -> e.counters().failures()).orElse(0.0));
            List<String> flags = flagsOf(ranking, row);
            flags.removeIf(flag -> flag.startsWith("FAILED"));
            if (isReference) {
                flags.add(0, "reference (C): not ranked");
            }
            lines.add(String.format(Locale.ROOT, "%2s %-22s %10s %-19s %9s %13s %6s / %-6s %6s %7s  %s",
                    isReference ? "" : Integer.toString(rank++), entry.model(), Format.number(entry.median()), spread,
                    closing.map(e -> Format.number(e.median())).orElse(Format.MISSING),
                    p99(results, entry.model()).replace(" open loop", " open").replace(" closed loop", " closed"),
                    Summary.cpu(entry.counters().serverCpuMicrosPerRequest()),
                    closing.map(e -> Summary.cpu(e.counters().serverCpuMicrosPerRequest())).orElse(Format.MISSING),
                    times(entry.counters().serverCpuMicrosPerRequest(), reference), failed, String.join("; ", flags)));
        }
        lines.add("server CPU µs/request (keep-alive / close): " + CpuBasis.of(results) + ".");
        reference.ifPresent(r -> lines.add("×C: keep-alive server CPU per request over " + Ranking.REFERENCE
                + "'s, a C epoll responder measured in every round of this run: the distance to the C floor here."));
        return lines;
    }

    private static String shortClientOf(String method) {
        return switch (method) {
            case Summary.SELECTOR_KEEP_ALIVE -> "selector client (the server's view)";
            case Summary.RAW_KEEP_ALIVE -> "raw-socket client";
            default -> "HttpClient 5 (an application client's view)";
        };
    }

    private static String forksText(Ranking ranking) {
        int min = ranking.entries().stream().mapToInt(Ranking.Entry::forks).min().orElse(0);
        int max = ranking.entries().stream().mapToInt(Ranking.Entry::forks).max().orElse(0);
        return (min == max ? Integer.toString(min) : min + "-" + max) + " rounds (forks)";
    }
}
