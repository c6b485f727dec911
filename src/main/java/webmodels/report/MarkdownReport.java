package webmodels.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The README.md of a report directory: summary, charts, sweeps, footprint, every result, run settings, machine. */
final class MarkdownReport {

    /** JMH adds the sample-mode percentiles as secondary metrics named p0.50, p0.999, ... */
    private static final Pattern SAMPLE_PERCENTILE = Pattern.compile("p\\d\\.\\d+");

    private MarkdownReport() {
    }

    static String build(List<Path> files, Results results, List<MachineFacts> machines, List<Charts.Chart> charts,
                        List<String> warnings) {
        StringBuilder md = new StringBuilder();
        md.append("# webmodels benchmark report\n\n");
        md.append("From ").append(String.join(", ", files.stream().map(f -> "`" + f.getFileName() + "`").toList()))
                .append(" (JMH JSON), written by `webmodels.cli.Main report`.\n\n");
        for (String warning : warnings) {
            md.append("> **Note:** ").append(warning).append("\n\n");
        }
        ranking(md, results);
        for (Charts.Chart chart : charts) {
            if (!chart.fileName().startsWith("sweep-") && !chart.fileName().startsWith(OpenLoopCharts.PREFIX)) {
                md.append("![").append(chart.title()).append("](").append(chart.fileName()).append(")\n\n");
            }
        }
        selectorClient(md, results);
        summary(md, results);
        rawClient(md, results);
        openLoop(md, results, charts);
        sweeps(md, results, charts);
        footprint(md, results);
        allResults(md, results);
        runSettings(md, results);
        machine(md, files, machines);
        return md.toString();
    }

    /**
     * The report's tables alone, each under a bold title: what the docs quote, generated from the
     * JSON instead of typed. The clients' summaries, the open loop and the sweeps; no charts, prose,
     * footprint (too wide to quote), every-result table, run settings or machine.
     */
    static String tables(Results results) {
        StringBuilder md = new StringBuilder();
        table(md, "HttpClient 5", Summary.rows(results));
        table(md, "Raw client", Summary.rows(results, Summary.RAW_KEEP_ALIVE, Summary.RAW_CLOSE_PER_REQUEST));
        table(md, "Selector client", Summary.rows(results, Summary.SELECTOR_KEEP_ALIVE, Summary.SELECTOR_CLOSE_PER_REQUEST));
        List<JmhResult> openLoop = OpenLoopTable.rows(results);
        if (!openLoop.isEmpty()) {
            md.append("**Open loop**\n\n").append(OpenLoopTable.markdown(openLoop)).append('\n');
        }
        sweepTables(md, results, List.of(), "**");
        return md.toString();
    }

    private static void table(StringBuilder md, String title, List<Summary.Row> rows) {
        if (!rows.isEmpty()) {
            md.append("**").append(title).append("**\n\n").append(Summary.markdown(rows)).append('\n');
        }
    }

    /** The leading table: the models ranked by the client that measures the server best, ties marked. */
    private static void ranking(StringBuilder md, Results results) {
        Ranking.lead(results).ifPresent(ranking -> {
            md.append("## Ranking\n\n");
            md.append("Keep-alive goodput with ").append(RankingTable.clientOf(ranking.method())).append(", at ")
                    .append(Charts.baselineText(results)).append(". Server CPU time per request: ")
                    .append(CpuBasis.of(results)).append(".\n\n");
            md.append(RankingTable.markdown(ranking, results)).append('\n');
            md.append(RankingTable.NOTES).append('\n');
        });
    }

    private static void summary(StringBuilder md, Results results) {
        List<Summary.Row> rows = Summary.rows(results);
        if (rows.isEmpty()) {
            return;
        }
        md.append("## An application client's view: HttpClient 5\n\n");
        md.append("One row per model at ").append(Charts.baselineText(results)).append(", measured with Apache ")
                .append("HttpClient 5 on 8 threads, a client as applications use it. It spends more CPU per request ")
                .append("than most servers here, so these figures are the client's view, not the server's: ")
                .append("the ranking above is the server's.\n\n");
        md.append(Summary.markdown(rows)).append('\n');
        md.append("""
                - **req/s**: goodput, JMH throughput mode times the share of requests that succeeded, summed over all \
                client threads; `±` is JMH's 99.9 % confidence interval over iterations (left out when JMH had too few \
                iterations for one), which takes no account of drift between forks.
                - **failed**: requests that failed (non-200, wrong body, refused, reset, timeout, closed early) in all \
                runs of that method (throughput and sample mode), with their share of all requests sent. Failed \
                requests are counted, never retried silently; a throughput with failures is not comparable to one \
                without.
                - **closed-loop p50, p99, p99.9**: request latency from JMH sample mode, keep-alive connections: each \
                thread sends its next request only when the last one is answered, so a stall delays fewer requests \
                than it would in an open loop, and the client threads' own scheduling is part of every figure.
                - **connections / request**: TCP connections the client opened per request: near 0 when keep-alive \
                works, 1 when every request needs its own connection.
                - **server CPU, client CPU µs / request**: CPU time (user + system) over the same span as the requests, \
                divided by them. Server: """ + CpuBasis.of(results) + """
                ; client: the benchmark threads (and the open-loop driver's connection threads). When the client's figure is near the server's or above it, the run measured the client \
                as much as the server: compare with the raw client.
                - **—**: not run; **n/a**: the benchmark did not count it.

                """);
    }

    private static void rawClient(StringBuilder md, Results results) {
        clientSection(md, Summary.rows(results, Summary.RAW_KEEP_ALIVE, Summary.RAW_CLOSE_PER_REQUEST), "Raw client",
                "The same columns with the lean raw-socket client (`rawKeepAlive`, `rawClosePerRequest`): one blocking "
                        + "socket and one pre-encoded request per thread instead of HttpClient 5, so that less CPU goes to the client.");
    }

    private static void selectorClient(StringBuilder md, Results results) {
        clientSection(md, Summary.rows(results, Summary.SELECTOR_KEEP_ALIVE, Summary.SELECTOR_CLOSE_PER_REQUEST),
                "Selector client",
                "The same columns with the event-driven client (`selectorKeepAlive`, `selectorClosePerRequest`): one "
                        + "thread keeps `connections` requests in flight through one selector, as `wrk -t1` and `ab` do, "
                        + "so that the least CPU goes to the client. Throughput only: an operation is the next of several "
                        + "responses in flight, not one request's latency.");
    }

    private static void clientSection(StringBuilder md, List<Summary.Row> rows, String title, String description) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        md.append(description).append("\n\n");
        md.append(Summary.markdown(rows)).append('\n');
    }

    private static void openLoop(StringBuilder md, Results results, List<Charts.Chart> charts) {
        List<JmhResult> rows = OpenLoopTable.rows(results);
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Open loop\n\n");
        md.append("""
                Requests sent at a fixed rate whatever the server does (`openLoop`, one run per iteration), latency \
                measured from each request's intended send time, so a stall counts for every request it delays \
                (no coordinated omission).

                """);
        md.append(OpenLoopTable.markdown(rows)).append('\n');
        md.append("""
                - **rate**: requests per second asked for, over **connections** keep-alive connections; **achieved**: \
                successful responses per second (mean over iterations, `±` JMH's 99.9 % confidence interval).
                - **p50 … max**: latency of every request due, from the histograms of every iteration and fork \
                merged; failed requests at their failure, unsent ones at the run's end, so that a percentile reaching \
                them is a lower bound, marked **≥** (older JSON: successful requests only, and before webmodels \
                merged histograms, the mean of each iteration's percentile).
                - **sent**: requests sent and finished; **late**: sent after their intended time because their connection \
                was still busy; **unsent**: due but not sent when the run ended, the server having fallen that far behind.
                - **failed**, **CPU µs / request**: as in the summary.

                """);
        md.append(OpenLoopTable.NOTES).append('\n');
        for (Charts.Chart chart : charts) {
            if (chart.fileName().startsWith(OpenLoopCharts.PREFIX)) {
                md.append("![").append(chart.title()).append("](").append(chart.fileName()).append(")\n\n");
            }
        }
    }

    private static void sweeps(StringBuilder md, Results results, List<Charts.Chart> charts) {
        List<Sweep> sweeps = results.sweeps();
        if (sweeps.isEmpty()) {
            return;
        }
        md.append("## Sweeps\n\n");
        md.append("One parameter varied at a time, every other parameter at its baseline.\n\n");
        sweepTables(md, results, charts, "### ");
    }

    /** One table per sweep, each under {@code heading} (a Markdown heading, or ** for bold), with its chart if drawn. */
    private static void sweepTables(StringBuilder md, Results results, List<Charts.Chart> charts, String heading) {
        for (Sweep sweep : results.sweeps()) {
            String title = sweep.param() + ": " + sweep.method() + " (" + modeName(sweep.mode()) + ")";
            md.append(heading).append(title).append(heading.equals("**") ? "**" : "").append("\n\n");
            List<String> header = new ArrayList<>(List.of("model"));
            List<Boolean> right = new ArrayList<>(List.of(false));
            for (String value : sweep.values()) {
                header.add(sweep.param() + "=" + value);
                right.add(true);
            }
            MarkdownTable table = new MarkdownTable(header, right);
            for (String model : sweep.models()) {
                List<String> row = new ArrayList<>(List.of(model));
                for (String value : sweep.values()) {
                    JmhResult result = sweep.result(model, value);
                    row.add(result == null ? Format.MISSING : scoreWithFailures(result));
                }
                table.add(row);
            }
            md.append(table).append('\n');
            String file = Charts.sweepFileName(sweep);
            for (Charts.Chart chart : charts) {
                if (chart.fileName().equals(file) && sweep.mode().equals(Results.THROUGHPUT)) {
                    md.append("![").append(chart.title()).append("](").append(file).append(")\n\n");
                }
            }
        }
    }

    private static void footprint(StringBuilder md, Results results) {
        List<FootprintTable.Row> rows = FootprintTable.rows(results);
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Footprint\n\n");
        md.append("What each server costs while it serves, and what one idle keep-alive connection costs it ")
                .append("(`-prof webmodels.bench.FootprintProfiler`).\n\n");
        md.append(FootprintTable.markdown(rows)).append('\n');
        md.append(FootprintTable.NOTES).append('\n');
    }

    /** Every result, grouped by method and mode, with every secondary metric: nothing is dropped. */
    private static void allResults(StringBuilder md, Results results) {
        md.append("## All results\n\n");
        Set<String> groups = new LinkedHashSet<>();
        results.all().forEach(r -> groups.add(r.method() + " " + r.mode()));
        for (String group : groups) {
            List<JmhResult> members = results.all().stream()
                    .filter(r -> group.equals(r.method() + " " + r.mode()))
                    .sorted(Comparator.comparingInt(r -> ModelNames.order(r.model())))
                    .toList();
            JmhResult first = members.get(0);
            boolean sample = first.mode().equals(Results.SAMPLE);
            Set<String> others = new LinkedHashSet<>();
            for (JmhResult r : members) {
                for (String name : r.secondary().keySet()) {
                    if (!Counters.isKnown(name) && !(sample && SAMPLE_PERCENTILE.matcher(name).matches())) {
                        others.add(name);
                    }
                }
            }
            md.append("### ").append(first.method()).append(" (").append(modeName(first.mode())).append(")\n\n");
            List<String> header = new ArrayList<>(List.of("model", "params", "score", "requests", "failed",
                    "failure kinds", "connections / request", "server CPU µs / request", "client CPU µs / request"));
            if (sample) {
                header.addAll(List.of("p50", "p90", "p99", "p99.9", "max"));
            }
            header.addAll(others);
            List<Boolean> right = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                right.add(i >= 2 && i != 5);
            }
            MarkdownTable table = new MarkdownTable(header, right);
            for (JmhResult r : members) {
                table.add(allResultsRow(r, sample, others));
            }
            md.append(table).append('\n');
        }
    }

    private static List<String> allResultsRow(JmhResult r, boolean sample, Set<String> others) {
        Counters counters = Counters.of(r);
        Metric primary = r.primary();
        List<String> row = new ArrayList<>(List.of(
                r.model(), params(r.scenario()), Format.score(primary),
                Format.count(counters.requests()), Summary.failed(counters), counters.kindsText(),
                Double.isFinite(counters.connectionsPerRequest())
                        ? Format.significant(counters.connectionsPerRequest(), 2) : Format.MISSING,
                Summary.cpu(counters.serverCpuMicrosPerRequest()), Summary.cpu(counters.clientCpuMicrosPerRequest())));
        if (sample) {
            for (double p : new double[]{50.0, 90.0, 99.0, 99.9, 100.0}) {
                row.add(Format.timeWithUnit(Units.secondsPerOp(primary.percentile(p), primary.unit())));
            }
        }
        for (String name : others) {
            Metric m = r.metric(name);
            row.add(m == null ? Format.MISSING : Format.score(m));
        }
        return row;
    }

    private static String scoreWithFailures(JmhResult result) {
        Counters counters = Counters.of(result);
        Metric m = result.primary();
        String score;
        if (OpenLoopTable.isOpenLoop(result)) {
            score = OpenLoopTable.brief(result); // its score is only the run's length
        } else if (Units.isRate(m.unit())) {
            score = Format.withError(Units.perSecond(m.score(), m.unit()), Units.perSecond(m.error(), m.unit())) + " req/s";
        } else if (result.mode().equals(Results.SAMPLE)) {
            score = "p50 " + Format.timeWithUnit(Units.secondsPerOp(m.percentile(50.0), m.unit()))
                    + ", p99 " + Format.timeWithUnit(Units.secondsPerOp(m.percentile(99.0), m.unit()));
        } else {
            score = Format.score(m);
        }
        String cell = score + ", failed " + Summary.failed(counters);
        // CPU per request moves less than the rate between runs of a 2-core machine: show it beside the rate.
        if (Units.isRate(m.unit()) && Double.isFinite(counters.serverCpuMicrosPerRequest())) {
            cell += ", server CPU " + Summary.cpu(counters.serverCpuMicrosPerRequest()) + " µs";
        }
        return cell;
    }

    private static void runSettings(StringBuilder md, Results results) {
        md.append("## Run settings\n\n");
        MarkdownTable table = new MarkdownTable(List.of("setting", "value"), List.of(false, false));
        table.add(List.of("JMH", distinct(results, r -> r.settings().jmhVersion())));
        table.add(List.of("JDK", distinct(results, r -> r.settings().jdkVersion() + " " + r.settings().vmName())));
        table.add(List.of("JVM arguments", distinct(results, r -> r.settings().jvmArgs())));
        table.add(List.of("client threads", distinct(results, r -> String.valueOf(r.threads()))));
        table.add(List.of("forks", distinct(results, r -> String.valueOf(r.forks()))));
        table.add(List.of("warm-up iterations", distinct(results, r -> r.settings().warmup())));
        table.add(List.of("measurement iterations", distinct(results, r -> r.settings().measurement())));
        md.append(table).append('\n');
    }

    private static String distinct(Results results, Function<JmhResult, String> field) {
        Set<String> values = new LinkedHashSet<>();
        results.all().forEach(r -> values.add(field.apply(r).isBlank() ? "(not recorded)" : "`" + field.apply(r).strip() + "`"));
        return String.join(", ", values);
    }

    private static void machine(StringBuilder md, List<Path> files, List<MachineFacts> machines) {
        if (machines.stream().allMatch(m -> m == MachineFacts.NONE)) {
            md.append("## Machine\n\nNo `.machine.json` beside the result file: machine facts not recorded.\n");
            return;
        }
        md.append("## Machine\n\n");
        for (int i = 0; i < files.size(); i++) {
            MachineFacts facts = machines.get(i);
            if (files.size() > 1) {
                md.append("### ").append(files.get(i).getFileName()).append("\n\n");
            }
            if (facts == MachineFacts.NONE) {
                md.append("Not recorded.\n\n");
                continue;
            }
            MarkdownTable table = new MarkdownTable(List.of("fact", "value"), List.of(false, false));
            facts.facts().forEach((label, value) -> table.add(List.of(label, value)));
            md.append(table).append('\n');
            if (!facts.command().isBlank()) {
                md.append("Command:\n\n```\n").append(facts.command()).append("\n```\n\n");
            }
        }
    }

    static String modeName(String mode) {
        return switch (mode) {
            case Results.THROUGHPUT -> "throughput";
            case Results.SAMPLE -> "sample: latency";
            case "avgt" -> "average time";
            case "ss" -> "single shot";
            default -> mode;
        };
    }

    private static String params(Map<String, String> params) {
        if (params.isEmpty()) {
            return Format.MISSING;
        }
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }
}
