package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
import webmodels.bench.models.BlockingBenchmark;
import webmodels.bench.models.ReactorBenchmark;

/** The benchmarks run through JMH, in this JVM and with tiny settings: they work, they count, they never throw. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerBenchmarkTest {

    private static final Set<String> COUNTERS = Set.of("requests", "failures", "failNon200", "failBody", "failRefused",
            "failReset", "failTimeout", "failClosed", "failOther", "connectionsOpened", "serverCpuNanos", "clientCpuNanos");
    private static final List<String> OPEN_LOOP_RESULTS = List.of("latencyP50", "latencyP90", "latencyP99", "latencyP99.9",
            "latencyP99.99", "latencyMax", "latencyExactUpTo", "sendLatenessP50", "sendLatenessP99", "sendLatenessMax",
            "serviceTimeP99", "driverLimited", "achievedRate", "sent", "late", "unsent");

    @Test
    void reactorAndBlockingServeBothClientsInBothModesWithoutFailures(@TempDir Path dir) throws RunnerException, IOException {
        Path json = dir.resolve("results.json");
        Options options = TinyJmhRun.of("^webmodels\\.bench\\.models\\.(ReactorBenchmark|BlockingBenchmark)\\.(keepAlive|closePerRequest)$")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();

        Collection<RunResult> results = new Runner(options).run();

        List<String> runs = new ArrayList<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().replace("webmodels.bench.models.", "") + " " + run.getParams().getMode();
            runs.add(name);
            double requests = assertCountedWithoutFailures(run, name);
            assertTrue(run.getPrimaryResult().getScore() > 0, name);
            if (name.contains("closePerRequest")) {
                assertEquals(requests, counter(run, "connectionsOpened"), name + ": one connection per request");
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
        Options options = TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.keepAlive$")
                .build();

        Collection<RunResult> runs = new Runner(options).run();

        assertEquals(2, runs.size()); // Throughput and SampleTime
        for (RunResult run : runs) {
            assertEquals(2.0, counter(run, "connectionsOpened"), run.getParams().getMode().toString());
        }
    }

    @Test
    void theRawClientCountsRequestsAndConnectionsWithoutFailures() throws RunnerException {
        Collection<RunResult> results = new Runner(TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.raw.*$").build()).run();

        assertEquals(4, results.size()); // rawKeepAlive and rawClosePerRequest, Throughput and SampleTime
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark() + " " + run.getParams().getMode();
            double requests = assertCountedWithoutFailures(run, name);
            assertEquals(name.contains("rawClosePerRequest") ? requests : 2.0, counter(run, "connectionsOpened"), name);
        }
    }

    @Test
    void theSelectorClientKeepsItsConnectionsBusyWithoutFailures() throws RunnerException {
        Collection<RunResult> results = new Runner(TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.selector.*$")
                .threads(1)
                .param("connections", "3")
                .build()).run();

        assertEquals(2, results.size()); // selectorKeepAlive and selectorClosePerRequest, Throughput only
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark() + " " + run.getParams().getMode();
            double requests = assertCountedWithoutFailures(run, name);
            double connections = counter(run, "connectionsOpened");
            if (name.contains("selectorClosePerRequest")) {
                // one per response, give or take the three in flight when the iteration began and ended
                assertTrue(Math.abs(connections - requests) <= 3, name + ": " + connections + " connections, " + requests + " requests");
            } else {
                assertEquals(3.0, connections, name);
            }
        }
    }

    @Test
    void openLoopReportsItsRateAndPercentiles() throws RunnerException {
        Collection<RunResult> results = new Runner(TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.openLoop$")
                .param("rate", "500")
                .param("connections", "2")
                .threads(2) // only thread 0 drives the load; the other must not add any
                .addProfiler(OpenLoopProfiler.class)
                .build()).run();

        RunResult run = results.iterator().next();
        assertEquals(1, results.size());
        Map<String, Result> secondary = run.getSecondaryResults();
        assertTrue(secondary.keySet().containsAll(OPEN_LOOP_RESULTS), secondary.keySet().toString());
        assertTrue(secondary.keySet().containsAll(COUNTERS), secondary.keySet().toString());
        assertEquals("us", secondary.get("latencyP99").getScoreUnit());
        assertTrue(counter(run, "achievedRate") > 0);
        double p50 = counter(run, "latencyP50");
        assertTrue(p50 > 0 && p50 <= counter(run, "latencyP99") && counter(run, "latencyP99") <= counter(run, "latencyMax"));
        assertTrue(counter(run, "sent") > 0);
        assertEquals(counter(run, "sent"), counter(run, "requests"));
        assertEquals(0.0, counter(run, "failures"));
        assertEquals(2.0, counter(run, "connectionsOpened"));
        assertTrue(counter(run, "serverCpuNanos") > 0, "the server's CPU time");
        assertTrue(counter(run, "clientCpuNanos") > 0, "the CPU time of the thread that ran the driver");
    }

    @Test
    void openLoopWithoutItsProfilerFailsSayingSo() {
        Options options = TinyJmhRun.of("^webmodels\\.bench\\.models\\.ReactorBenchmark\\.openLoop$").build();

        RunnerException failed = assertThrows(RunnerException.class, () -> new Runner(options).run());

        assertTrue(messages(failed).contains("-prof " + OpenLoopProfiler.class.getName()), messages(failed));
    }

    private static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) { // JMH's BenchmarkException holds the benchmark's exceptions so
                all.append(messages(suppressed));
            }
        }
        return all.toString();
    }

    /**
     * Every counter is there, requests were sent, none failed, and both sides' CPU time was measured.
     *
     * @return the requests counted
     */
    private static double assertCountedWithoutFailures(RunResult run, String name) {
        assertTrue(run.getSecondaryResults().keySet().containsAll(COUNTERS), name + ": " + run.getSecondaryResults().keySet());
        double requests = counter(run, "requests");
        assertTrue(requests > 0, name + " sent no request");
        assertEquals(0.0, counter(run, "failures"), name + " had failures");
        assertTrue(counter(run, "serverCpuNanos") > 0, name + ": the server's CPU time");
        assertTrue(counter(run, "clientCpuNanos") > 0, name + ": the client's CPU time");
        return requests;
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

    /** JMH does not tear down a trial whose setup failed: a setup that fails after the server started must close it. */
    @Test
    void aSetupThatFailsAfterTheServerStartedClosesTheServer() throws IOException {
        ServerBenchmark bench = new ServerBenchmark("reactor") {
            @Override
            protected Map<String, String> options() {
                return Map.of();
            }

            @Override
            void openClients(int clientThreads) throws IOException {
                super.openClients(clientThreads);
                throw new IOException("the trial's clients could not be set up (injected)");
            }
        };
        assertThrows(IOException.class, () -> bench.start(1));
        int port = bench.server().port();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // fails while the server listens
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> thread.getName().startsWith("reactor-loop")),
                "the reactor's loop still runs");
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
