package webmodels.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The benchmarks jar's entry point ({@code java -jar target/benchmarks.jar ...}): JMH's own
 * command line, every option as JMH documents it, with {@link OpenLoopProfiler} enabled, through
 * which the {@code openLoop} benchmarks report their latencies.
 */
public final class BenchmarkMain {

    private static final String PROFILER = OpenLoopProfiler.class.getName();

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        org.openjdk.jmh.Main.main(withOpenLoopProfiler(args));
    }

    /** The arguments with {@code -prof webmodels.bench.OpenLoopProfiler} first, unless they name it already. */
    static String[] withOpenLoopProfiler(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-prof") && (args[i + 1].equals(PROFILER) || args[i + 1].startsWith(PROFILER + ":"))) {
                return args.clone();
            }
        }
        List<String> all = new ArrayList<>(List.of("-prof", PROFILER));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
