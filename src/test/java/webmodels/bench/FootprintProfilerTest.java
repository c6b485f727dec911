package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import webmodels.model.Footprint;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FootprintProfilerTest {

    @Test
    void aForkedServerHoldsItsIdleConnectionsAndReportsItsFootprintInTheJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");
        Options options = TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.keepAlive$")
                .param("fork", "true")
                .param("idleConnections", "50")
                .addProfiler(FootprintProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();

        Collection<RunResult> runs = new Runner(options).run();

        assertEquals(2, runs.size()); // Throughput and SampleTime
        for (RunResult run : runs) {
            Map<String, Double> secondary = scores(run);
            String mode = run.getParams().getMode() + ": " + secondary;
            assertEquals(50.0, secondary.get("idleAnswered"), mode);
            assertEquals(50.0, secondary.get("idleStillOpen"), mode);
            assertEquals(0.0, secondary.get("idleFailed"), mode);
            assertEquals(0.0, secondary.get("failures"), mode);
            assertEquals(1.0, secondary.get("serverProcesses"), "the forked server alone: " + mode);
            assertTrue(secondary.get("serverThreads") > 1, mode);
            assertTrue(secondary.get("serverRssMiB") > 0 && secondary.get("serverHeapMiB") > 0, mode);
            assertTrue(secondary.containsKey("serverRssPerIdleConnectionKiB"), mode);
            assertEquals(0.0, secondary.get("serverThreadsPerIdleConnection"), "a reactor adds no thread: " + mode);
            assertFalse(secondary.containsKey("jvmRssMiB"), mode);
        }
        String text = Files.readString(json);
        assertTrue(text.contains("\"serverRssMiB\"") && text.contains("\"idleStillOpen\""), text);
    }

    @Test
    void namesSayWhetherTheServerWasMeasuredAloneOrWithTheClient() {
        Footprint footprint = new Footprint(1, 20, 64L << 20, 8L << 20);
        IdleLoad.Counts counts = new IdleLoad.Counts(100, 1, 98, 1, 97);
        IdleLoad.Cost cost = new IdleLoad.Cost(12.5, 1.5, 1.0);

        Map<String, Double> forked = byName(FootprintProfiler.results(new FootprintProfiler.Sample(true, footprint, counts, cost)));
        Map<String, Double> inJvm = byName(FootprintProfiler.results(new FootprintProfiler.Sample(false, footprint, null, null)));

        assertEquals(Map.ofEntries(Map.entry("serverProcesses", 1.0), Map.entry("serverThreads", 20.0),
                Map.entry("serverRssMiB", 64.0), Map.entry("serverHeapMiB", 8.0), Map.entry("idleAnswered", 98.0),
                Map.entry("idleNotOpened", 1.0), Map.entry("idleUnanswered", 1.0), Map.entry("idleFailed", 2.0),
                Map.entry("idleStillOpen", 97.0), Map.entry("serverRssPerIdleConnectionKiB", 12.5),
                Map.entry("serverHeapPerIdleConnectionKiB", 1.5), Map.entry("serverThreadsPerIdleConnection", 1.0)), forked);
        assertEquals(Map.of("jvmProcesses", 1.0, "jvmThreads", 20.0, "jvmRssMiB", 64.0, "jvmHeapMiB", 8.0), inJvm);
    }

    @Test
    void aFootprintThatCouldNotBeTakenLeavesOnlyTheIdleCounts() {
        IdleLoad.Counts counts = new IdleLoad.Counts(10, 0, 10, 0, 10);
        Map<String, Double> results = byName(FootprintProfiler.results(new FootprintProfiler.Sample(true, null, counts, null)));
        assertEquals(List.of("idleAnswered", "idleNotOpened", "idleUnanswered", "idleFailed", "idleStillOpen"),
                List.copyOf(results.keySet()));
    }

    private static Map<String, Double> byName(List<Result> results) {
        Map<String, Double> byName = new LinkedHashMap<>();
        results.forEach(result -> byName.put(result.getLabel(), result.getScore()));
        return byName;
    }

    private static Map<String, Double> scores(RunResult run) {
        Map<String, Double> scores = new LinkedHashMap<>();
        run.getSecondaryResults().forEach((name, result) -> scores.put(name, ((Result<?>) result).getScore()));
        return scores;
    }
}
