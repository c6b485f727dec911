package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

    private static final String PROFILER = "webmodels.bench.OpenLoopProfiler";

    @Test
    void theOpenLoopProfilerIsAddedFirst() {
        assertArrayEquals(new String[]{"-prof", PROFILER, "Reactor", "-f", "1"},
                BenchmarkMain.withOpenLoopProfiler(new String[]{"Reactor", "-f", "1"}));
        assertArrayEquals(new String[]{"-prof", PROFILER, "-prof", "gc"},
                BenchmarkMain.withOpenLoopProfiler(new String[]{"-prof", "gc"}));
    }

    @Test
    void aProfilerNamedAlreadyIsNotAddedTwice() {
        String[] named = {"-prof", PROFILER, "-lp"};
        assertArrayEquals(named, BenchmarkMain.withOpenLoopProfiler(named));
        String[] withOptions = {"Reactor", "-prof", PROFILER + ":x=1"};
        assertArrayEquals(withOptions, BenchmarkMain.withOpenLoopProfiler(withOptions));
    }
}
