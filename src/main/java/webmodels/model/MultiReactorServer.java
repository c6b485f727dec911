package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>If a loop fails, the server stops accepting (it closes every listener, so that neither the
 * acceptor nor the kernel hands the dead loop more connections), and reports the failure
 * through {@link #failure()}; the other loops serve their open connections until {@link #close()}.
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
    private int next; // the loop that gets the acceptor's next connection
    private volatile Throwable failure;
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
    public synchronized void start() throws IOException {
        try {
            for (int i = 0; i < loopCount; i++) {
                loops.add(new EventLoop(NAME + "-loop-" + i, config, options, this::loopFailed));
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
                acceptor = new Thread(new AcceptLoop<>(listener::accept, this::handOver, this::stopsAccepting), NAME + "-acceptor");
            }
            loops.forEach(EventLoop::start);
            if (acceptor != null) {
                acceptor.start();
            }
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves nothing open
            throw e;
        }
    }

    /** On the acceptor thread: deals the connections to the loops in turn, never to one that has died. */
    private void handOver(SocketChannel channel) {
        EventLoop loop = loops.get(next);
        next = (next + 1) % loops.size();
        if (failure != null || !loop.isServing()) {
            Closing.quietly(channel); // a loop died: the server accepts no more, and this one came in meanwhile
            return;
        }
        loop.adopt(channel);
    }

    private boolean stopsAccepting() {
        return closed || failure != null;
    }

    /** On a loop's thread, as it dies: stop accepting everywhere, so that no client waits on a dead loop. */
    private void loopFailed(Throwable cause) {
        failure = cause;
        listeners.forEach(Closing::quietly);
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The loops, for tests that break one. */
    List<EventLoop> loops() {
        return loops;
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
        listeners.forEach(Closing::quietly); // unblocks the acceptor
        if (acceptor != null) {
            Closing.join(acceptor);
        }
        loops.forEach(EventLoop::close);
    }
}
