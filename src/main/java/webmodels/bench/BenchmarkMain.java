package webmodels.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The benchmarks jar's entry point ({@code java -jar target/benchmarks.jar ...}): JMH's own
 * command line, every option as JMH documents it, with this suite's profilers enabled:
 * {@link OpenLoopProfiler}, through which the {@code openLoop} benchmarks report their latencies,
 * and {@link FootprintProfiler}, the server's threads and memory and the idle connections' fate.
 */
public final class BenchmarkMain {

    static final List<String> PROFILERS = List.of(OpenLoopProfiler.class.getName(), FootprintProfiler.class.getName());

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        org.openjdk.jmh.Main.main(withProfilers(args));
    }

    /** The arguments with {@code -prof NAME} first for each of {@link #PROFILERS} they do not name already. */
    static String[] withProfilers(String[] args) {
        List<String> all = new ArrayList<>();
        for (String profiler : PROFILERS) {
            if (!names(args, profiler)) {
                all.add("-prof");
                all.add(profiler);
            }
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean names(String[] args, String profiler) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-prof") && (args[i + 1].equals(profiler) || args[i + 1].startsWith(profiler + ":"))) {
                return true;
            }
        }
        return false;
    }
}
