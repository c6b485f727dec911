package webmodels.model;

/**
 * How long an accept loop waits after a failed accept before it tries again. The failure is
 * nearly always a process or system out of descriptors (EMFILE, ENFILE): the pending connection
 * stays in the backlog, the listener stays ready, and a loop that retried at once would spin a
 * core until descriptors free. The wait doubles from {@link #MIN_NANOS} to {@link #MAX_NANOS}
 * while accepts keep failing, and starts again from the least after one succeeds; the connections
 * already open are served meanwhile.
 */
final class AcceptBackoff {

    static final long MIN_NANOS = 10_000_000L;
    static final long MAX_NANOS = 200_000_000L;

    private long next = MIN_NANOS;

    /** The wait before the next try, after a failed accept; each call doubles the one after it, up to the most. */
    long afterFailure() {
        long wait = next;
        next = Math.min(MAX_NANOS, next * 2);
        return wait;
    }

    /** An accept succeeded: the next failure waits the least again. */
    void succeeded() {
        next = MIN_NANOS;
    }
}
