package webmodels.load;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What an {@link OpenLoopDriver} measured, warmup excluded.
 *
 * <p>The latency histogram holds every request due in the measured time, each from the moment it
 * was <em>meant</em> to be sent: a successful one until its response, a failed one until its
 * failure, one never sent until the run's end. The last two are lower bounds of a latency that
 * never ended (censored), so a percentile at or above the smallest of them is itself only a lower
 * bound ({@link #isLowerBound}); below it, every percentile is exact.
 *
 * <p>The driver's own limit: {@code sendLatenessMicros} holds how late the driver sent each
 * request against its schedule (or, when every connection was busy, how late it found it due).
 * The run is {@link #driverLimited()} when that lateness is large beside the latency measured.
 *
 * @param targetRate         requests per second the driver was asked for, over all connections
 * @param connections        how many connections were opened before the schedule started
 * @param duration           the measured time (warmup excluded)
 * @param latencyMicros      every due request's latency, µs, censored ones included; a copy is kept and handed out
 * @param sendLatenessMicros the driver's lateness at each due request, µs; a copy is kept and handed out
 * @param serviceMicros      each successful request's latency from its actual send (or connect), µs: what a
 *                           closed-loop client, which times a request from its send, would report for the
 *                           same requests (coordinated omission included); a copy is kept and handed out
 * @param successes          requests answered {@code 200 Hello World}
 * @param errors             failed requests by kind (every kind present, zero when none)
 * @param late               requests that found every connection busy and waited for one: the queueing
 *                           a closed-loop client hides (counted in their latency)
 * @param unsent             requests due in the measured time that were still waiting to be sent
 *                           when it ended
 * @param connectionsOpened  connections established during the whole run, warmup included
 * @param clientCpuNanos     CPU time of the driver's thread over the measured time and the requests
 *                           still in flight after it, in nanoseconds
 * @param censoredFromMicros the smallest latency recorded for a failed or unsent request, µs;
 *                           {@link Long#MAX_VALUE} when there was none
 */
public record OpenLoopResult(double targetRate, int connections, Duration duration, Histogram latencyMicros,
                             Histogram sendLatenessMicros, Histogram serviceMicros, long successes, Map<Failure, Long> errors, long late,
                             long unsent, long connectionsOpened, long clientCpuNanos, long censoredFromMicros) {

    /**
     * The driver-limited rule: the p99 of the send lateness above this, µs, ...
     */
    public static final long DRIVER_LIMIT_FLOOR_MICROS = 100;
    /** ... and above this fraction of the p99 latency. */
    public static final double DRIVER_LIMIT_FRACTION = 0.2;

    public OpenLoopResult {
        latencyMicros = latencyMicros.copy();
        sendLatenessMicros = sendLatenessMicros.copy();
        serviceMicros = serviceMicros.copy();
        EnumMap<Failure, Long> all = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            all.put(failure, errors.getOrDefault(failure, 0L));
        }
        errors = Collections.unmodifiableMap(all);
    }

    /**
     * Whether a p99 send lateness of {@code latenessP99Micros} makes a p99 latency of
     * {@code latencyP99Micros} the driver's rather than the server's: the lateness is above
     * {@value #DRIVER_LIMIT_FLOOR_MICROS} µs (below that, within the driver's precision) and above
     * {@link #DRIVER_LIMIT_FRACTION} of the latency (so that it is a real part of the figure).
     */
    public static boolean driverLimited(long latenessP99Micros, long latencyP99Micros) {
        return latenessP99Micros > DRIVER_LIMIT_FLOOR_MICROS && latenessP99Micros > DRIVER_LIMIT_FRACTION * latencyP99Micros;
    }

    /** A copy of the histogram, for merging with others ({@link Histogram#add}). */
    @Override
    public Histogram latencyMicros() {
        return latencyMicros.copy();
    }

    /** A copy of the send lateness histogram. */
    @Override
    public Histogram sendLatenessMicros() {
        return sendLatenessMicros.copy();
    }

    /** A copy of the histogram of latencies from the actual send. */
    @Override
    public Histogram serviceMicros() {
        return serviceMicros.copy();
    }

    public long failures() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests sent and finished, successfully or not; {@code requests() + unsent()} were due. */
    public long requests() {
        return successes + failures();
    }

    /** Requests due in the measured time: every one of them is in the latency histogram. */
    public long due() {
        return requests() + unsent;
    }

    /** Successful responses per second of measured time. */
    public double achievedRate() {
        return successes / (duration.toNanos() / 1e9);
    }

    /** The latency at or below which {@code percentile} percent of due requests fell, µs (0 when none). */
    public long percentileMicros(double percentile) {
        return percentile >= 100 ? latencyMicros.getMaxValue() : latencyMicros.getValueAtPercentile(percentile);
    }

    /**
     * True when the percentile is only a lower bound: it reaches a failed or unsent request, whose
     * real latency would have been longer than the one recorded (0 to 100; 100 is the maximum).
     */
    public boolean isLowerBound(double percentile) {
        return percentile > exactUpToPercentile();
    }

    /**
     * The highest percentile that is exact: the share of due requests, in percent, recorded below
     * the smallest failed or unsent one (100 when there was none).
     */
    public double exactUpToPercentile() {
        return exactUpToPercentile(latencyMicros, censoredFromMicros);
    }

    /** {@link #exactUpToPercentile()} of any histogram with its smallest censored value. */
    public static double exactUpToPercentile(Histogram latencies, long censoredFromMicros) {
        long total = latencies.getTotalCount();
        if (censoredFromMicros == Long.MAX_VALUE || total == 0) {
            return 100;
        }
        long bucketStart = latencies.lowestEquivalentValue(censoredFromMicros);
        long below = bucketStart == 0 ? 0 : latencies.getCountBetweenValues(0, bucketStart - 1);
        return 100.0 * below / total;
    }

    public long p50Micros() {
        return percentileMicros(50);
    }

    public long p99Micros() {
        return percentileMicros(99);
    }

    public long maxMicros() {
        return latencyMicros.getMaxValue();
    }

    /** How late the driver was at the 99th percentile of due requests, µs. */
    public long sendLatenessP99Micros() {
        return sendLatenessMicros.getValueAtPercentile(99);
    }

    /** True when the driver fell behind its schedule enough to make the latency its own (see {@link #driverLimited(long, long)}). */
    public boolean driverLimited() {
        return driverLimited(sendLatenessP99Micros(), p99Micros());
    }

    /** The driver's CPU time per request due, µs (NaN when none was due). */
    public double clientCpuMicrosPerRequest() {
        return due() == 0 ? Double.NaN : clientCpuNanos / 1e3 / due();
    }

    /**
     * This run and {@code other} as one longer run at the same rate: counts and histograms add up,
     * and so do the durations, so that {@link #achievedRate()} stays a rate.
     */
    public OpenLoopResult merge(OpenLoopResult other) {
        if (other.targetRate != targetRate || other.connections != connections) {
            throw new IllegalArgumentException("only runs with the same rate and connections merge: "
                    + targetRate + "/s over " + connections + " vs " + other.targetRate + "/s over " + other.connections);
        }
        Map<Failure, Long> sum = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            sum.put(failure, errors.get(failure) + other.errors.get(failure));
        }
        return new OpenLoopResult(targetRate, connections, duration.plus(other.duration),
                added(latencyMicros, other.latencyMicros), added(sendLatenessMicros, other.sendLatenessMicros),
                added(serviceMicros, other.serviceMicros),
                successes + other.successes, sum, late + other.late, unsent + other.unsent,
                connectionsOpened + other.connectionsOpened, clientCpuNanos + other.clientCpuNanos,
                Math.min(censoredFromMicros, other.censoredFromMicros));
    }

    private static Histogram added(Histogram a, Histogram b) {
        Histogram sum = a.copy();
        sum.setAutoResize(true); // the other run may have tracked a longer range
        sum.add(b);
        return sum;
    }
}
