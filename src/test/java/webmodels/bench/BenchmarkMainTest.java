package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BenchmarkMainTest {

    private static final String OPEN_LOOP = "webmodels.bench.OpenLoopProfiler";
    private static final String FOOTPRINT = "webmodels.bench.FootprintProfiler";

    @Test
    void theSuitesProfilersAreAddedFirst() {
        assertArrayEquals(new String[]{"-prof", OPEN_LOOP, "-prof", FOOTPRINT, "Reactor", "-f", "1"},
                BenchmarkMain.withProfilers(new String[]{"Reactor", "-f", "1"}));
        assertArrayEquals(new String[]{"-prof", OPEN_LOOP, "-prof", FOOTPRINT, "-prof", "gc"},
                BenchmarkMain.withProfilers(new String[]{"-prof", "gc"}));
    }

    @Test
    void aProfilerNamedAlreadyIsNotAddedTwice() {
        assertArrayEquals(new String[]{"-prof", FOOTPRINT, "-prof", OPEN_LOOP, "-lp"},
                BenchmarkMain.withProfilers(new String[]{"-prof", OPEN_LOOP, "-lp"}));
        String[] both = {"Reactor", "-prof", OPEN_LOOP + ":x=1", "-prof", FOOTPRINT};
        assertArrayEquals(both, BenchmarkMain.withProfilers(both));
    }
}
