package webmodels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The assertions of {@code scripts/two-hosts.sh} on a JMH run against a server in another network
 * namespace: every request answered and none failed, the server's CPU time per request present
 * and within {@link #MIN_CPU_NANOS_PER_REQUEST} to {@link #MAX_CPU_NANOS_PER_REQUEST}, the model and
 * options in the machine file as the server's stats port gave them, and the facts of both hosts.
 * <pre>
 *   java -cp target/benchmarks.jar webmodels.bench.TwoHostsCheck RESULTS.json MODEL [OPTION=VALUE ...]
 * </pre>
 * Prints one line per benchmark run, then {@code two-hosts: passed} and exits 0, or each problem and exits 1.
 */
public final class TwoHostsCheck {

    /** Below this, the figure cannot be a server's work for a request: it was not measured. */
    static final double MIN_CPU_NANOS_PER_REQUEST = 500;
    /** Above this, for {@code Hello World}, the figure counts something else than the requests. */
    static final double MAX_CPU_NANOS_PER_REQUEST = 20_000_000;

    private static final List<String> HOST_FACTS = List.of("cpuModel", "cpus", "memoryBytes", "kernel", "jdk");

    private TwoHostsCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: TwoHostsCheck RESULTS.json MODEL [OPTION=VALUE ...]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : List.of(args).subList(2, args.length)) {
            int equals = option.indexOf('=');
            options.put(option.substring(0, Math.max(equals, 0)), option.substring(equals + 1));
        }
        ObjectMapper json = new ObjectMapper();
        Path results = Path.of(args[0]);
        Path machine = results.resolveSibling(results.getFileName().toString().replaceAll("\\.json$", "") + ".machine.json");
        List<String> report = new ArrayList<>();
        List<String> problems = check(json.readTree(results.toFile()), json.readTree(machine.toFile()), args[1], options, report);
        report.forEach(System.out::println);
        problems.forEach(problem -> System.out.println("two-hosts FAILED: " + problem));
        System.out.println(problems.isEmpty() ? "two-hosts: passed" : "two-hosts: " + problems.size() + " problem(s)");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Every problem found; {@code report} gets one line per run with its throughput and server CPU per request. */
    static List<String> check(JsonNode results, JsonNode machine, String model, Map<String, String> options, List<String> report) {
        List<String> problems = new ArrayList<>();
        if (!results.isArray() || results.isEmpty()) {
            problems.add("no benchmark results");
        }
        for (JsonNode run : results) {
            String name = run.path("benchmark").asText() + " (" + run.path("mode").asText() + ")";
            if (run.path("params").path("target").asText().isEmpty()) {
                problems.add(name + ": no target in its params: it did not run against the other namespace");
            }
            double requests = secondary(run, "requests");
            double failures = secondary(run, "failures");
            double serverCpu = secondary(run, "serverCpuNanos");
            if (!(requests > 0)) {
                problems.add(name + ": no request answered");
                continue;
            }
            if (failures != 0) {
                problems.add(name + ": " + (long) failures + " of " + (long) requests + " requests failed");
            }
            double perRequest = serverCpu / requests;
            if (!(perRequest >= MIN_CPU_NANOS_PER_REQUEST && perRequest <= MAX_CPU_NANOS_PER_REQUEST)) {
                problems.add(name + ": server CPU per request " + perRequest + " ns, outside " + MIN_CPU_NANOS_PER_REQUEST
                        + " to " + MAX_CPU_NANOS_PER_REQUEST + " (serverCpuNanos " + serverCpu + ")");
            }
            report.add(String.format(Locale.ROOT, "  %-60s %10.0f requests, %4.0f failures, server CPU %7.1f us/request",
                    name, requests, failures, perRequest / 1000));
        }
        JsonNode server = machine.path("server");
        if (!model.equals(server.path("model").asText())) {
            problems.add("the machine file's server runs '" + server.path("model").asText() + "', not " + model);
        }
        Map<String, String> served = new LinkedHashMap<>();
        server.path("options").properties().forEach(option -> served.put(option.getKey(), option.getValue().asText()));
        if (!served.equals(options)) {
            problems.add("the machine file's server options " + served + " are not those serve was given: " + options);
        }
        for (String fact : HOST_FACTS) {
            if (machine.path(fact).isMissingNode()) {
                problems.add("the benchmarks' host has no " + fact);
            }
            if (machine.path("serverHost").path(fact).isMissingNode()) {
                problems.add("the server's host has no " + fact);
            }
        }
        return problems;
    }

    private static double secondary(JsonNode run, String name) {
        JsonNode score = run.path("secondaryMetrics").path(name).path("score");
        return score.isNumber() ? score.asDouble() : Double.NaN;
    }
}
