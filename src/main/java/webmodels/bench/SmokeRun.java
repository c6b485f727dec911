package webmodels.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import webmodels.model.IoUringServer;

/**
 * JMH with its usual command line, then a check that makes a smoke run fail when a model is
 * broken: every benchmark must have run, served requests, and none of them may have failed
 * (nor any of its idle connections, with {@code -p idleConnections=N}).
 * {@code run-bench.sh smoke} runs it; JMH's own main only fails when a benchmark throws, and a
 * failed request is counted, not thrown.
 */
public final class SmokeRun {

    private static final String IO_URING_BENCHMARKS = "\\.IoUringBenchmark\\.";

    private SmokeRun() {
    }

    public static void main(String[] args) throws RunnerException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(BenchmarkMain.withProfilers(args));
        } catch (CommandLineOptionException e) {
            System.err.println("smoke: " + e.getMessage());
            System.exit(2);
            return;
        }
        Collection<RunResult> results = new Runner(withoutUnavailableModels(options)).run();
        List<String> problems = problems(results);
        if (results.isEmpty()) {
            problems.add("no benchmark ran");
        }
        System.out.println();
        problems.forEach(problem -> System.out.println("SMOKE FAILED: " + problem));
        System.out.println(problems.isEmpty()
                ? "smoke passed: " + results.size() + " benchmark runs served requests without failures"
                : "smoke failed: " + problems.size() + " problem(s) in " + results.size() + " benchmark runs");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** The options less the benchmarks of a model this machine cannot run, each skipped with one line that says why. */
    static Options withoutUnavailableModels(Options options) {
        Optional<String> ioUring = IoUringServer.unavailability();
        if (ioUring.isEmpty()) {
            return options;
        }
        System.out.println("smoke: skipping " + IoUringServer.NAME + ": " + ioUring.get());
        return new OptionsBuilder().parent(options).exclude(IO_URING_BENCHMARKS).build();
    }

    /** What is wrong with each run: no requests, or any failed one. */
    static List<String> problems(Collection<RunResult> results) {
        List<String> problems = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark() + " (" + run.getParams().getMode().shortLabel() + ")";
            Map<String, ?> secondary = run.getSecondaryResults(); // JMH declares it with the raw type Result
            double requests = count(secondary, "requests");
            double failures = count(secondary, "failures");
            double idleFailed = count(secondary, "idleFailed"); // FootprintProfiler's, with -p idleConnections
            if (idleFailed > 0) {
                problems.add(name + ": " + (long) idleFailed + " idle connections not opened or not answered");
            }
            if (!(requests > 0)) {
                problems.add(name + ": no request was sent");
            } else if (failures != 0) {
                problems.add(name + ": " + (long) failures + " of " + (long) requests + " requests failed " + failureKinds(secondary));
            }
            if (run.getParams().getBenchmark().endsWith(".openLoop") && !secondary.containsKey("latencyP99")) {
                problems.add(name + ": no latencies: " + OpenLoopProfiler.class.getSimpleName() + " did not run");
            }
        }
        return problems;
    }

    private static double count(Map<String, ?> secondary, String counter) {
        return secondary.get(counter) instanceof Result<?> result ? result.getScore() : Double.NaN;
    }

    private static String failureKinds(Map<String, ?> secondary) {
        StringBuilder kinds = new StringBuilder();
        secondary.keySet().forEach(counter -> {
            double failed = count(secondary, counter);
            if (counter.startsWith("fail") && !counter.equals("failures") && failed > 0) {
                kinds.append(kinds.isEmpty() ? "(" : ", ").append(counter).append(' ').append((long) failed);
            }
        });
        return kinds.isEmpty() ? "" : kinds.append(')').toString();
    }
}
