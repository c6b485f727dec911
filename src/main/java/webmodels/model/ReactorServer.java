package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashSet;


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
 */
public final class ReactorServer implements Server {

    public static final String NAME = "reactor";

    private final ServerConfig config;
    private final LoopOptions options;
    private ServerSocketChannel listener;
    private EventLoop loop;
    private boolean closed;

    public ReactorServer(ServerConfig config) {
        config.requireOnly(NAME, new HashSet<>(LoopOptions.NAMES));
        this.config = config;
        this.options = LoopOptions.from(config);
    }

    @Override
    public void start() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(config.host(), config.port()), AcceptingServer.BACKLOG);
        loop = new EventLoop(NAME + "-loop", config, options);
        loop.acceptFrom(listener);
        loop.start();
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
        if (listener != null) {
            AcceptingServer.closeQuietly(listener);
        }
    }

}
