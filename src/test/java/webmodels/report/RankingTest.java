package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RankingTest {

    private static final String SELECTOR = "webmodels.bench.models.%sBenchmark.selectorKeepAlive";

    /** A selector keep-alive result (one client thread) whose forks ran these iterations, in ops/ms. */
    private static JmhResult selector(String modelClass, List<List<Double>> forks, Map<String, Double> counters) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        counters.forEach((name, value) -> secondary.put(name, new Metric(value, Double.NaN, "#", new TreeMap<>())));
        double mean = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElseThrow();
        return new JmhResult(SELECTOR.formatted(modelClass), "thrpt", 1, forks.size(), Map.of("fork", "true"),
                new Metric(mean, Double.NaN, "ops/ms", new TreeMap<>(), forks), secondary,
                new JmhResult.RunSettings("1.37", "25", "VM", "", "2 × 1 s", "3 × 1 s"));
    }

    private static Map<String, Double> served(double requests, double failures, double serverCpuNanos, double clientCpuNanos) {
        return Map.of("requests", requests, "failures", failures, "serverCpuNanos", serverCpuNanos, "clientCpuNanos", clientCpuNanos);
    }

    private static final Map<String, Double> CLEAN = served(1e6, 0, 10e9, 3e9);

    @Test
    void ranksByTheMedianOfForkMeansAndShowsTheirSpread() {
        Ranking ranking = Ranking.of(new Results(List.of(
                selector("Reactor", List.of(List.of(100.0, 100.0), List.of(140.0, 140.0), List.of(120.0, 120.0)), CLEAN),
                selector("Blocking", List.of(List.of(20.0, 20.0), List.of(22.0, 22.0), List.of(18.0, 18.0)), CLEAN))),
                Summary.SELECTOR_KEEP_ALIVE);

        assertEquals(List.of("reactor", "blocking"), ranking.entries().stream().map(Ranking.Entry::model).toList());
        Ranking.Entry reactor = ranking.entries().get(0);
        assertEquals(120_000, reactor.median(), 1e-6);
        assertEquals(100_000, reactor.low(), 1e-6);
        assertEquals(140_000, reactor.high(), 1e-6);
        assertEquals(3, reactor.forks());
        // t(0.975, 2) = 4.303, standard deviation of 100k, 140k, 120k = 20k, over sqrt(3)
        assertEquals(4.303 * 20_000 / Math.sqrt(3), reactor.halfInterval(), 1);
    }

    @Test
    void theReferenceIsShownLastUnrankedAndEveryModelsCpuIsAMultipleOfIts() {
        // reactor: 10 s of server CPU over 1e6 requests = 10 µs; the reference: 4 s = 4 µs; blocking: 30 µs
        Results results = new Results(List.of(
                selector("Reactor", List.of(List.of(100.0), List.of(120.0)), CLEAN),
                selector("CEpoll", List.of(List.of(150.0), List.of(160.0)), served(1e6, 0, 4e9, 3e9)),
                selector("Blocking", List.of(List.of(20.0), List.of(22.0)), served(1e6, 0, 30e9, 3e9))));
        Ranking ranking = Ranking.of(results, Summary.SELECTOR_KEEP_ALIVE);

        assertEquals(List.of("reactor", "blocking"), ranking.entries().stream().map(Ranking.Entry::model).toList(),
                "faster than every model, the reference still takes no rank and ties with none");
        Ranking.Entry reference = Ranking.reference(results, Summary.SELECTOR_KEEP_ALIVE).orElseThrow();
        assertEquals("c-epoll", reference.model());
        assertEquals(2.5, Ranking.timesReference(10, Optional.of(reference)), 1e-9);
        assertTrue(Double.isNaN(Ranking.timesReference(10, Optional.empty())));

        List<String> lines = RankingTable.terminalLines(ranking, results);
        String reactorLine = lines.stream().filter(l -> l.contains(" reactor ")).findFirst().orElseThrow();
        String blockingLine = lines.stream().filter(l -> l.contains(" blocking ")).findFirst().orElseThrow();
        String referenceLine = lines.stream().filter(l -> l.contains(" c-epoll ")).findFirst().orElseThrow();
        assertTrue(reactorLine.contains("2.5×"), reactorLine);
        assertTrue(blockingLine.contains("7.5×"), blockingLine);
        assertTrue(referenceLine.contains("reference (C): not ranked") && referenceLine.contains("1×"), referenceLine);
        assertTrue(lines.indexOf(referenceLine) > lines.indexOf(blockingLine), "the reference comes after every model");
        assertTrue(RankingTable.markdown(ranking, results).contains("| ref. | c-epoll (C, the floor; not ranked) |"));
    }

    @Test
    void modelsWhoseForksOverlapAreATieAndOthersAreNot() {
        Ranking ranking = Ranking.of(new Results(List.of(
                selector("NettyEpoll", List.of(List.of(105.0), List.of(135.0)), CLEAN),
                selector("Reactor", List.of(List.of(130.0), List.of(150.0)), CLEAN),
                selector("ThreadPool", List.of(List.of(70.0), List.of(80.0)), CLEAN))),
                Summary.SELECTOR_KEEP_ALIVE);

        Map<String, Ranking.Entry> byModel = new LinkedHashMap<>();
        ranking.entries().forEach(e -> byModel.put(e.model(), e));
        assertEquals(List.of("netty-epoll"), ranking.tiesOf(byModel.get("reactor")));
        assertEquals(List.of("reactor"), ranking.tiesOf(byModel.get("netty-epoll")));
        assertEquals(List.of(), ranking.tiesOf(byModel.get("thread-pool")));
        assertTrue(RankingTable.flags(ranking, byModel.get("reactor")).contains("tie: netty-epoll"));
    }

    @Test
    void failedRequestsDoNotCountAndAreFlagged() {
        Ranking ranking = Ranking.of(new Results(List.of(
                selector("Reactor", List.of(List.of(100.0), List.of(100.0)), served(1e6, 250_000, 10e9, 3e9)))),
                Summary.SELECTOR_KEEP_ALIVE);

        Ranking.Entry reactor = ranking.entries().get(0);
        assertEquals(75_000, reactor.median(), 1e-6, "a quarter failed: goodput is three quarters of the operations");
        assertTrue(RankingTable.flags(ranking, reactor).get(0).startsWith("FAILED 250,000"), RankingTable.flags(ranking, reactor).toString());
    }

    @Test
    void aForkStillSpeedingUpIsColdAndASaturatedClientThreadIsTheLimit() {
        // 150,000 req/s with 6.5 µs of client CPU each: 0.98 of a core for the one client thread
        Ranking ranking = Ranking.of(new Results(List.of(
                selector("Reactor", List.of(List.of(120.0, 140.0, 160.0), List.of(130.0, 150.0, 170.0)), served(1e6, 0, 6e9, 6.5e9)),
                selector("Blocking", List.of(List.of(20.0, 20.0, 20.5), List.of(19.0, 19.0, 19.2)), served(1e6, 0, 30e9, 40e9)))),
                Summary.SELECTOR_KEEP_ALIVE);

        Ranking.Entry reactor = ranking.entries().get(0);
        Ranking.Entry blocking = ranking.entries().get(1);
        assertTrue(reactor.cold());
        assertTrue(reactor.clientSaturated());
        assertFalse(blocking.cold());
        assertFalse(blocking.clientSaturated(), "about 19,600 req/s at 40 µs: 0.78 of a core");
        assertTrue(blocking.clientBound(), "the client spent more per request than the server");
        assertEquals(List.of("cold", "client-saturated"), RankingTable.flags(ranking, reactor));
    }

    @Test
    void theBasisOfServerCpuIsNamedByWhereTheServersRan() {
        Results forked = new Results(List.of(selector("Reactor", List.of(List.of(1.0)), CLEAN)));
        assertEquals(CpuBasis.FORKED, CpuBasis.of(forked));
        Results inJvm = new Results(List.of(Fixtures.result(SELECTOR.formatted("Reactor"), "thrpt", Map.of("fork", "false"),
                1, Double.NaN, "ops/ms", CLEAN)));
        assertEquals(CpuBasis.IN_JVM, CpuBasis.of(inJvm));
    }
}
