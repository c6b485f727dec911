package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.Collection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import webmodels.http.Limits;
import webmodels.model.Footprint;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleLoadTest {

    @Test
    void idleConnectionsBeyondAPoolAreCountedFailuresNotAHang() throws RunnerException {
        // Two workers, each held by one idle keep-alive connection: the other idle connections and the
        // benchmark's own clients wait in the queue, unanswered. The trial must end, and say so in numbers.
        Options options = TinyJmhRun.of("^webmodels\\.bench\\.models\\.ThreadPoolBenchmark\\.keepAlive$")
                .param("workers", "2")
                .param("idleConnections", "20")
                .addProfiler(FootprintProfiler.class)
                .mode(Mode.Throughput)
                .syncIterations(false) // else each thread waits out one more client timeout before and after the iteration
                .build();

        Collection<RunResult> runs = new Runner(options).run();

        assertEquals(1, runs.size());
        RunResult run = runs.iterator().next();

        assertEquals(2.0, counter(run, "idleAnswered"), "one idle connection per worker");
        assertEquals(18.0, counter(run, "idleUnanswered"));
        assertEquals(18.0, counter(run, "idleFailed"));
        assertEquals(20.0, counter(run, "idleStillOpen"), "queued, not closed");
        assertTrue(counter(run, "failures") > 0, "the benchmark's clients queue behind the idle connections");
        assertEquals(counter(run, "requests"), counter(run, "failures"));
        assertTrue(run.getSecondaryResults().containsKey("jvmRssMiB"), "in one JVM the footprint is labelled as the JVM's");
    }

    @Test
    void costIsTheFootprintsGrowthPerHeldConnection() {
        Footprint before = new Footprint(1, 20, 100L << 20, 10L << 20);
        Footprint after = new Footprint(1, 1020, 150L << 20, 12L << 20);

        IdleLoad.Cost cost = IdleLoad.Cost.between(before, after, 1000, 1000);

        assertEquals(51.2, cost.rssKiB(), 1e-9);
        assertEquals(2.048, cost.heapKiB(), 1e-9);
        assertEquals(1.0, cost.threads(), 1e-9);
    }

    @Test
    void noCostUnlessMostConnectionsAreHeldAndTheFootprintIsKnown() {
        Footprint footprint = new Footprint(1, 20, 100L << 20, 10L << 20);
        assertNull(IdleLoad.Cost.between(footprint, footprint, 10, 0), "a server that closed them all");
        assertNull(IdleLoad.Cost.between(footprint, footprint, 19_000, 1032), "a full pool that refused most");
        assertTrue(IdleLoad.Cost.between(footprint, footprint, 1000, 500) != null, "half held is enough");
        assertNull(IdleLoad.Cost.between(null, footprint, 10, 10), "a footprint that could not be taken");
        assertTrue(Double.isNaN(IdleLoad.Cost.between(footprint.withHeap(-1), footprint, 10, 10).heapKiB()), "heap not known");
    }

    @Test
    void opensCountsAndMeasuresAroundTheConnections() throws Exception {
        ServerConfig config = ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(IdleLoad.REQUEST_TIMEOUT));
        try (Server server = Model.REACTOR.create(config)) {
            server.start();
            try (IdleLoad idle = IdleLoad.open(new InetSocketAddress("127.0.0.1", server.port()), 40, Footprint::ofThisJvm)) {
                assertEquals(new IdleLoad.Counts(40, 0, 40, 0, 40), idle.counts());
                assertEquals(0, idle.counts().failed());
                assertTrue(idle.cost() != null && Double.isFinite(idle.cost().heapKiB()));
            }
        }
    }

    @Test
    void aFootprintThatFailsIsLeftOutNotThrown() throws Exception {
        try (Server server = Model.BLOCKING.create(ServerConfig.loopback(0))) {
            server.start();
            try (IdleLoad idle = IdleLoad.open(new InetSocketAddress("127.0.0.1", server.port()), 3,
                    () -> { throw new UncheckedIOException(new java.io.IOException("forked server is gone")); })) {
                assertEquals(3, idle.counts().answered());
                assertNull(idle.cost());
            }
        }
    }

    @Test
    void theLogLineNamesEveryCount() {
        String line = IdleLoad.describe(new IdleLoad.Counts(100, 2, 90, 8, 88), new IdleLoad.Cost(12.34, 1.5, 1));
        assertEquals("idle connections: 100 asked, 2 not opened, 90 answered, 8 unanswered, 88 still open; "
                + "per held connection: 12.3 KiB RSS, 1.50 KiB heap, 1.000 threads", line);
        assertTrue(IdleLoad.describe(new IdleLoad.Counts(100, 0, 100, 0, 100), new IdleLoad.Cost(4.1, Double.NaN, 0))
                .endsWith("4.1 KiB RSS, no heap figure, 0.000 threads"), "a C server's heap is not known, and not NaN");
    }

    private static double counter(RunResult run, String name) {
        return ((Result<?>) run.getSecondaryResults().get(name)).getScore();
    }

    @Test
    void theOpeningTimeoutGrowsWithTheConnectionsButStaysBounded() {
        assertEquals(Duration.ofSeconds(10).plusMillis(2), IdleLoad.openTimeout(1));
        assertEquals(Duration.ofSeconds(48), IdleLoad.openTimeout(19_000));
    }
}
