package webmodels.http;

/**
 * What bounds a blocking write: a socket's write has no timeout of its own, so the blocking loop
 * says when a write starts, with the deadline it must meet, and when it ends, and whoever gave it
 * the timer closes the connection of a write still blocked at its deadline (a client that
 * pipelines requests and never reads its answers would otherwise hold the serving thread forever).
 */
public interface WriteTimer {

    /** For a stream whose writes need no bound (in memory, or bounded by someone else). */
    WriteTimer NONE = new WriteTimer() {
        @Override
        public void writing(long deadlineNanos) {
            // nothing to watch
        }

        @Override
        public void written() {
            // nothing to watch
        }
    };

    /** A write starts; it must be over by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void writing(long deadlineNanos);

    /** The write started last is over. */
    void written();
}
