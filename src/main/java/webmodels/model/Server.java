package webmodels.model;

import java.io.IOException;
import java.util.Optional;

/**
 * One concurrency model serving the shared handler over HTTP/1.1.
 *
 * <p>The life of every model follows the same rules (the contract tests check each for every model):
 * <ol>
 *   <li><b>Building starts nothing.</b> The constructor checks the options and may allocate, but
 *       opens no socket and starts no thread or process; a server built and never started needs no
 *       {@link #close()} (it is harmless all the same).</li>
 *   <li><b>{@link #start()} returns once the server accepts connections</b>; it binds (port 0 picks
 *       a free port) and starts the model's threads or processes.</li>
 *   <li><b>A failed {@code start()} closes what it opened</b> (listener, threads, children) before
 *       it throws, whether or not the caller then calls {@code close()}.</li>
 *   <li><b>{@link #close()} frees the port, every thread, child process and socket</b> the server
 *       opened, open connections included, before it returns, and is harmless to call twice, or
 *       before {@code start()}.</li>
 *   <li><b>One connection's trouble stays its own.</b> A reset, bad input, a socket that cannot be
 *       set up, or a client that never reads its responses (every write is bounded by the request
 *       deadline) closes that connection only.</li>
 *   <li><b>Out of descriptors, a server waits.</b> A failed accept is retried after a pause that
 *       grows up to a fraction of a second, not at once: the connections already open go on being
 *       served, and accepting resumes once descriptors free.</li>
 *   <li><b>A server that can no longer serve says so.</b> If a thread the model cannot do without
 *       dies (a selector loop, say), the server stops accepting, prints the cause on stderr and
 *       reports it through {@link #failure()}; {@code close()} still frees everything.</li>
 * </ol>
 * Whoever starts a server closes it, also when its own setup fails after the server started.
 */
public interface Server extends AutoCloseable {

    void start() throws IOException;

    /** The bound port; valid after {@link #start()}. */
    int port();

    @Override
    void close();

    /** Why the server stopped serving on its own, or empty while it serves as it should. */
    default Optional<Throwable> failure() {
        return Optional.empty();
    }

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
