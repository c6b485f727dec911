package webmodels.load;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What an {@link OpenLoopDriver} records of its measured requests, on the driver's thread: every
 * due request's latency from its intended send time (answered, failed or never sent), how late the
 * driver itself was at each, and the counts. Not thread-safe.
 */
final class OpenLoopRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram latency;
    private final Histogram lateness;
    private final Histogram service;
    private final long[] errors = new long[Failure.values().length];
    private long successes;
    private long late;
    private long unsent;
    private long censoredFrom = Long.MAX_VALUE;

    /** @param highestMicros the longest latency to tell apart; longer ones are recorded as this */
    OpenLoopRecorder(long highestMicros) {
        latency = new Histogram(highestMicros, SIGNIFICANT_DIGITS);
        lateness = new Histogram(highestMicros, SIGNIFICANT_DIGITS);
        service = new Histogram(highestMicros, SIGNIFICANT_DIGITS);
    }

    /** A {@code 200 Hello World}, {@code nanos} after its intended send time and {@code sinceSent} after its send. */
    void answered(long nanos, long sinceSent) {
        latency.recordValue(micros(nanos));
        service.recordValue(micros(sinceSent));
        successes++;
    }

    /** A failure {@code nanos} after the intended send time: a lower bound of a latency that never ended. */
    void failed(Failure failure, long nanos) {
        errors[failure.ordinal()]++;
        censored(nanos);
    }

    /** A request still unsent when the run ended, {@code nanos} after its intended send time. */
    void unsent(long nanos) {
        unsent++;
        censored(nanos);
    }

    /** How long after its intended send time the driver sent a request (or found it due with no free connection). */
    void lateness(long nanos) {
        lateness.recordValue(micros(nanos));
    }

    /** A request that found every connection busy and waited for one. */
    void late() {
        late++;
    }

    OpenLoopResult result(double rate, int connections, Duration duration, long connectionsOpened, long cpuNanos) {
        Map<Failure, Long> byKind = new EnumMap<>(Failure.class);
        for (Failure failure : Failure.values()) {
            byKind.put(failure, errors[failure.ordinal()]);
        }
        return new OpenLoopResult(rate, connections, duration, latency, lateness, service, successes, byKind, late, unsent,
                connectionsOpened, cpuNanos, censoredFrom);
    }

    private void censored(long nanos) {
        long micros = micros(nanos);
        latency.recordValue(micros);
        censoredFrom = Math.min(censoredFrom, micros);
    }

    private long micros(long nanos) {
        return Math.min(Math.max(0, nanos / 1000), latency.getHighestTrackableValue());
    }
}
