package webmodels.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import webmodels.model.CEpollServer;
import webmodels.model.Model;
import webmodels.report.RunSummary;

/**
 * JMH with the models interleaved: round 1 runs every model once, one fork each, in registry
 * order; round 2 in reverse order; round 3 forward again; and so on. The machine drifts (here by
 * 10 to 30 % a minute), and models run back to back in one block would carry that drift as a
 * difference between them; interleaved, each model meets the early and the late machine alike.
 *
 * <p>Each round of a model is one JMH fork. The rounds of one benchmark are written as the forks
 * of one result in a single JMH JSON file ({@code forks} = rounds, {@code rawData} one list per
 * round in the order they ran), so that {@code report} reads it like any other and can take the
 * median and the spread over rounds. The report is written beside it, and the terminal gets a
 * compact summary ({@link RunSummary}); JMH's own output goes to a log file unless
 * {@code --verbose}.
 *
 * <pre>
 *   InterleavedRun --rounds 3 --methods selectorKeepAlive,selectorClosePerRequest \
 *       --json jmh-results/X.json --log jmh-results/X.log [--verbose] [--models a,b] -- JMH OPTIONS...
 * </pre>
 */
public final class InterleavedRun {

    static final String DEFAULT_METHODS = "selectorKeepAlive,selectorClosePerRequest";
    /**
     * Less warm-up than this per fork, and the models that {@link #warmsSlowly} get
     * {@value #SLOW_WARMUP_ITERATIONS} × {@value #SLOW_WARMUP_SECONDS} s instead.
     */
    static final double LONGER_WARMUP_BELOW_SECONDS = 9;
    static final int SLOW_WARMUP_ITERATIONS = 3;
    static final int SLOW_WARMUP_SECONDS = 3;

    private InterleavedRun() {
    }

    /** What the command line asked for. */
    record Plan(int rounds, List<String> methods, List<Model> models, boolean reference, Path json, Path log,
                boolean verbose, List<String> jmhArgs) {
    }

    public static void main(String[] args) throws IOException {
        Plan plan;
        try {
            plan = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("interleaved run: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(run(plan, System.out));
        } catch (IllegalArgumentException e) {
            System.out.println("interleaved run: " + e.getMessage());
            System.exit(2);
        } catch (RunnerException e) {
            System.out.println("JMH failed: " + e.getMessage() + (plan.verbose() ? "" : "; see " + plan.log()));
            System.exit(1);
        }
    }

    static Plan parse(String[] args) {
        int rounds = 3;
        String methods = DEFAULT_METHODS;
        List<Model> models = List.of(Model.values());
        Path json = null;
        Path log = null;
        boolean verbose = false;
        boolean reference = true;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                case "--methods" -> methods = value(args, ++i);
                case "--models" -> models = List.of(value(args, ++i).split(",")).stream().map(Model::byName).toList();
                case "--json" -> json = Path.of(value(args, ++i));
                case "--log" -> log = Path.of(value(args, ++i));
                case "--verbose" -> verbose = true;
                case "--no-reference" -> reference = false;
                case "--" -> {
                    jmhArgs.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (JMH's options go after --)");
            }
        }
        if (rounds < 2) {
            throw new IllegalArgumentException("--rounds must be at least 2, so that drift can cancel; not " + rounds);
        }
        if (json == null || log == null) {
            throw new IllegalArgumentException("--json and --log are required");
        }
        return new Plan(rounds, List.of(methods.split(",")), models, reference, json, log, verbose, jmhArgs);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** The models in the order round {@code round} (from 0) runs them: forward, then reverse, and again. */
    static List<Model> order(List<Model> models, int round) {
        return round % 2 == 0 ? models : models.reversed();
    }

    /**
     * The models still compiling after the default run's 2 s of warm-up. The JIT compiles a method
     * after a number of calls, not seconds: {@code blocking} serves about 16,000 req/s where the
     * selector models serve 100,000, and {@code prefork} splits its requests over worker JVMs that
     * each compile for themselves. With 2 × 1 s their CPU per request stayed well above the full
     * run's (docs/method.md gives the figures), and their order against each other changed with it.
     */
    static boolean warmsSlowly(Model model) {
        return model == Model.BLOCKING || model == Model.PREFORK;
    }

    /**
     * Whether {@code model} gets the longer warm-up: it {@link #warmsSlowly} and the command line
     * asked for less than {@value #LONGER_WARMUP_BELOW_SECONDS} s per fork. Warm-up left to the
     * benchmark's own annotations (3 × 5 s) is long enough.
     */
    static boolean needsLongerWarmup(Model model, CommandLineOptions given) {
        if (!warmsSlowly(model) || given.getWarmupIterations().orElse(null) == null
                || given.getWarmupTime().orElse(null) == null) {
            return false;
        }
        double seconds = given.getWarmupIterations().get() * given.getWarmupTime().get().convertTo(TimeUnit.MILLISECONDS) / 1e3;
        return seconds < LONGER_WARMUP_BELOW_SECONDS;
    }

    /** JMH's include pattern for the chosen methods of one benchmark class. */
    static String include(String benchmarkClass, List<String> methods) {
        return "^" + Pattern.quote(benchmarkClass) + "\\.(" + String.join("|", methods) + ")$";
    }

    /**
     * What round {@code round} (from 0) runs, by name: the models in {@link #order}, with the reference
     * ({@code c-epoll}), when there is one, in the middle of every round. There its rounds fall
     * evenly over the run, so that its median, like each model's (interleaved), stands for the run
     * as a whole.
     */
    static List<String> roundNames(List<Model> models, int round, boolean reference) {
        List<String> names = new ArrayList<>(order(models, round).stream().map(model -> model.modelName).toList());
        if (reference) {
            names.add(names.size() / 2, CEpollServer.NAME);
        }
        return names;
    }

    /** The reference's run leaves it out, with a word, where it cannot build: no gcc, or no benchmark class. */
    private static boolean referenceRuns(Plan plan, PrintStream terminal) {
        if (!plan.reference()) {
            return false;
        }
        if (!CEpollServer.available()) {
            terminal.println("no gcc here: the reference " + CEpollServer.NAME + " is left out, and no figure is shown"
                    + " as a multiple of it (install gcc to have it)");
            return false;
        }
        return true;
    }

    /** {@code netty-io-uring} -> {@code webmodels.bench.models.NettyIoUringBenchmark}: every model's class is named so. */
    static String benchmarkClass(Model model) {
        return benchmarkClass(model.modelName);
    }

    /** {@code c-epoll} -> {@code webmodels.bench.models.CEpollBenchmark}, the same rule for the reference. */
    static String benchmarkClass(String name) {
        StringBuilder pascal = new StringBuilder();
        for (String word : name.split("-")) {
            pascal.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return "webmodels.bench.models." + pascal + "Benchmark";
    }

    /** The models that have a benchmark class; a model without one is named on the terminal, not silently dropped. */
    private static List<Model> benchmarked(List<Model> models, PrintStream terminal) {
        List<Model> found = new ArrayList<>();
        for (Model model : models) {
            try {
                Class.forName(benchmarkClass(model), false, InterleavedRun.class.getClassLoader());
                found.add(model);
            } catch (ClassNotFoundException e) {
                terminal.println("no benchmark class " + benchmarkClass(model) + ": model " + model + " is left out");
            }
        }
        return found;
    }

    static int run(Plan plan, PrintStream terminal) throws RunnerException, IOException {
        CommandLineOptions given;
        try {
            given = new CommandLineOptions(BenchmarkMain.withProfilers(plan.jmhArgs().toArray(String[]::new)));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<Model> models = benchmarked(plan.models(), terminal);
        boolean reference = referenceRuns(plan, terminal);
        Map<String, List<RunResult>> byKey = new LinkedHashMap<>();
        long started = System.nanoTime();
        terminal.printf(Locale.ROOT, "%d rounds of %d models (%s), the second round in reverse order%s; JMH's output in %s%n",
                plan.rounds(), models.size(), String.join(", ", plan.methods()),
                reference ? ", the reference " + CEpollServer.NAME + " (C) in the middle of each" : "",
                plan.verbose() ? "this terminal" : plan.log());
        List<String> slow = models.stream().filter(model -> needsLongerWarmup(model, given)).map(model -> model.modelName).toList();
        if (!slow.isEmpty()) {
            terminal.printf(Locale.ROOT, "%s warm up %d x %d s: they compile later than the rest (docs/method.md)%n",
                    String.join(" and ", slow), SLOW_WARMUP_ITERATIONS, SLOW_WARMUP_SECONDS);
        }
        try (PrintStream log = plan.verbose() ? null
                : new PrintStream(new FileOutputStream(plan.log().toFile(), true), true, StandardCharsets.UTF_8)) {
            OutputFormat jmhOutput = OutputFormatFactory.createFormatInstance(log == null ? terminal : log,
                    given.verbosity().orElse(VerboseMode.NORMAL));
            for (int round = 0; round < plan.rounds(); round++) {
                for (String name : roundNames(models, round, reference)) {
                    OptionsBuilder options = new OptionsBuilder();
                    options.parent(given).include(include(benchmarkClass(name), plan.methods())).forks(1);
                    if (Model.find(name).filter(model -> needsLongerWarmup(model, given)).isPresent()) {
                        options.warmupIterations(SLOW_WARMUP_ITERATIONS).warmupTime(TimeValue.seconds(SLOW_WARMUP_SECONDS));
                    }
                    Collection<RunResult> results = new Runner(options.build(), jmhOutput).run();
                    for (RunResult result : results) {
                        byKey.computeIfAbsent(key(result.getParams()), k -> new ArrayList<>()).add(result);
                    }
                    terminal.println(progressLine(round, plan.rounds(), name, results, started));
                }
            }
        }
        List<RunResult> merged = byKey.values().stream().map(InterleavedRun::asForks).toList();
        try (PrintStream json = new PrintStream(new FileOutputStream(plan.json().toFile()), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(merged);
        }
        return RunSummary.write(plan.json(), terminal);
    }

    private static String key(BenchmarkParams params) {
        return params.id(); // benchmark, mode and parameters: what a fork of the same result shares
    }

    /** One line per round and model: each benchmark's score in that round and its failures. */
    private static String progressLine(int round, int rounds, String name, Collection<RunResult> results, long started) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d %5.0f s  %-22s",
                round + 1, rounds, (System.nanoTime() - started) / 1e9, name));
        if (results.isEmpty()) {
            line.append("  NO RESULT: the benchmark failed, see JMH's output");
        }
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            line.append(String.format(Locale.ROOT, "  %s %,.0f %s", method,
                    perSecond(result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreUnit()),
                    result.getPrimaryResult().getScoreUnit().startsWith("ops/") ? "req/s" : result.getPrimaryResult().getScoreUnit()));
            var failures = result.getSecondaryResults().get("failures");
            if (failures != null && failures.getScore() > 0) {
                line.append(String.format(Locale.ROOT, " (%,.0f FAILED)", failures.getScore()));
            }
        }
        return line.toString();
    }

    /** A rate in ops/ms or ops/us as per second; any other unit as it is. */
    private static double perSecond(double score, String unit) {
        return switch (unit) {
            case "ops/ms" -> score * 1e3;
            case "ops/us" -> score * 1e6;
            case "ops/ns" -> score * 1e9;
            case "ops/min" -> score / 60;
            default -> score;
        };
    }

    /**
     * The rounds of one benchmark as one result whose forks are the rounds, in the order they ran:
     * JMH sums the counters over them and averages the scores, as it does over forks.
     */
    static RunResult asForks(List<RunResult> rounds) {
        List<BenchmarkResult> forks = new ArrayList<>();
        rounds.forEach(round -> forks.addAll(round.getBenchmarkResults()));
        BenchmarkParams p = rounds.get(0).getParams();
        BenchmarkParams withForks = new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(),
                p.getThreads(), p.getThreadGroups(), p.getThreadGroupLabels(), forks.size(), p.getWarmupForks(),
                p.getWarmup(), p.getMeasurement(), p.getMode(), workload(p), p.getTimeUnit(), p.getOpsPerInvocation(),
                p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(),
                p.getTimeout());
        return new RunResult(withForks, forks);
    }

    private static org.openjdk.jmh.runner.WorkloadParams workload(BenchmarkParams params) {
        org.openjdk.jmh.runner.WorkloadParams workload = new org.openjdk.jmh.runner.WorkloadParams();
        int order = 0;
        for (String name : params.getParamsKeys()) {
            workload.put(name, params.getParam(name), order++);
        }
        return workload;
    }
}
