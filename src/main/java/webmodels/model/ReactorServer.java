package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashSet;
import java.util.Optional;


/**
 * {@code reactor}: the seed's epoll server. One thread, non-blocking channels and one
 * {@link java.nio.channels.Selector} (epoll on Linux) that both accepts and serves every
 * connection; see {@link EventLoop} for the loop and {@link LoopOptions} for its knobs.
 *
 * <pre>
 *   [loop] select -> accept | read -> handle -> write | write the rest -> select -> ...
 * </pre>
 *
 * Nothing in it ever blocks but the select itself, so it holds many idle connections for the
 * price of their buffers; but a handler that blocks or computes stalls every connection.
 * If the loop fails, the server closes its listener (new clients are refused, not left waiting)
 * and reports the failure through {@link #failure()}.
 */
public final class ReactorServer implements Server {

    public static final String NAME = "reactor";

    private final ServerConfig config;
    private final LoopOptions options;
    private ServerSocketChannel listener;
    private EventLoop loop;
    private volatile Throwable failure;
    private boolean closed;

    public ReactorServer(ServerConfig config) {
        config.requireOnly(NAME, new HashSet<>(LoopOptions.NAMES));
        this.config = config;
        this.options = LoopOptions.from(config);
    }

    @Override
    public synchronized void start() throws IOException {
        try {
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(config.host(), config.port()), AcceptingServer.BACKLOG);
            loop = new EventLoop(NAME + "-loop", config, options, this::loopFailed);
            loop.acceptFrom(listener);
            loop.start();
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves nothing open
            throw e;
        }
    }

    /** On the loop's thread, as it dies: nobody accepts any more, so stop clients from queueing for nothing. */
    private void loopFailed(Throwable cause) {
        failure = cause;
        Closing.quietly(listener);
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The loop, for tests that break it. */
    EventLoop loop() {
        return loop;
    }

    @Override
    public int port() {
        return listener.socket().getLocalPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null) {
            loop.close();
        }
        Closing.quietly(listener);
    }

}
