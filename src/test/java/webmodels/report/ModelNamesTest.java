package webmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ModelNamesTest {

    @ParameterizedTest
    @CsvSource({
            "webmodels.bench.models.BlockingBenchmark, blocking",
            "webmodels.bench.models.ThreadPoolBenchmark, thread-pool",
            "webmodels.bench.models.ThreadPerConnectionBenchmark, thread-per-connection",
            "webmodels.bench.models.VirtualThreadsBenchmark, virtual-threads",
            "webmodels.bench.models.MultiReactorBenchmark, multi-reactor",
            "webmodels.bench.models.ProcessPerRequestBenchmark, process-per-request",
            "webmodels.bench.models.NettyIoUringBenchmark, netty-io-uring",
            "webmodels.bench.models.NettyEpollBenchmark, netty-epoll",
    })
    void modelBenchmarkClassesBecomeModelNames(String benchmarkClass, String model) {
        assertEquals(model, ModelNames.ofBenchmarkClass(benchmarkClass));
    }

    @Test
    void benchmarkNamesMapThroughTheirClass() {
        JmhResult result = Fixtures.result("webmodels.bench.models.ReactorBenchmark.rawKeepAlive", "thrpt", Map.of(),
                1, 0, "ops/s", Map.of());
        assertEquals("reactor", result.model());
        assertEquals("rawKeepAlive", result.method());
        assertEquals("webmodels.bench.models.ReactorBenchmark", result.benchmarkClass());
    }

    @Test
    void aModelParamNamesTheModelAndIsNotPartOfTheScenario() {
        JmhResult result = Fixtures.result("webmodels.bench.ThroughputBenchmark.keepAlive", "thrpt",
                Map.of("model", "ThreadPool", "work", "none"), 1, 0, "ops/s", Map.of());
        assertEquals("thread-pool", result.model());
        assertEquals(Map.of("work", "none"), result.scenario());
    }

    @Test
    void registryNamesWinOverSpellingOfTheClassName() {
        assertEquals("thread-pool", ModelNames.canonical("ThreadPool"));
        assertEquals("virtual-threads", ModelNames.canonical("virtual_threads"));
        assertEquals("blocking", ModelNames.ofBenchmarkClass("webmodels.bench.models.BLOCKINGBenchmark"));
    }

    @ParameterizedTest
    @CsvSource({
            "webmodels.bench.CodecBenchmark",
            "org.example.ReactorBenchmark",
            "webmodels.bench.models.Benchmark",
            "webmodels.bench.models.sub.ReactorBenchmark",
            "webmodels.bench.models.ReactorBench",
    })
    void otherClassesKeepTheirName(String benchmarkClass) {
        assertEquals(benchmarkClass, ModelNames.ofBenchmarkClass(benchmarkClass));
    }

    @ParameterizedTest
    @CsvSource({
            "Reactor, reactor",
            "ThreadPerConnection, thread-per-connection",
            "NettyIOUring, netty-io-uring",
            "HTTP2Server, http2-server",
            "A, a",
    })
    void kebabCaseKeepsAcronymsTogether(String pascal, String kebab) {
        assertEquals(kebab, ModelNames.kebabCase(pascal));
    }

    @Test
    void unknownModelsSortAfterRegisteredOnes() {
        assertEquals(Integer.MAX_VALUE, ModelNames.order("not-a-model"));
        assertEquals(true, ModelNames.order("blocking") < ModelNames.order("reactor"));
    }
}
