package webmodels.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each model's server costs: the secondary results of {@code webmodels.bench.FootprintProfiler}
 * in one table. Processes, threads and resident memory at the end of each iteration, heap after a
 * full GC at the start of the trial; with idle connections, how many the server still held and how
 * many failed, and what one held idle connection costs (the footprint's growth while they were
 * opened, divided by those held).
 *
 * <p>One row per model, method and parameters. A trial's throughput and sample modes each start
 * their own server; the row shows the throughput-mode trial when there is one (both stay in "All
 * results"). Figures of a server forked into its own JVM are its own; otherwise they are the whole
 * benchmark JVM's, client included, and the table says so.
 */
final class FootprintTable {

    static final String IDLE_CONNECTIONS = "idleConnections";
    static final String FORK = "fork";
    private static final String SERVER = "server";
    private static final String JVM = "jvm";

    private FootprintTable() {
    }

    /** A result with footprint figures; {@code who} is the prefix of its metric names: server or jvm. */
    record Row(JmhResult result, String who) {

        boolean forked() {
            return who.equals(SERVER);
        }

        double value(String name) {
            Metric metric = result.metric(name);
            return metric == null ? Double.NaN : metric.score();
        }

        /** A figure named with the prefix: {@code value("RssMiB")} is serverRssMiB or jvmRssMiB. */
        double own(String name) {
            return value(who + name);
        }

        int idleAsked() {
            String asked = result.params().get(IDLE_CONNECTIONS);
            return asked == null || !asked.matches("\\d+") ? 0 : Integer.parseInt(asked);
        }
    }

    static List<Row> rows(Results results) {
        Map<String, Row> byTrial = new LinkedHashMap<>();
        for (JmhResult result : results.all()) {
            String who = result.metric(SERVER + "RssMiB") != null || result.metric(SERVER + "Threads") != null ? SERVER
                    : result.metric(JVM + "RssMiB") != null || result.metric(JVM + "Threads") != null ? JVM
                    : result.metric("idleAnswered") != null ? (isTrue(result.params().get(FORK)) ? SERVER : JVM)
                    : null;
            if (who == null) {
                continue;
            }
            String trial = result.model() + " " + result.method() + " " + result.params();
            Row existing = byTrial.get(trial);
            if (existing == null || (!existing.result().mode().equals(Results.THROUGHPUT)
                    && result.mode().equals(Results.THROUGHPUT))) {
                byTrial.put(trial, new Row(result, who));
            }
        }
        List<Row> rows = new ArrayList<>(byTrial.values());
        rows.sort(Comparator.comparingInt((Row row) -> ModelNames.order(row.result().model()))
                .thenComparing(row -> row.result().method())
                .thenComparingInt(Row::idleAsked));
        return rows;
    }

    static String markdown(List<Row> rows) {
        MarkdownTable table = new MarkdownTable(List.of(
                "model", "method", "params", "measured", "idle connections", "idle held", "idle failed",
                "processes", "threads", "RSS (MiB)", "heap (MiB)",
                "RSS / idle conn. (KiB)", "heap / idle conn. (KiB)", "threads / idle conn."),
                List.of(false, false, false, false, true, true, true, true, true, true, true, true, true, true));
        for (Row row : rows) {
            boolean idle = row.idleAsked() > 0 || !Double.isNaN(row.value("idleAnswered"));
            double failed = row.value("idleFailed");
            table.add(List.of(
                    row.result().model(),
                    row.result().method(),
                    otherParams(row.result().params()),
                    row.forked() ? "server alone" : "server + client JVM",
                    Format.count(row.idleAsked()),
                    idle ? Format.count(row.value("idleStillOpen")) : Format.MISSING,
                    !idle ? Format.MISSING : failed > 0 ? "**" + Format.count(failed) + "**" : Format.count(failed),
                    Format.count(row.own("Processes")),
                    Format.count(row.own("Threads")),
                    Format.number(row.own("RssMiB")),
                    Format.number(row.own("HeapMiB")),
                    Format.number(row.own("RssPerIdleConnectionKiB")),
                    Format.number(row.own("HeapPerIdleConnectionKiB")),
                    Format.number(row.own("ThreadsPerIdleConnection"))));
        }
        return table.toString();
    }

    /** The parameters not already in their own column, e.g. {@code work=none, workers=8}. */
    private static String otherParams(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((name, value) -> {
            if (!name.equals(IDLE_CONNECTIONS) && !name.equals(FORK) && !value.isEmpty()) { // empty: target, serverCpus unset
                parts.add(name + "=" + value);
            }
        });
        return parts.isEmpty() ? Format.MISSING : String.join(", ", parts);
    }

    private static boolean isTrue(String value) {
        return "true".equals(value);
    }

    /** The notes under the table: what each column means and how far to trust it. */
    static final String NOTES = """
            - **measured**: *server alone* when the benchmark ran with `fork=true` (the server in a JVM of its \
            own: its process and its children, e.g. prefork workers); *server + client JVM* otherwise (the \
            whole benchmark JVM: server, HttpClient and JMH together).
            - **idle connections**: long-lived keep-alive connections opened before the measurement, each \
            answered once, then silent (`idleConnections`); the server's request timeout was 10 min in these \
            trials. **idle held**: those still open at the end of the measurement (the fewest over iterations); \
            a model that closes every connection after its answer holds none. **idle failed**: not opened, or \
            not answered with 200 in time (a pool that is full leaves them waiting).
            - **processes, threads, RSS**: of the measured process tree at the end of each iteration, from \
            `/proc`, averaged over iterations; **heap**: used after a full GC at the start of the trial, once \
            the idle connections were open (the forked server's main JVM only: not prefork's workers).
            - **per idle connection**: the growth of RSS, heap and threads while the idle connections were \
            opened, divided by those held; left out when the server held fewer than half of them (the growth \
            is then mostly what refusing or closing the others cost). RSS is the noisiest (heap resizing after \
            GC can make it negative at small counts); read it at thousands of connections. Kernel socket \
            buffers are in no process's RSS and are not counted.
            - **—**: not measured (no idle connections, fewer than half held, or no heap figure).
            """;
}
