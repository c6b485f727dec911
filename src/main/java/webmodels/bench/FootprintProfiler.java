package webmodels.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import webmodels.model.CEpollServer;
import webmodels.model.Footprint;
import webmodels.model.ForkedServer;
import webmodels.model.Server;

/**
 * What the server under test costs, as secondary results of every {@link ServerBenchmark}: its
 * processes, OS threads and resident memory at the end of each iteration (read from {@code /proc}),
 * its heap after a full GC at the start of the trial (once the idle connections are open), and with
 * {@code idleConnections > 0} how the idle connections fared and what each one costs.
 * Enable it with {@code -prof webmodels.bench.FootprintProfiler}; {@code run-bench.sh} does.
 *
 * <p>Measuring adds no work to the server within an iteration, so its CPU time per request holds
 * none: the benchmark's own thread reads {@code /proc}, and the full GCs (before and after opening
 * the idle connections, or one) happen in the trial's setup, before any iteration starts.
 *
 * <p>Names say what was measured. With {@code fork=true} the server runs alone in its own JVM and
 * the figures are its process tree's: {@code serverThreads}, {@code serverRssMiB},
 * {@code serverHeapMiB}, {@code serverRssPerIdleConnectionKiB}, ...; so too with a remote target
 * ({@code -p target=HOST:PORT}), read from the server's stats port, where the heap is the one left
 * after the server's latest collections (no GC is forced from afar). Otherwise the server shares the
 * benchmark's JVM with the client and JMH, and the figures of that whole JVM are named
 * {@code jvmThreads}, {@code jvmRssMiB}, ...: they include the client.
 *
 * <p>JMH runs a trial's teardown inside its last iteration, before profilers hear that the
 * iteration ended; so the benchmark measures in its iteration teardown, while the server is still
 * up, and hands the sample over here ({@link #record}).
 */
public final class FootprintProfiler implements InternalProfiler {

    private static final double MIB = 1024.0 * 1024.0;

    private static volatile boolean running;
    private static volatile Sample latest;
    private static volatile long heapAtStart = -1;

    /** The server's footprint at the end of an iteration, and its idle connections (null when none). */
    record Sample(boolean forked, Footprint footprint, IdleLoad.Counts idle, IdleLoad.Cost cost) {
    }

    @Override
    public String getDescription() {
        return "webmodels: threads, RSS and heap of the server under test, and the cost of each idle connection";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        latest = null;
        running = true;
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        running = false;
        Sample sample = latest;
        latest = null;
        return sample == null ? List.of() : results(sample);
    }

    /** True between the start and the end of an iteration that this profiler watches. */
    static boolean isRunning() {
        return running;
    }

    /**
     * At trial setup, once the server and its idle connections are up: remembers the heap after a
     * full GC (taken when the idle connections were opened, or now), which every iteration reports.
     */
    static void trialStarted(Server server, IdleLoad idle) {
        if (!running) {
            heapAtStart = -1; // not profiled: spare the trial a full GC
            return;
        }
        Footprint footprint = idle != null && idle.afterOpening() != null
                ? idle.afterOpening() : IdleLoad.measure(footprintOf(server));
        heapAtStart = footprint == null ? -1 : footprint.heapBytes();
    }

    /** Measures {@code server} now, from {@code /proc} or its stats port, and keeps the sample for the end of the iteration. */
    static void record(Server server, IdleLoad idle) {
        Footprint footprint = processTreeOf(server);
        latest = new Sample(runsApart(server), footprint == null ? null : footprint.withHeap(heapAtStart),
                idle == null ? null : idle.counts(), idle == null ? null : idle.cost());
    }

    /** Processes, threads and RSS of the server's process tree, or of this JVM's; null when it is gone. */
    private static Footprint processTreeOf(Server server) {
        if (server instanceof RemoteServer remote) {
            return remote.stats().footprint();
        }
        ProcessHandle root = server instanceof ForkedServer forked ? ProcessHandle.of(forked.pid()).orElse(null)
                : server instanceof CEpollServer reference ? ProcessHandle.of(reference.pid()).orElse(null)
                : ProcessHandle.current();
        Footprint footprint = root == null ? null : Footprint.ofProcessTree(root);
        return footprint == null || footprint.processes() == 0 ? null : footprint;
    }

    /**
     * With a full GC: the server's own process tree when it runs forked, else this whole JVM (server,
     * client and JMH). A remote server's, from its stats port, without a GC: its heap after the latest collections.
     */
    static Supplier<Footprint> footprintOf(Server server) {
        if (server instanceof RemoteServer remote) {
            return () -> remote.stats().footprint();
        }
        if (server instanceof CEpollServer reference) {
            return () -> ProcessHandle.of(reference.pid()).map(Footprint::ofProcessTree).orElse(null);
        }
        return server instanceof ForkedServer forked ? forked::footprint : Footprint::ofThisJvm;
    }

    /** True when the server has processes of its own (forked, or remote), so that its figures are named server*. */
    private static boolean runsApart(Server server) {
        return server instanceof ForkedServer || server instanceof RemoteServer || server instanceof CEpollServer;
    }

    static List<Result> results(Sample sample) {
        String who = sample.forked() ? "server" : "jvm";
        List<Result> results = new ArrayList<>();
        Footprint footprint = sample.footprint();
        if (footprint != null) {
            results.add(average(who + "Processes", footprint.processes(), "processes"));
            results.add(average(who + "Threads", footprint.threads(), "threads"));
            results.add(average(who + "RssMiB", footprint.rssBytes() / MIB, "MiB"));
            if (footprint.heapBytes() >= 0) {
                results.add(average(who + "HeapMiB", footprint.heapBytes() / MIB, "MiB"));
            }
        }
        IdleLoad.Counts idle = sample.idle();
        if (idle != null) {
            results.add(average("idleAnswered", idle.answered(), "connections"));
            results.add(average("idleNotOpened", idle.notOpened(), "connections"));
            results.add(average("idleUnanswered", idle.unanswered(), "connections"));
            results.add(average("idleFailed", idle.failed(), "connections"));
            // The fewest still open at the end of any iteration: a server that drops them shows it.
            results.add(new ScalarResult("idleStillOpen", idle.stillOpen(), "connections", AggregationPolicy.MIN));
        }
        IdleLoad.Cost cost = sample.cost();
        if (cost != null) {
            results.add(average(who + "RssPerIdleConnectionKiB", cost.rssKiB(), "KiB"));
            if (Double.isFinite(cost.heapKiB())) {
                results.add(average(who + "HeapPerIdleConnectionKiB", cost.heapKiB(), "KiB"));
            }
            results.add(average(who + "ThreadsPerIdleConnection", cost.threads(), "threads"));
        }
        return results;
    }

    private static Result average(String name, double value, String unit) {
        return new ScalarResult(name, value, unit, AggregationPolicy.AVG);
    }
}
