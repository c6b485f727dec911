package webmodels.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import webmodels.load.OpenLoopDriver;
import webmodels.load.OpenLoopResult;

/**
 * The open-loop load of {@link ServerBenchmark#openLoop}: one {@link OpenLoopDriver} run per
 * iteration, as long as the iteration time ({@code -r}, {@code -w}), at {@code rate} requests per
 * second over {@code connections} keep-alive connections. Its own {@code @Param}s, so that they
 * multiply only the open-loop runs: {@code -p rate=1000,2000,4000} sweeps the rate.
 *
 * <p>The driver runs on JMH's thread 0, one selector over every connection; any other JMH thread
 * ({@code -t}) returns at once. Its CPU time is thread 0's, which {@link RequestCounters} counts.
 */
@State(Scope.Thread)
public class OpenLoopLoad {

    /** Requests per second over all connections, sent on schedule whatever the server does. */
    @Param("2000")
    public double rate;

    /**
     * Keep-alive connections opened before the run, driven by one thread: the most requests in
     * flight at once; a request that finds them all busy waits, and its wait counts in its
     * latency. 8 by default, because process-per-request starts a process for each connection
     * (32 at once on 2 cores outlast the timeout); {@code run-bench.sh latency} asks for 32, so
     * that the rate, not the connections, limits the fast models.
     */
    @Param("8")
    public int connections;

    private boolean driving;
    private OpenLoopDriver driver;

    @Setup(Level.Iteration)
    public void setUp(ThreadParams thread, IterationParams iteration, ServerUnderTest server) {
        driving = thread.getThreadIndex() == 0;
        if (!driving) {
            return;
        }
        if (!OpenLoopProfiler.isActive()) {
            throw new IllegalStateException("openLoop reports its latencies through " + OpenLoopProfiler.class.getName()
                    + ": add -prof " + OpenLoopProfiler.class.getName()
                    + " (java -jar target/benchmarks.jar and run-bench.sh add it themselves)");
        }
        Duration duration = Duration.ofNanos(iteration.getTime().convertTo(TimeUnit.NANOSECONDS));
        // No warmup of its own: JMH's warmup iterations are whole runs at the same rate.
        driver = new OpenLoopDriver(server.address(), rate, connections, Duration.ZERO, duration, HelloClient.DEFAULT_TIMEOUT);
    }

    /**
     * Runs the iteration's load, counts it in the thread's counters (requests, failures by kind,
     * connections) and hands the latencies to the profiler.
     *
     * @return the requests answered with {@code 200 Hello World}
     */
    long run(RequestCounters counters) throws InterruptedException {
        if (!driving) {
            return 0;
        }
        OpenLoopResult result = driver.run();
        counters.requests += result.requests();
        result.errors().forEach(counters::countFailures);
        counters.connectionsOpened += result.connectionsOpened();
        OpenLoopProfiler.publish(result);
        return result.successes();
    }
}
