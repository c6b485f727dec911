package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import webmodels.bench.models.BlockingBenchmark;
import webmodels.bench.models.ReactorBenchmark;

/** The benchmarks run through JMH, in this JVM and with tiny settings: they work, they count, they never throw. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerBenchmarkTest {

    private static final Set<String> COUNTERS = Set.of("requests", "failures", "failNon200", "failBody", "failRefused",
            "failReset", "failTimeout", "failClosed", "failOther", "connectionsOpened");

    @BeforeAll
    static void allowAlongsideOtherJmhRuns() {
        // JMH refuses to start while another JMH holds /tmp/jmh.lock, which protects real measurements
        // from each other; this run measures nothing, so it need not wait for one.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void reactorAndBlockingServeBothClientsInBothModesWithoutFailures(@TempDir Path dir) throws RunnerException, IOException {
        Path json = dir.resolve("results.json");
        Options options = new OptionsBuilder()
                .include("^webmodels\\.bench\\.models\\.(ReactorBenchmark|BlockingBenchmark)\\.(keepAlive|closePerRequest)$")
                .forks(0)
                .threads(2)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        List<String> runs = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replace("webmodels.bench.models.", "") + " " + run.getParams().getMode();
            runs.add(name);
            assertTrue(run.getSecondaryResults().keySet().containsAll(COUNTERS), name + ": " + run.getSecondaryResults().keySet());
            double requests = counter(run, "requests");
            assertTrue(requests > 0, name + " sent no request");
            assertEquals(0.0, counter(run, "failures"), name + " had failures");
            assertTrue(run.getPrimaryResult().getScore() > 0, name);
            double connections = counter(run, "connectionsOpened");
            if (name.contains("closePerRequest")) {
                assertEquals(requests, connections, name + ": one connection per request");
            }
        }
        assertEquals(new TreeSet<>(List.of(
                        "BlockingBenchmark.closePerRequest Throughput", "BlockingBenchmark.closePerRequest SampleTime",
                        "BlockingBenchmark.keepAlive Throughput", "BlockingBenchmark.keepAlive SampleTime",
                        "ReactorBenchmark.closePerRequest Throughput", "ReactorBenchmark.closePerRequest SampleTime",
                        "ReactorBenchmark.keepAlive Throughput", "ReactorBenchmark.keepAlive SampleTime")),
                new TreeSet<>(runs));
        String text = Files.readString(json);
        assertTrue(text.contains("\"connectionsOpened\"") && text.contains("\"failRefused\"") && text.contains("\"sample\""));
    }

    @Test
    void reactorKeepAliveOpensOneConnectionPerThread() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.keepAlive$")
                .forks(0)
                .threads(2)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> runs = new Runner(options).run();

        assertEquals(2, runs.size()); // Throughput and SampleTime
        for (RunResult run : runs) {
            assertEquals(2.0, counter(run, "connectionsOpened"), run.getParams().getMode().toString());
        }
    }

    private static double counter(RunResult run, String name) {
        return ((Result<?>) run.getSecondaryResults().get(name)).getScore();
    }

    @Test
    void aServerThatIsGoneCountsFailuresInsteadOfThrowing() throws IOException {
        ServerBenchmark bench = new ReactorBenchmark();
        bench.start(1);
        RequestCounters counters = new RequestCounters();
        try {
            assertTrue(bench.keepAlive(counters));

            bench.server().close();
            for (int i = 0; i < 3; i++) {
                assertFalse(bench.keepAlive(counters));
            }
            assertFalse(bench.closePerRequest(counters));
        } finally {
            bench.tearDown();
        }

        assertEquals(5, counters.requests);
        assertEquals(4, counters.failures);
        assertTrue(counters.failRefused >= 3, "refused: " + counters.failRefused);
        assertEquals(counters.failures, counters.failRefused + counters.failClosed + counters.failReset);
    }

    @Test
    void theBlockingModelClosesEveryConnectionAndItShows() throws IOException {
        BlockingBenchmark bench = new BlockingBenchmark();
        bench.start(1);
        RequestCounters counters = new RequestCounters();
        try {
            for (int i = 0; i < 3; i++) {
                assertTrue(bench.keepAlive(counters));
            }
        } finally {
            bench.tearDown();
        }
        assertEquals(0, counters.failures);
        assertEquals(3, counters.connectionsOpened);
    }
}
