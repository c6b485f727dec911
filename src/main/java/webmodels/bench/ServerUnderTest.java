package webmodels.bench;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import webmodels.load.Failure;
import webmodels.load.RequestFailedException;

/**
 * The trial's server as the other states see it. JMH injects states into states, but never a
 * benchmark into a state: {@link ServerBenchmark} hands itself over here once it has started the
 * server, and the states of each thread ({@link RawClients}, {@link OpenLoopLoad},
 * {@link RequestCounters}) reach the server through it. It also measures the server's CPU time
 * per iteration, for thread 0's counters.
 */
@State(Scope.Benchmark)
public class ServerUnderTest {

    private volatile ServerBenchmark benchmark;
    private final Map<Failure, String> rawFirstFailures = new ConcurrentHashMap<>();
    private volatile RequestCounters cpuCounters;
    private volatile ServerCpu.Reading cpuAtStart; // read by the thread that ends the iteration, maybe another

    void set(ServerBenchmark benchmark) {
        this.benchmark = benchmark;
    }

    InetSocketAddress address() {
        return benchmark().address();
    }

    /** The counters (thread 0's) that receive the server's CPU time of the iteration. */
    void reportCpuTo(RequestCounters counters) {
        cpuCounters = counters;
    }

    /**
     * Starts the server's CPU clock. JMH runs a {@code Scope.Benchmark} state's iteration fixtures
     * once, on the first thread to get there, while the others wait.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        cpuAtStart = benchmark().serverCpu().read();
    }

    /**
     * Adds the server's CPU time over the iteration to thread 0's counters. Not in thread 0's own
     * teardown: the first thread done with the iteration runs this and then the trial's teardown,
     * which closes the server, while thread 0 may still be finishing; and thread 0 waits for this
     * before JMH reads its counters.
     */
    @TearDown(Level.Iteration)
    public void stopCpuClock() {
        RequestCounters counters = cpuCounters;
        if (counters != null) {
            counters.serverCpuNanos += benchmark().serverCpu().nanosSince(cpuAtStart);
        }
    }

    /** Keeps the first failure of each kind that a raw client met, for a one-line note after the trial. */
    void noteRawFailure(RequestFailedException failure) {
        if (!rawFirstFailures.containsKey(failure.failure())) {
            rawFirstFailures.putIfAbsent(failure.failure(), failure.getMessage());
        }
    }

    /** One line per kind of failure, so that a count in the results comes with its cause. */
    @TearDown(Level.Trial)
    public void reportRawFailures() {
        rawFirstFailures.forEach((kind, detail) ->
                System.err.println("[" + benchmark().modelName() + "] raw client, first "
                        + kind.name().toLowerCase(Locale.ROOT) + " failure: " + detail));
    }

    private ServerBenchmark benchmark() {
        ServerBenchmark current = benchmark;
        if (current == null) {
            throw new IllegalStateException("no benchmark has shared its server");
        }
        return current;
    }
}
