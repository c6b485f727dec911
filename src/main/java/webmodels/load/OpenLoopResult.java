package webmodels.load;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What an {@link OpenLoopDriver} measured, warmup excluded.
 *
 * <p>Latencies are of successful responses, in microseconds, each measured from the moment the
 * request was <em>meant</em> to be sent, so time spent waiting behind a slow response counts.
 * Failed requests are not in the histogram; they are in {@link #errors()}, and should be read
 * beside the percentiles.
 *
 * @param targetRate        requests per second the driver was asked for, over all connections
 * @param connections       how many connections carried them
 * @param duration          the measured time (warmup excluded)
 * @param latencyMicros     latencies of successful responses, µs; a copy is kept and handed out
 * @param errors            failed requests by kind (every kind present, zero when none)
 * @param late              requests whose intended send time had passed before their connection
 *                          was free to send them: the queueing a closed-loop client hides
 * @param unsent            requests due in the measured time that were still waiting to be sent
 *                          when it ended, because the server had fallen behind
 * @param connectionsOpened connections opened during the whole run, warmup included
 * @param clientCpuNanos    CPU time the driver's connection threads used from their first measured
 *                          request on (warmup excluded), in nanoseconds: the client's cost of the
 *                          {@link #requests()}
 */
public record OpenLoopResult(double targetRate, int connections, Duration duration, Histogram latencyMicros,
                             Map<Failure, Long> errors, long late, long unsent, long connectionsOpened,
                             long clientCpuNanos) {

    public OpenLoopResult {
        latencyMicros = latencyMicros.copy();
        EnumMap<Failure, Long> all = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            all.put(failure, errors.getOrDefault(failure, 0L));
        }
        errors = Collections.unmodifiableMap(all);
    }

    /** A copy of the histogram, for merging with others ({@link Histogram#add}). */
    @Override
    public Histogram latencyMicros() {
        return latencyMicros.copy();
    }

    public long successes() {
        return latencyMicros.getTotalCount();
    }

    public long failures() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests sent and finished, successfully or not; {@code requests() + unsent()} were due. */
    public long requests() {
        return successes() + failures();
    }

    /** Successful responses per second of measured time. */
    public double achievedRate() {
        return successes() / (duration.toNanos() / 1e9);
    }

    /** The latency at or below which {@code percentile} percent of successful responses fell, µs (0 when none). */
    public long percentileMicros(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile);
    }

    public long p50Micros() {
        return percentileMicros(50);
    }

    public long p90Micros() {
        return percentileMicros(90);
    }

    public long p99Micros() {
        return percentileMicros(99);
    }

    public long p999Micros() {
        return percentileMicros(99.9);
    }

    public long p9999Micros() {
        return percentileMicros(99.99);
    }

    public long maxMicros() {
        return latencyMicros.getMaxValue();
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
        Histogram histogram = latencyMicros.copy();
        histogram.setAutoResize(true); // the other run may have tracked a longer range
        histogram.add(other.latencyMicros);
        Map<Failure, Long> sum = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            sum.put(failure, errors.get(failure) + other.errors.get(failure));
        }
        return new OpenLoopResult(targetRate, connections, duration.plus(other.duration), histogram, sum,
                late + other.late, unsent + other.unsent, connectionsOpened + other.connectionsOpened,
                clientCpuNanos + other.clientCpuNanos);
    }
}
