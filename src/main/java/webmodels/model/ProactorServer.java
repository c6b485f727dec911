package webmodels.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code proactor}: NIO.2 asynchronous channels. The server starts an operation (accept, read,
 * write) and names what to do when it completes; a pool of threads runs those completion
 * handlers. No thread waits for one connection; on Linux the JDK builds this on epoll, and the
 * pool threads take turns waiting for events and running the handlers.
 *
 * <pre>
 *   [pool thread] accept done -> accept again; start a read on the new connection
 *   [pool thread] read done   -> session.process -> start a write   (no read is pending meanwhile)
 *   [pool thread] write done  -> write the rest | close | start the next read
 *   read/write past the request deadline -> 408 for a half-sent request, close
 * </pre>
 *
 * Options: {@code threads} (the completion-handler pool, default: the number of cores) and
 * {@code read-buffer} (bytes per connection: unlike a reactor, every connection waiting in a
 * read holds its own buffer).
 */
public final class ProactorServer implements Server {

    public static final String NAME = "proactor";

    private final ServerConfig config;
    private final int threads;
    private final int readBufferSize;
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel listener;
    private boolean closed;

    public ProactorServer(ServerConfig config) {
        config.requireOnly(NAME, Set.of("threads", "read-buffer"));
        this.config = config;
        this.threads = config.intOption("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        this.readBufferSize = config.intOption("read-buffer", 4096, 64, 16 * 1024 * 1024);
    }

    @Override
    public synchronized void start() throws IOException {
        group = AsynchronousChannelGroup.withFixedThreadPool(threads, namedThreads());
        try {
            listener = AsynchronousServerSocketChannel.open(group);
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), AcceptingServer.BACKLOG);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        listener.accept(null, new Acceptor());
    }

    /** Names the pool threads after the model, and remembers them so that close() can wait until they are gone. */
    private ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, NAME + "-" + count.incrementAndGet());
            poolThreads.add(thread);
            return thread;
        };
    }

    /** Accepts the next connection as soon as one is accepted, and starts serving the accepted one. */
    private final class Acceptor implements CompletionHandler<AsynchronousSocketChannel, Void> {

        @Override
        public void completed(AsynchronousSocketChannel channel, Void unused) {
            acceptNext();
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                new ProactorConnection(channel, config, readBufferSize).start();
            } catch (IOException | RuntimeException e) {
                ProactorConnection.closeQuietly(channel);
            }
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            // Closed by close(): stop. Anything else (e.g. EMFILE): keep serving the connections we have.
            acceptNext();
        }

        private void acceptNext() {
            if (listener.isOpen()) {
                try {
                    listener.accept(null, this);
                } catch (RuntimeException e) {
                    // ShutdownChannelGroupException or an accept already pending: the server is closing
                }
            }
        }
    }

    @Override
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("not listening", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            ProactorConnection.closeQuietly(listener);
        }
        if (group == null) {
            return;
        }
        try {
            group.shutdownNow(); // closes every connection of the group; its threads end once their handlers return
            group.awaitTermination(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // shutting down for cleanup: nothing more can be done with the group
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poolThreads.forEach(AcceptingServer::joinQuietly); // the pool terminates just before its last threads end
    }
}
