package webmodels.model;

import java.io.IOException;

/**
 * One concurrency model serving the shared handler over HTTP/1.1.
 *
 * <p>{@link #start()} binds (port 0 picks a free port) and returns once the server accepts
 * connections. {@link #close()} frees the port, every thread, child process and socket it
 * opened, and is harmless to call twice.
 */
public interface Server extends AutoCloseable {

    void start() throws IOException;

    /** The bound port; valid after {@link #start()}. */
    int port();

    @Override
    void close();

    /**
     * CPU time, in nanoseconds, that this server's threads had used when they ended. The JVM forgets
     * a thread's CPU time once it ends, so the benchmarks, which measure the server's live threads by
     * name, ask here for the rest: a model that ends threads while it serves adds up their time.
     * 0 for a model whose threads live as long as it does.
     */
    default long cpuNanosOfEndedThreads() {
        return 0;
    }
}
