package webmodels.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends requests at a constant rate whatever the server does (an open loop) and measures each
 * latency from the moment its request was <em>meant</em> to be sent.
 *
 * <p>A closed-loop client (JMH's sample mode, ab, wrk) sends the next request only after the
 * previous response: when the server stalls for a second, the client stalls with it, the
 * requests it would have sent in that second are never sent, and the stall shows up as one slow
 * sample instead of a second's worth. This is coordinated omission. Here every request has its
 * place in a fixed schedule, and its latency counts from that place.
 *
 * <p>One thread (the caller's) drives every connection through one {@link Selector}, as wrk2 does:
 * <pre>
 *   intended(k) = start + k / rate                     (computed, never accumulated: no drift)
 *   loop until the end:
 *     read what arrived (selectNow): each whole response frees its connection
 *     every request whose intended time has passed goes out on a free connection, oldest first,
 *       one request per connection (no pipelining); with none free it waits, counted as late
 *     wait for the next intended time: block in the selector when it is milliseconds away, park
 *       when it is further than {@value #SPIN_MICROS} µs, else spin (the kernel's timer slack
 *       makes a short park late by tens of µs); while requests are in flight, park at most
 *       {@value #PARK_MICROS} µs at a time, so that a response is read soon after it arrives
 *   latency = response complete (or failure, or the run's end) - intended time
 * </pre>
 *
 * <p>The connections are opened before the schedule starts, so that no measured request pays for
 * a TCP connect unless the server closed its connection. A connection the server closes is opened
 * again at once, as a spare; a request that finds only closed connections opens one itself, and a
 * failed connect is that request's failure. Nothing is retried.
 *
 * <p>The driver measures itself too: how late it sent each request against the schedule (its
 * send lateness) and its thread's CPU time, so that a result can say when the driver, not the
 * server, set the latency ({@link OpenLoopResult#driverLimited()}).
 *
 * <p>The run lasts warmup + duration; only requests meant to be sent after the warmup are
 * measured. At the end, one last pass sends what fell due since the loop's previous turn (for at
 * most 1 ms past the end); then no new request is sent; those due and unsent enter the latency
 * histogram at (end - intended time), and those in flight finish within the timeout. Each JMH or CLI run is one
 * call of {@link #run()}; the driver is not thread-safe and may run once.
 */
public final class OpenLoopDriver {

    /** Below this distance from the next send the driver spins instead of parking: above the kernel's 50 µs timer slack. */
    static final long SPIN_MICROS = 60;
    /** The longest park while requests are in flight: a response waits at most about this long to be read. */
    static final long PARK_MICROS = 50;
    /** Above this distance from the next send the driver blocks in the selector (millisecond timeouts). */
    private static final long BLOCK_NANOS = 2_000_000;
    /** How long after the end the last pass may still send requests that were due before it. */
    private static final long END_GRACE_NANOS = 1_000_000;
    /** How often requests in flight are checked against their timeout. */
    private static final long TIMEOUT_CHECK_NANOS = 1_000_000;
    /** Between the connections being open and the first request being due. */
    private static final long START_LEAD_NANOS = 1_000_000;
    private static final long HIGHEST_MICROS = 60_000_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final InetSocketAddress server;
    private final double rate;
    private final int connections;
    private final Duration warmup;
    private final Duration duration;
    private final Duration timeout;
    private long sendDelayNanos;

    /**
     * @param server      where to send {@code GET /}; must be resolved
     * @param rate        requests per second over all connections
     * @param connections keep-alive connections opened before the schedule starts: the most requests
     *                    in flight at once
     * @param warmup      sent at the same rate before measuring, then forgotten (may be zero)
     * @param duration    the measured time
     * @param timeout     the most one request may take from its actual send (or its connect); beyond it, a TIMEOUT failure
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
     * A test hook: the driver spends {@code delay} (parked) after each send, as a driver too slow
     * for its rate would, so that tests can see {@link OpenLoopResult#driverLimited()} raised.
     */
    OpenLoopDriver slowEachSendBy(Duration delay) {
        sendDelayNanos = delay.toNanos();
        return this;
    }

    /**
     * Opens the connections, runs for warmup + duration on the calling thread (plus at most one
     * timeout for the requests in flight) and returns what was measured. Failed requests are
     * counted in the result; they never throw.
     *
     * @throws InterruptedException when interrupted; the connections are closed first
     */
    public OpenLoopResult run() throws InterruptedException {
        try (Selector selector = Selector.open()) {
            return new Run(selector).run();
        } catch (IOException e) {
            throw new UncheckedIOException("the driver's selector failed", e);
        }
    }

    /** One run's state, on the caller's thread. */
    private final class Run implements OpenLoopConnection.Events {

        private final Selector selector;
        private final OpenLoopConnection[] pool = new OpenLoopConnection[connections];
        private final ArrayDeque<OpenLoopConnection> free = new ArrayDeque<>(connections);
        private final ArrayDeque<OpenLoopConnection> closed = new ArrayDeque<>(connections);
        private final Consumer<SelectionKey> onSelected = key -> ((OpenLoopConnection) key.attachment()).onReady();
        private final double nanosBetweenRequests = 1e9 / rate;
        private final OpenLoopRecorder recorder;
        /**
         * The warmup's requests go through the same code into this one, then are forgotten: a branch
         * first taken when measuring starts would make the JIT recompile the loop just then.
         */
        private final OpenLoopRecorder warmupRecorder;
        private long start;
        private long measureFrom;
        private long end;
        private long firstMeasured; // the index of the first request meant for the measured time
        private long total; // requests meant for [start, end)
        private boolean stopped; // the schedule is over: connections that come free are closed
        private long inFlight;
        private long due; // requests [0, due) are due: their intended time has passed
        private long sent; // requests [0, sent) have gone out
        private long noticed; // requests [0, noticed) have their lateness recorded

        Run(Selector selector) {
            this.selector = selector;
            long span = START_LEAD_NANOS + warmup.plus(duration).plus(timeout).toNanos();
            this.recorder = new OpenLoopRecorder(Math.max(HIGHEST_MICROS, span / 1000 + 1));
            this.warmupRecorder = new OpenLoopRecorder(Math.max(HIGHEST_MICROS, span / 1000 + 1));
        }

        OpenLoopResult run() throws InterruptedException {
            byte[] request = RawHttpClient.request(server, true);
            long timeoutNanos = timeout.toNanos();
            for (int i = 0; i < connections; i++) {
                pool[i] = new OpenLoopConnection(server, selector, this, timeoutNanos, request);
            }
            try {
                openPool();
                start = System.nanoTime() + START_LEAD_NANOS;
                measureFrom = start + warmup.toNanos();
                end = measureFrom + duration.toNanos();
                firstMeasured = countBefore(measureFrom);
                total = countBefore(end);
                long cpuAtMeasure = sendOnSchedule();
                stopped = true;
                recordUnsent();
                drain();
                long cpu = threadCpuNanos() - cpuAtMeasure;
                long opened = 0;
                for (OpenLoopConnection connection : pool) {
                    opened += connection.opened();
                }
                return recorder.result(rate, connections, duration, opened, cpu);
            } finally {
                for (OpenLoopConnection connection : pool) {
                    connection.close();
                }
            }
        }

        /** Connects every connection before the schedule starts; those that fail stay closed, for requests to open. */
        private void openPool() throws InterruptedException {
            for (OpenLoopConnection connection : pool) {
                connection.open();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (connecting() > 0 && System.nanoTime() - deadline < 0) {
                select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            for (OpenLoopConnection connection : pool) {
                connection.checkTimeout(deadline + 1);
            }
        }

        private int connecting() {
            int n = 0;
            for (OpenLoopConnection connection : pool) {
                if (connection.state() == OpenLoopConnection.State.CONNECTING) {
                    n++;
                }
            }
            return n;
        }

        /**
         * Sends every request of [start, end) at its time, or as soon after as a connection is free.
         *
         * @return the thread's CPU time when the measured time began
         */
        private long sendOnSchedule() throws InterruptedException {
            long cpuAtMeasure = -1;
            long nextTimeoutCheck = start;
            while (true) {
                selectNow();
                long now = System.nanoTime();
                // Past the end, one last pass sends what fell due since the previous turn; without it
                // the last few µs of the schedule were left unsent every run, and as censored values
                // they marked every percentile as a lower bound.
                boolean lastPass = now - end >= 0;
                if (cpuAtMeasure < 0 && now - measureFrom >= 0) {
                    cpuAtMeasure = threadCpuNanos();
                }
                advanceDue(now);
                while (sent < due) {
                    OpenLoopConnection connection = free.poll();
                    boolean viaConnect = connection == null;
                    if (viaConnect && (connection = closed.poll()) == null) {
                        selectNow(); // responses that arrived while this batch went out free their connections
                        if (free.isEmpty() && closed.isEmpty()) {
                            // Every connection is busy, answers read: what is due waits for the server from
                            // here on. Noticed now, including what fell due during this turn (behind a
                            // backlog a turn lasts long), each is late by the driver's doing up to now only.
                            long waitingFrom = System.nanoTime();
                            advanceDue(waitingFrom);
                            noticeWaiting(waitingFrom);
                            break;
                        }
                        continue;
                    }
                    long sendTime = System.nanoTime();
                    if (sendTime - (end + END_GRACE_NANOS) >= 0) { // a long batch ran past the end: the rest stays unsent
                        (viaConnect ? closed : free).addFirst(connection);
                        break;
                    }
                    long intended = intended(sent);
                    boolean measured = sent >= firstMeasured;
                    if (sent >= noticed) {
                        recorder(measured).lateness(sendTime - intended);
                        noticed = sent + 1;
                    }
                    inFlight++;
                    if (viaConnect) {
                        connection.openFor(intended, measured);
                    } else {
                        connection.send(intended, measured);
                    }
                    sent++;
                    if (sendDelayNanos > 0) {
                        LockSupport.parkNanos(sendDelayNanos);
                    }
                }
                noticeWaiting(now);
                if (now - nextTimeoutCheck >= 0) {
                    checkTimeouts(now);
                    nextTimeoutCheck = now + TIMEOUT_CHECK_NANOS;
                }
                if (lastPass) {
                    break;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("open-loop run interrupted");
                }
                long next = due < total ? intended(due) : end;
                pace(Math.min(next, end), inFlight > 0 || sent < due);
            }
            return cpuAtMeasure < 0 ? threadCpuNanos() : cpuAtMeasure;
        }

        /** Every request whose intended time has come by {@code now} is due. */
        private void advanceDue(long now) {
            while (due < total && intended(due) - now <= 0) {
                due++;
            }
        }

        /**
         * The requests due but not sent, every connection being busy: each is late by the server's
         * doing from {@code now}, when the driver found it waiting; what it was late before is the driver's.
         */
        private void noticeWaiting(long now) {
            for (; noticed < due; noticed++) {
                OpenLoopRecorder waiting = recorder(noticed >= firstMeasured);
                waiting.lateness(now - intended(noticed));
                waiting.late();
            }
        }

        /** Every measured request not sent by the end enters the histogram at (end - intended). */
        private void recordUnsent() {
            for (long k = Math.max(sent, firstMeasured); k < total; k++) {
                long intended = intended(k);
                if (k >= noticed) { // never even found due: the driver was that far behind
                    recorder.lateness(end - intended);
                }
                recorder.unsent(end - intended);
            }
        }

        /** Lets the requests in flight finish, each within its timeout; sends nothing new. */
        private void drain() throws InterruptedException {
            while (inFlight > 0) {
                long now = System.nanoTime();
                checkTimeouts(now);
                if (inFlight == 0) {
                    break;
                }
                select(1);
                if (Thread.interrupted()) {
                    throw new InterruptedException("open-loop run interrupted");
                }
            }
        }

        /** Waits until {@code time}; when {@code watching} (responses awaited), in short steps, so that the loop reads them. */
        private void pace(long time, boolean watching) {
            long left = time - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > BLOCK_NANOS) {
                select((left - BLOCK_NANOS / 2) / 1_000_000); // returns early when a response arrives
            } else if (left > SPIN_MICROS * 1000) {
                long park = left - SPIN_MICROS * 1000;
                LockSupport.parkNanos(watching ? Math.min(park, PARK_MICROS * 1000) : park);
            } else {
                Thread.onSpinWait();
            }
        }

        private void checkTimeouts(long now) {
            for (OpenLoopConnection connection : pool) {
                connection.checkTimeout(now);
            }
        }

        private void selectNow() {
            try {
                selector.selectNow(onSelected);
            } catch (IOException e) {
                throw new UncheckedIOException("the driver's selector failed", e);
            }
        }

        private void select(long millis) {
            try {
                selector.select(onSelected, Math.max(1, millis));
            } catch (IOException e) {
                throw new UncheckedIOException("the driver's selector failed", e);
            }
        }

        /** The k-th intended send time; computed, not accumulated, so it never drifts. */
        private long intended(long k) {
            return start + Math.round(k * nanosBetweenRequests);
        }

        /** How many intended send times fall before {@code time}. */
        private long countBefore(long time) {
            long k = (long) Math.ceil((time - start) / nanosBetweenRequests);
            while (k > 0 && intended(k - 1) >= time) {
                k--;
            }
            while (intended(k) < time) {
                k++;
            }
            return k;
        }

        private OpenLoopRecorder recorder(boolean measured) {
            return measured ? recorder : warmupRecorder;
        }

        @Override
        public void answered(OpenLoopConnection connection, long intended, long sentAt, boolean measured) {
            inFlight--;
            long now = System.nanoTime();
            recorder(measured).answered(now - intended, now - sentAt);
        }

        @Override
        public void failed(OpenLoopConnection connection, RequestFailedException failure, long intended, boolean measured) {
            inFlight--;
            recorder(measured).failed(failure.failure(), System.nanoTime() - intended);
            if (!stopped) {
                connection.open(); // a spare for the next request; if that connect fails too, it waits in closed
            }
        }

        @Override
        public void free(OpenLoopConnection connection) {
            if (!stopped) {
                free.add(connection);
            } else {
                connection.close(); // the schedule is over: nothing more will be sent on it
            }
        }

        @Override
        public void closed(OpenLoopConnection connection, boolean reopen) {
            if (!stopped && reopen) {
                connection.open();
            } else {
                closed.add(connection);
            }
        }

        private static long threadCpuNanos() {
            return Math.max(0, THREADS.getCurrentThreadCpuTime());
        }
    }
}
