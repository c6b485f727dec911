package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CountersTest {

    private static final String BENCH = "webmodels.bench.models.ReactorBenchmark.closePerRequest";

    @Test
    void readsTheAuxCountersAndDerivesRates() {
        Counters counters = Counters.of(result(Map.of("requests", 3200.0, "failures", 12.0, "failRefused", 10.0,
                "failTimeout", 2.0, "failReset", 0.0, "connectionsOpened", 3200.0)));
        assertEquals(12 / 3200.0, counters.failureRate(), 1e-12);
        assertEquals(1.0, counters.connectionsPerRequest(), 1e-12);
        assertEquals("12 (0.38 %)", counters.failuresText());
        assertEquals("refused 10, timeout 2", counters.kindsText());
        assertTrue(counters.anyFailed());
    }

    @Test
    void absentCountersAreNotMeasuredRatherThanZero() {
        Counters counters = Counters.of(result(Map.of()));
        assertFalse(counters.measured());
        assertEquals("n/a", counters.failuresText());
        assertTrue(Double.isNaN(counters.failureRate()));
    }

    @Test
    void countsOfSeveralRunsAddUp() {
        Counters sum = Counters.NONE
                .plus(Counters.of(result(Map.of("requests", 100.0, "failures", 1.0, "failReset", 1.0, "connectionsOpened", 4.0))))
                .plus(Counters.of(result(Map.of("requests", 300.0, "failures", 2.0, "failReset", 2.0, "connectionsOpened", 4.0))));
        assertEquals(400, sum.requests());
        assertEquals(3, sum.failures());
        assertEquals(Map.of("failReset", 3.0), sum.failureKinds());
        assertEquals(8, sum.connectionsOpened());
    }

    @Test
    void cpuPerRequestIsTheCpuTimeOverTheRequestsInMicroseconds() {
        Counters counters = Counters.of(result(Map.of("requests", 4000.0, "failures", 0.0,
                "serverCpuNanos", 8.0e7, "clientCpuNanos", 1.2e8)));
        assertEquals(20.0, counters.serverCpuMicrosPerRequest(), 1e-9);
        assertEquals(30.0, counters.clientCpuMicrosPerRequest(), 1e-9);
        assertTrue(Double.isNaN(Counters.of(result(Map.of("requests", 4000.0))).serverCpuMicrosPerRequest()),
                "not measured is not zero");
    }

    @Test
    void cpuTimesOfSeveralRunsAddUpLikeTheirRequests() {
        Counters sum = Counters.of(result(Map.of("requests", 1000.0, "failures", 0.0, "serverCpuNanos", 1.0e7, "clientCpuNanos", 0.0)))
                .plus(Counters.of(result(Map.of("requests", 3000.0, "failures", 0.0, "serverCpuNanos", 7.0e7, "clientCpuNanos", 4.0e6))));
        assertEquals(20.0, sum.serverCpuMicrosPerRequest(), 1e-9);
        assertEquals(1.0, sum.clientCpuMicrosPerRequest(), 1e-9);
    }

    @Test
    void knowsItsOwnMetricNamesOnly() {
        assertTrue(Counters.isKnown("failTimeout"));
        assertTrue(Counters.isKnown("connectionsOpened"));
        assertTrue(Counters.isKnown("serverCpuNanos"));
        assertTrue(Counters.isKnown("clientCpuNanos"));
        assertFalse(Counters.isKnown("serverCpuNanosPerOp"));
    }

    private static JmhResult result(Map<String, Double> counters) {
        return Fixtures.result(BENCH, "thrpt", Map.of(), 200, 10, "ops/s", counters);
    }
}
