package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SummaryTest {

    private final Results results = new Results(Fixtures.results(Fixtures.FIXTURE));

    @Test
    void oneRowPerModelInRegistryOrderAndOnlyWebModels() {
        List<String> models = Summary.rows(results).stream().map(Summary.Row::model).toList();
        assertEquals(List.of("blocking", "process-per-request", "reactor", "virtual-threads", "netty-io-uring"), models,
                "the order of the Model registry; the codec benchmark is no model");
    }

    @Test
    void tableShowsThroughputWithErrorAndFailuresBesideIt() {
        Map<String, List<String>> rows = cellsByModel(Summary.markdown(Summary.rows(results)));
        assertEquals(List.of("blocking", "21,000 ± 900", "**1 (0.00016 %)**", "5,200 ± 310", "0",
                "180", "480", "2,100", "0.000013 / 1", "20 / 60", "35 / 90"), rows.get("blocking"));
        // goodput: 213 ± 11 req/s of which 0.38 % failed
        assertEquals(List.of("process-per-request", "—", "n/a", "212 ± 11", "**12 (0.38 %)**",
                "—", "—", "—", "— / 1", "— / —", "— / —"), rows.get("process-per-request"));
    }

    @Test
    void cpuPerRequestIsEachSidesCpuTimeOverTheRequestsOfTheSameRuns() {
        Map<String, List<String>> rows = cellsByModel(Summary.markdown(Summary.rows(results)));
        String header = Summary.markdown(Summary.rows(results)).lines().findFirst().orElseThrow();
        assertTrue(header.contains("server CPU µs / request (keep-alive / close)"), header);
        assertTrue(header.contains("client CPU µs / request (keep-alive / close)"), header);
        // blocking: 630,000 keep-alive requests with 12.6 s of server CPU, 78,000 closed ones with 4.68 s
        assertEquals("20 / 60", rows.get("blocking").get(9));
        assertEquals("35 / 90", rows.get("blocking").get(10));
        assertEquals("— / —", rows.get("reactor").get(9), "not measured: not shown as 0");
    }

    @Test
    void theRawClientHasTheSameTableOfItsOwn() {
        List<Summary.Row> raw = Summary.rows(results, Summary.RAW_KEEP_ALIVE, Summary.RAW_CLOSE_PER_REQUEST);
        assertEquals(List.of("reactor", "virtual-threads"), raw.stream().map(Summary.Row::model).toList());
        String table = Summary.markdown(raw);
        Map<String, List<String>> rows = cellsByModel(table);
        assertEquals("88,000 ± 2,500", rows.get("reactor").get(1));
        assertEquals("—", rows.get("reactor").get(3), "no rawClosePerRequest run");
        // no sample-mode run of the raw client here: no latency columns of dashes
        assertFalse(table.lines().findFirst().orElseThrow().contains("p50"), table);
        assertEquals("9.5 / —", rows.get("reactor").get(6));
        assertEquals("4.2 / —", rows.get("reactor").get(7));
    }

    @Test
    void headerStatesTheLatencyUnit() {
        String header = Summary.markdown(Summary.rows(results)).lines().findFirst().orElseThrow();
        assertTrue(header.contains("p50 (µs)") && header.contains("p99.9 (µs)"), header);
    }

    @Test
    void usesTheBaselineScenarioNotTheSweptOnes() {
        Map<String, List<String>> rows = cellsByModel(Summary.markdown(Summary.rows(results)));
        // reactor also ran with work=cpu:50us (16,000) and select=busy_poll (53,500)
        assertEquals("52,000 ± 1,500", rows.get("reactor").get(1));
    }

    @Test
    void failuresOfEveryRunOfTheMethodCount() {
        Summary.Row blocking = Summary.rows(results).get(0);
        // the reset happened in the sample-mode run; the thrpt run had none
        assertEquals(1, blocking.keepAliveCounters().failures());
        assertEquals(630_000, blocking.keepAliveCounters().requests());
    }

    @Test
    void latencyUnitFollowsTheTypicalP99() {
        assertEquals(Units.TimeUnitChoice.MS, Summary.latencyUnit(List.of(latencyRow(2e-3), latencyRow(3e-3), latencyRow(90e-6))));
        assertEquals(Units.TimeUnitChoice.US, Summary.latencyUnit(List.of(latencyRow(2e-3), latencyRow(300e-6), latencyRow(90e-6))));
        assertEquals(Units.TimeUnitChoice.US, Summary.latencyUnit(List.of()), "nothing measured: the default");
    }

    private static Summary.Row latencyRow(double p99Seconds) {
        JmhResult sample = Fixtures.withPercentiles(
                Fixtures.result("webmodels.bench.models.ReactorBenchmark.keepAlive", "sample", Map.of(), 1, 0, "ms/op", Map.of()),
                Map.of(99.0, p99Seconds * 1e3));
        return new Summary.Row("reactor", null, Counters.NONE, null, Counters.NONE, sample);
    }

    static Map<String, List<String>> cellsByModel(String table) {
        return table.lines().skip(2)
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split(" \\| ")).map(String::strip).toList())
                .collect(Collectors.toMap(cells -> cells.get(0), cells -> cells));
    }
}
