package webmodels.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import one.profiler.AsyncProfiler;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

/**
 * An async-profiler flame graph (HTML) of the measurement iterations, written where it is told:
 * {@code -prof "webmodels.bench.FlameGraphProfiler:libPath=/x/libasyncProfiler.so;event=cpu;file=jmh-results/d/reactor-cpu"}
 * writes {@code jmh-results/d/reactor-cpu-thrpt.html} (the benchmark mode is appended) and the
 * same samples as collapsed stacks, {@code reactor-cpu-thrpt.collapsed.txt}.
 * {@code ./run-bench.sh profile MODEL} drives it.
 *
 * <p>Why not JMH's own {@code -prof async}: JMH 1.37 writes each trial under a directory named
 * after {@code BenchmarkParams.id()}, which lists every {@code @Param} with its value, even with
 * {@code dir=}; the selector-loop benchmarks have so many knobs that the name passes the 255-byte
 * limit of a file name ("File name too long"). Here the caller names the file.
 *
 * <p>{@code event}: {@code cpu} (async-profiler picks perf events, or a timer where the kernel
 * refuses them), {@code cpu-clock} (perf events only), {@code itimer}, or {@code alloc} (heap
 * allocations, sampled by TLAB). Warmup is not profiled.
 */
public final class FlameGraphProfiler implements InternalProfiler {

    private final AsyncProfiler profiler;
    private final String event;
    private final String file;
    private int measured;
    private boolean running;

    public FlameGraphProfiler(String initLine) throws ProfilerException {
        Map<String, String> options = parse(initLine);
        String libPath = options.get("libPath");
        this.event = options.getOrDefault("event", "cpu");
        this.file = options.get("file");
        if (libPath == null || file == null) {
            throw new ProfilerException("FlameGraphProfiler needs libPath=<libasyncProfiler.so>;file=<path without .html>, got: " + initLine);
        }
        try {
            this.profiler = AsyncProfiler.getInstance(libPath);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ProfilerException("cannot load async-profiler from " + libPath + ": " + e);
        }
    }

    /** "a=1;b=2" as a map; JMH hands a profiler everything after the colon of -prof NAME:... */
    static Map<String, String> parse(String initLine) {
        Map<String, String> options = new HashMap<>();
        for (String pair : initLine.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                options.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return options;
    }

    @Override
    public String getDescription() {
        return "webmodels: async-profiler flame graph of the measurement iterations, at a path the caller names";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (iterationParams.getType() == IterationType.MEASUREMENT && !running) {
            execute("start,threads,event=" + event); // threads: one root per thread, so the server loop stands apart from the client
            running = true;
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || ++measured < iterationParams.getCount()) {
            return List.of();
        }
        Path html = Path.of(file + "-" + benchmarkParams.getMode().shortLabel() + ".html").toAbsolutePath();
        try {
            Files.createDirectories(html.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + html.getParent() + ": " + e.getMessage(), e);
        }
        execute("stop");
        execute("dump,file=" + html + ",title=" + benchmarkParams.getBenchmark().replaceAll(".*\\.models\\.", "") + " " + event);
        // The same samples as text, one stack per line with its count: for grep and diff, which HTML is not.
        execute("dump,collapsed,file=" + html.toString().replaceAll("\\.html$", ".collapsed.txt"));
        running = false;
        System.out.println("flame graph: " + html);
        return List.of();
    }

    private void execute(String command) {
        try {
            profiler.execute(command);
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("async-profiler refused '" + command + "': " + e.getMessage(), e);
        }
    }
}
