package webmodels.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a constant rate whatever the server does (an open loop) and measures each
 * latency from the moment its request was <em>meant</em> to be sent.
 *
 * <p>A closed-loop client (JMH's sample mode, ab, wrk) sends the next request only after the
 * previous response: when the server stalls for a second, the client stalls with it, the
 * requests it would have sent in that second are never sent, and the stall shows up as one slow
 * sample instead of a second's worth. This is coordinated omission. Here every request has its
 * place in a fixed schedule; when its connection is still busy at that time, the request is sent
 * as soon as the connection is free, and the wait counts in its latency.
 *
 * <pre>
 *   intended send times, R per second over C connections, each its own platform thread:
 *     connection 0:  0          C/R          2C/R   ...
 *     connection 1:    1/R          (C+1)/R         ...
 *     connection i:  i/R + k*C/R   (k = 0, 1, 2, ...)
 *   latency = response complete - intended send time   (not - actual send time)
 * </pre>
 *
 * <p>The run lasts warmup + duration; only requests meant to be sent after the warmup are
 * measured. At the end no new request is sent; one still in flight finishes within the timeout.
 * Requests that were due but never sent because the server had fallen that far behind are
 * counted as {@link OpenLoopResult#unsent()}. Each connection keeps its connection open
 * (keep-alive) and opens a new one when the server closes it or a request fails.
 *
 * <p>The connection threads are named {@code load-connection-N}, so that a {@link CpuMeter} can
 * tell the client's CPU from the server's when both run in one JVM. They record into one shared
 * histogram, whose recording is wait-free, so that its memory does not grow with the connections.
 * Each reads its own CPU time before it ends, so that the result holds the client's CPU cost
 * ({@link OpenLoopResult#clientCpuNanos()}), which a meter of live threads would lose.
 *
 * <p>The client's own timer slack (a thread woken somewhat after its intended time) is counted
 * in the latency too; it can make a server look worse than it is, never better.
 */
public final class OpenLoopDriver {

    /** The histogram covers 1 µs to 60 s at least, with 3 significant digits. */
    private static final long HIGHEST_MICROS = 60_000_000;
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Between the last connection thread starting and the first request being due. */
    private static final long START_LEAD_NANOS = 10_000_000;
    /** How long past the last timeout we wait for a connection thread before calling it a bug. */
    private static final long JOIN_GRACE_NANOS = 10_000_000_000L;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final InetSocketAddress server;
    private final double rate;
    private final int connections;
    private final Duration warmup;
    private final Duration duration;
    private final Duration timeout;

    /**
     * @param server      where to send {@code GET /}; must be resolved
     * @param rate        requests per second over all connections
     * @param connections keep-alive connections, each with its own thread, sharing the rate evenly
     * @param warmup      sent at the same rate before measuring, then forgotten (may be zero)
     * @param duration    the measured time
     * @param timeout     the most one request may take from its actual send; beyond it, a TIMEOUT failure
     */
    public OpenLoopDriver(InetSocketAddress server, double rate, int connections, Duration warmup, Duration duration,
                          Duration timeout) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second, not: " + rate);
        }
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("connections must be from 1 to 10000, not: " + connections);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative: " + warmup);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms: " + timeout);
        }
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + server);
        }
        this.server = server;
        this.rate = rate;
        this.connections = connections;
        this.warmup = warmup;
        this.duration = duration;
        this.timeout = timeout;
    }

    /**
     * Runs for warmup + duration (plus at most one timeout for the requests in flight) and
     * returns what was measured. Failed requests are counted in the result; they never throw.
     *
     * @throws InterruptedException when interrupted; the connections then stop within a timeout
     */
    public OpenLoopResult run() throws InterruptedException {
        long highestMicros = Math.max(HIGHEST_MICROS, (START_LEAD_NANOS + warmup.plus(duration).plus(timeout).toNanos()) / 1000 + 1);
        Histogram histogram = new ConcurrentHistogram(highestMicros, SIGNIFICANT_DIGITS);
        CompletableFuture<Window> window = new CompletableFuture<>();
        ConnectionLoop[] loops = new ConnectionLoop[connections];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            loops[i] = new ConnectionLoop(i, window, histogram);
            threads[i] = Thread.ofPlatform().name("load-connection-" + i).daemon().unstarted(loops[i]);
        }
        try {
            for (Thread thread : threads) {
                thread.start();
            }
        } catch (RuntimeException | Error e) { // e.g. no memory left for one more thread
            window.completeExceptionally(e); // so that the threads already started end at once
            throw e;
        }
        // the schedule starts once every thread runs, however long starting thousands of them took
        long start = System.nanoTime() + START_LEAD_NANOS;
        long end = start + warmup.toNanos() + duration.toNanos();
        window.complete(new Window(start, start + warmup.toNanos(), end));
        try {
            long joinBy = end + timeout.toNanos() + JOIN_GRACE_NANOS;
            for (Thread thread : threads) {
                long left = joinBy - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException(thread.getName() + " did not finish: a request outlived its timeout");
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            for (int i = 0; i < connections; i++) {
                loops[i].stop(threads[i]);
            }
            throw e;
        }
        for (ConnectionLoop loop : loops) {
            if (loop.crash != null) {
                throw new IllegalStateException("a connection loop failed", loop.crash);
            }
        }
        return merge(histogram, loops);
    }

    private OpenLoopResult merge(Histogram histogram, ConnectionLoop[] loops) {
        Map<Failure, Long> errors = new EnumMap<>(Failure.class);
        long late = 0;
        long unsent = 0;
        long opened = 0;
        long cpu = 0;
        for (ConnectionLoop loop : loops) {
            for (Failure failure : Failure.values()) {
                errors.merge(failure, loop.errors[failure.ordinal()], Long::sum);
            }
            late += loop.late;
            unsent += loop.unsent;
            opened += loop.connectionsOpened;
            cpu += loop.measuredCpuNanos;
        }
        return new OpenLoopResult(rate, connections, duration, histogram, errors, late, unsent, opened, cpu);
    }

    /** The run in {@link System#nanoTime()}: sending starts, measuring starts, sending ends. */
    private record Window(long start, long measureFrom, long end) {
    }

    /** One connection's share of the schedule, run by its own thread; read its fields after join. */
    private final class ConnectionLoop implements Runnable {

        private final int index;
        private final CompletableFuture<Window> window;
        private final double nanosBetweenRequests = 1e9 / rate;
        private final Histogram histogram;
        private final long[] errors = new long[Failure.values().length];
        private volatile boolean stopped;
        private Window times;
        private Throwable crash;
        private long late;
        private long unsent;
        private long connectionsOpened;
        private long cpuAtFirstMeasured = -1;
        private long measuredCpuNanos;

        ConnectionLoop(int index, CompletableFuture<Window> window, Histogram histogram) {
            this.index = index;
            this.window = window;
            this.histogram = histogram;
        }

        @Override
        public void run() {
            try {
                times = window.join(); // throws at once if the run never started
                sendOnSchedule();
            } catch (RuntimeException | Error e) {
                crash = e; // a bug, not a failed request: run() rethrows it after the join
            }
        }

        private void sendOnSchedule() {
            try (RawHttpClient client = new RawHttpClient(server, true, timeout)) {
                for (long k = 0; ; k++) {
                    long intended = intended(k);
                    if (intended >= times.end()) {
                        break;
                    }
                    boolean behind = System.nanoTime() > intended;
                    if (!behind) {
                        sleepUntil(intended);
                    }
                    if (stopped || System.nanoTime() >= times.end()) {
                        unsent = dueFrom(k);
                        break;
                    }
                    boolean measured = intended >= times.measureFrom();
                    if (behind && measured) {
                        late++;
                    }
                    if (measured && cpuAtFirstMeasured < 0) {
                        cpuAtFirstMeasured = threadCpuNanos();
                    }
                    try {
                        client.get();
                        if (measured) {
                            long micros = (System.nanoTime() - intended) / 1000;
                            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                        }
                    } catch (RequestFailedException e) {
                        if (measured) {
                            errors[e.failure().ordinal()]++;
                        }
                    }
                }
                connectionsOpened = client.connectionsOpened();
                if (cpuAtFirstMeasured >= 0) {
                    measuredCpuNanos = threadCpuNanos() - cpuAtFirstMeasured;
                }
            }
        }

        /** This thread's CPU time: read here, because the JVM forgets it when the thread ends. */
        private static long threadCpuNanos() {
            return Math.max(0, THREADS.getCurrentThreadCpuTime());
        }

        /** The k-th intended send time of this connection; computed, not accumulated, so it never drifts. */
        private long intended(long k) {
            return times.start() + Math.round((index + (double) k * connections) * nanosBetweenRequests);
        }

        /** How many requests from the k-th on were due in the measured time. */
        private long dueFrom(long k) {
            long due = 0;
            for (long j = k; intended(j) < times.end(); j++) {
                if (intended(j) >= times.measureFrom()) {
                    due++;
                }
            }
            return due;
        }

        private void sleepUntil(long time) {
            long left;
            while (!stopped && (left = time - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
        }

        /** Asks the loop to send nothing more; a request in flight still ends within its timeout. */
        void stop(Thread thread) {
            stopped = true;
            LockSupport.unpark(thread);
        }
    }
}
