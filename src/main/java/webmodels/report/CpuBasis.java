package webmodels.report;

/**
 * What a run's server CPU time per request counted, said beside the figure. The headline basis is
 * each server in a JVM of its own ({@code fork=true}): the CPU time of its whole process tree, its
 * JIT compiler and garbage collector included, the same for every model. With the server in the
 * benchmark's JVM ({@code fork=false}) only the threads it names (and, for virtual threads, the
 * JDK's carrier and helper threads) count, without JIT and GC, while prefork and
 * process-per-request count whole worker processes: not one basis across models.
 */
final class CpuBasis {

    static final String FORKED = "each server in its own JVM: CPU of its whole process tree, JIT and GC included";
    static final String IN_JVM = "server in the benchmark JVM: its threads only, JIT and GC not counted "
            + "(prefork and process-per-request: whole worker processes), not one basis across models";
    static final String MIXED = "mixed: some results with the server in its own JVM (fork=true), some without";

    private CpuBasis() {
    }

    static String of(Results results) {
        boolean anyForked = false;
        boolean anyInJvm = false;
        for (JmhResult result : results.all()) {
            if (Boolean.parseBoolean(result.params().getOrDefault("fork", "false"))) {
                anyForked = true;
            } else {
                anyInJvm = true;
            }
        }
        return anyForked && anyInJvm ? MIXED : anyForked ? FORKED : IN_JVM;
    }

    /** True when every result ran its server in its own JVM: the headline basis. */
    static boolean isHeadline(Results results) {
        return of(results).equals(FORKED);
    }
}
