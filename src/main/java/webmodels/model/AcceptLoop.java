package webmodels.model;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The accept loop of every model that accepts on a thread of its own (the blocking-socket models
 * through {@link AcceptingServer}, and {@code multi-reactor}'s acceptor): accept, hand the
 * connection over, and after a failed accept wait ({@link AcceptBackoff}) instead of spinning.
 * It ends once {@code closed} says so; closing the listener is what unblocks its accept.
 *
 * @param <C> the accepted connection: a {@link java.net.Socket} or a {@link java.nio.channels.SocketChannel}
 */
final class AcceptLoop<C extends AutoCloseable> implements Runnable {

    /** One blocking accept. */
    interface Accept<C> {
        C accept() throws IOException;
    }

    private final Accept<C> accept;
    private final Consumer<C> dispatch;
    private final BooleanSupplier closed;

    /** {@code dispatch} takes over the connection; if it throws, the connection is closed and the loop goes on. */
    AcceptLoop(Accept<C> accept, Consumer<C> dispatch, BooleanSupplier closed) {
        this.accept = accept;
        this.dispatch = dispatch;
        this.closed = closed;
    }

    @Override
    public void run() {
        AcceptBackoff backoff = new AcceptBackoff();
        while (!closed.getAsBoolean()) {
            C connection;
            try {
                connection = accept.accept();
            } catch (IOException e) {
                if (closed.getAsBoolean()) {
                    return; // the listener was closed to stop this loop
                }
                // Out of descriptors, most likely: keep serving the connections we have, try again later.
                if (!pause(backoff.afterFailure())) {
                    return;
                }
                continue;
            }
            backoff.succeeded();
            try {
                dispatch.accept(connection);
            } catch (RuntimeException e) {
                Closing.quietly(connection); // no thread to serve it (the pool is shutting down, say): only this one is lost
            }
        }
    }

    /** False when interrupted: whoever interrupts an accept loop wants it to end. */
    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
