package webmodels.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;
import webmodels.load.Failure;

/**
 * What one JMH thread saw in one iteration, reported by JMH beside the score as secondary results
 * ({@code keepAlive:failures} and so on, summed over threads). {@code requests} counts every
 * attempt, so it equals the benchmark's operations; {@code failures} is the part of it that
 * failed, split by kind; {@code connectionsOpened} counts TCP connections the client established.
 * A keep-alive run that opens more connections than it has threads met a server that closes them.
 *
 * <p>{@code clientCpuNanos} and {@code serverCpuNanos} are CPU time (user plus system) in
 * nanoseconds over the iteration that {@code requests} counts, so that
 * {@code clientCpuNanos / requests} and {@code serverCpuNanos / requests} are each side's CPU time
 * per request: a run whose client spent as much as its server measured the client too. Each
 * thread adds its own CPU time from its iteration setup to its teardown (plus that of any load
 * threads it drives); the server's CPU time over the iteration goes to thread 0's counters only
 * ({@link ServerUnderTest}), so that the sum over threads, which JMH reports, holds it once.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class RequestCounters {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long requests;
    public long failures;
    public long failNon200;
    public long failBody;
    public long failRefused;
    public long failReset;
    public long failTimeout;
    public long failClosed;
    public long failOther;
    public long connectionsOpened;
    public long clientCpuNanos;
    public long serverCpuNanos;

    // Not a counter (JMH reports only public fields): this thread's CPU clock at the iteration's start.
    private long clientCpuAtStart;

    /** Starts each iteration from zero (JMH leaves resetting to the user) and starts this thread's CPU clock. */
    @Setup(Level.Iteration)
    public void startIteration(ThreadParams thread, ServerUnderTest server) {
        reset();
        if (thread.getThreadIndex() == 0) {
            server.reportCpuTo(this);
        }
        clientCpuAtStart = threadCpuNanos();
    }

    /** Adds this thread's CPU time over the iteration; JMH reads the counters after this. */
    @TearDown(Level.Iteration)
    public void stopCpuClock() {
        clientCpuNanos += threadCpuNanos() - clientCpuAtStart;
    }

    void reset() {
        requests = 0;
        failures = 0;
        failNon200 = 0;
        failBody = 0;
        failRefused = 0;
        failReset = 0;
        failTimeout = 0;
        failClosed = 0;
        failOther = 0;
        connectionsOpened = 0;
        clientCpuNanos = 0;
        serverCpuNanos = 0;
    }

    void countFailure(Failure kind) {
        countFailures(kind, 1);
    }

    void countFailures(Failure kind, long count) {
        failures += count;
        switch (kind) {
            case NON_200 -> failNon200 += count;
            case WRONG_BODY -> failBody += count;
            case REFUSED -> failRefused += count;
            case RESET -> failReset += count;
            case TIMEOUT -> failTimeout += count;
            case CLOSED_EARLY -> failClosed += count;
            case OTHER -> failOther += count;
        }
    }

    private static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
