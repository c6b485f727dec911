package webmodels.model;

import java.time.Duration;

/** Cleanup that must not fail: closing what is being given up, and waiting a bounded time for a thread to end. */
final class Closing {

    /** How long {@link #join} waits for a thread that was told to stop. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private Closing() {
    }

    /** Closes {@code closeable}, if any, ignoring a failure: it is being given up, and nothing more can be done with it. */
    static void quietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing for cleanup: the resource is gone or going either way
        }
    }

    /** Waits up to {@link #JOIN_TIMEOUT} for {@code thread} to end; an interrupt ends the wait and is kept for the caller. */
    static void join(Thread thread) {
        try {
            thread.join(JOIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
