package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResultsTest {

    private static final String REACTOR = "webmodels.bench.models.ReactorBenchmark.keepAlive";
    private static final String BLOCKING = "webmodels.bench.models.BlockingBenchmark.keepAlive";

    @Test
    void workNoneIsTheBaselineWhereverItComesInTheFile() {
        Results results = new Results(List.of(
                thrpt(REACTOR, Map.of("work", "cpu:50us"), 10),
                thrpt(REACTOR, Map.of("work", "none"), 20)));
        assertEquals(Map.of("work", "none"), results.baseline("reactor"));
        assertEquals(20, results.baselineResult("reactor", "keepAlive", "thrpt").orElseThrow().primary().score());
    }

    @Test
    void otherParametersStartFromTheirFirstValue() {
        Results results = new Results(List.of(
                thrpt(REACTOR, Map.of("select", "busy_poll"), 10),
                thrpt(REACTOR, Map.of("select", "block"), 20)));
        assertEquals(Map.of("select", "busy_poll"), results.baseline("reactor"));
    }

    @Test
    void aSweepHoldsOneVariedParameterWithTheOthersAtBaseline() {
        Results results = new Results(List.of(
                thrpt(REACTOR, Map.of("work", "none", "select", "block"), 1),
                thrpt(REACTOR, Map.of("work", "cpu:50us", "select", "block"), 2),
                thrpt(REACTOR, Map.of("work", "none", "select", "busy_poll"), 3),
                thrpt(REACTOR, Map.of("work", "cpu:50us", "select", "busy_poll"), 4),
                thrpt(BLOCKING, Map.of("work", "none"), 5),
                thrpt(BLOCKING, Map.of("work", "sleep:1ms"), 6)));
        List<Sweep> sweeps = results.sweeps();
        assertEquals(2, sweeps.size());
        Sweep work = sweeps.stream().filter(s -> s.param().equals("work")).findFirst().orElseThrow();
        assertEquals("work", work.param());
        assertEquals(List.of("none", "cpu:50us", "sleep:1ms"), work.values());
        assertEquals(List.of("blocking", "reactor"), work.models());
        assertEquals(2, work.result("reactor", "cpu:50us").primary().score());
        assertNull(work.result("reactor", "sleep:1ms"));
        Sweep select = sweeps.stream().filter(s -> s.param().equals("select")).findFirst().orElseThrow();
        assertEquals("select", select.param());
        assertEquals(List.of("reactor"), select.models());
        assertEquals(3, select.result("reactor", "busy_poll").primary().score());
        assertTrue(sweeps.stream().flatMap(s -> s.byModel().values().stream()).flatMap(m -> m.values().stream())
                .noneMatch(r -> r.primary().score() == 4), "two parameters off baseline belong to no sweep");
    }

    @Test
    void numericSweepValuesSortAsNumbers() {
        Results results = new Results(List.of(
                thrpt(REACTOR, Map.of("spins", "100"), 1),
                thrpt(REACTOR, Map.of("spins", "20"), 2),
                thrpt(REACTOR, Map.of("spins", "1000"), 3)));
        assertEquals(List.of("20", "100", "1000"), results.sweeps().get(0).values());
    }

    @Test
    void aParameterWithOneValueIsNoSweep() {
        Results results = new Results(List.of(thrpt(REACTOR, Map.of("work", "none"), 1), thrpt(BLOCKING, Map.of("work", "none"), 2)));
        assertTrue(results.sweeps().isEmpty());
    }

    @Test
    void fixtureHasAWorkASelectAndAnOpenLoopRateSweep() {
        Results results = new Results(Fixtures.results(Fixtures.FIXTURE));
        assertEquals(List.of("work keepAlive thrpt", "select keepAlive thrpt", "rate openLoop ss"),
                results.sweeps().stream().map(s -> s.param() + " " + s.method() + " " + s.mode()).toList());
        assertEquals(List.of("keepAlive", "closePerRequest", "rawKeepAlive", "selectorKeepAlive", "openLoop", "parse"), results.methods());
    }

    private static JmhResult thrpt(String benchmark, Map<String, String> params, double score) {
        return Fixtures.result(benchmark, "thrpt", params, score, 0.1, "ops/s", Map.of("requests", 100.0, "failures", 0.0));
    }
}
