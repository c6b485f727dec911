package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code multi-reactor}: Doug Lea's multiple reactors (Netty's boss and workers, nginx's
 * workers). N selector loops share the connections, and either one acceptor thread deals
 * accepted connections to the loops in turn, or each loop accepts from a listener of its own on
 * the same port (SO_REUSEPORT), and the kernel spreads the connections.
 *
 * <pre>
 *   acceptor mode:  [acceptor] accept -> loop[i++ % N].adopt ----> [loop i] select -> read -> handle -> write
 *   reuseport mode: [loop i] select -> accept on its own listener | read -> handle -> write
 * </pre>
 *
 * Options: {@code loops} (default: the number of cores), {@code reuseport} (default false), and
 * every selector-loop knob of {@link LoopOptions}.
 */
public final class MultiReactorServer implements Server {

    public static final String NAME = "multi-reactor";

    private final ServerConfig config;
    private final LoopOptions options;
    private final int loopCount;
    private final boolean reusePort;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private Thread acceptor;
    private volatile boolean closed;

    public MultiReactorServer(ServerConfig config) {
        Set<String> allowed = new HashSet<>(LoopOptions.NAMES);
        allowed.add("loops");
        allowed.add("reuseport");
        config.requireOnly(NAME, allowed);
        this.config = config;
        this.options = LoopOptions.from(config);
        this.loopCount = config.intOption("loops", Runtime.getRuntime().availableProcessors(), 1, 1024);
        this.reusePort = config.booleanOption("reuseport", false);
    }

    @Override
    public void start() throws IOException {
        try {
            for (int i = 0; i < loopCount; i++) {
                loops.add(new EventLoop(NAME + "-loop-" + i, config, options));
            }
            if (reusePort) {
                int port = config.port();
                for (EventLoop loop : loops) {
                    ServerSocketChannel listener = ServerSocketChannel.open();
                    listeners.add(listener);
                    listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    listener.bind(new InetSocketAddress(config.host(), port), AcceptingServer.BACKLOG);
                    port = listener.socket().getLocalPort(); // port 0: the first bind picks it, the rest share it
                    loop.acceptFrom(listener);
                }
            } else {
                ServerSocketChannel listener = ServerSocketChannel.open();
                listeners.add(listener);
                listener.bind(new InetSocketAddress(config.host(), config.port()), AcceptingServer.BACKLOG);
                acceptor = new Thread(() -> acceptLoop(listener), NAME + "-acceptor");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        loops.forEach(EventLoop::start);
        if (acceptor != null) {
            acceptor.start();
        }
    }

    private void acceptLoop(ServerSocketChannel listener) {
        int next = 0;
        while (!closed) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. EMFILE: keep serving the connections we have
            }
            loops.get(next).adopt(channel);
            next = (next + 1) % loops.size();
        }
    }

    @Override
    public int port() {
        return listeners.get(0).socket().getLocalPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.forEach(AcceptingServer::closeQuietly); // unblocks the acceptor
        if (acceptor != null) {
            AcceptingServer.joinQuietly(acceptor);
        }
        loops.forEach(EventLoop::close);
    }
}
