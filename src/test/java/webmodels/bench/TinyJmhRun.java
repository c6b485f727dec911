package webmodels.bench;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH settings of the tests that run benchmarks in-process: no fork, two threads, one
 * iteration of 200 ms, silent, failing on error. These runs check behaviour; they measure nothing,
 * so they also skip JMH's lock (/tmp/jmh.lock), which keeps real measurements from running at
 * once: a test need not wait for, or be refused by, a benchmark running on the same machine.
 */
final class TinyJmhRun {

    private TinyJmhRun() {
    }

    static ChainedOptionsBuilder of(String benchmarkRegex) {
        System.setProperty("jmh.ignoreLock", "true"); // read when the Runner starts, after this
        return new OptionsBuilder()
                .include(benchmarkRegex)
                .forks(0)
                .threads(2)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }
}
