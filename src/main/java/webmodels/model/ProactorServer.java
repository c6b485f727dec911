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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * After a failed accept (out of descriptors) the next accept waits ({@link AcceptBackoff}) on a
 * timer thread of its own: retried at once from the pool, it would spin.
 *
 * <p>Options: {@code threads} (the completion-handler pool, default: the number of cores) and
 * {@code read-buffer} (bytes per connection: unlike a reactor, every connection waiting in a
 * read holds its own buffer).
 */
public final class ProactorServer implements Server {

    public static final String NAME = "proactor";

    private final ServerConfig config;
    private final int threads;
    private final int readBufferSize;
    private final Set<Thread> poolThreads = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor acceptRetries;
    private AsynchronousChannelGroup group;
    private AsynchronousServerSocketChannel listener;
    private boolean closed;

    public ProactorServer(ServerConfig config) {
        config.requireOnly(NAME, Set.of("threads", "read-buffer"));
        this.config = config;
        this.threads = config.intOption("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
        this.readBufferSize = config.intOption("read-buffer", 4096, 64, 16 * 1024 * 1024);
        // Its thread starts with the first retry only: a server that never runs out of descriptors never has it.
        this.acceptRetries = new ScheduledThreadPoolExecutor(1, task -> new Thread(task, NAME + "-accept-retry"));
    }

    @Override
    public synchronized void start() throws IOException {
        try {
            group = AsynchronousChannelGroup.withFixedThreadPool(threads, namedThreads());
            listener = AsynchronousServerSocketChannel.open(group);
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.host(), config.port()), AcceptingServer.BACKLOG);
            listener.accept(null, new Acceptor());
        } catch (IOException | RuntimeException e) {
            close(); // a failed start leaves nothing open
            throw e;
        }
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

        private final AcceptBackoff backoff = new AcceptBackoff(); // one accept pending at a time: no races

        @Override
        public void completed(AsynchronousSocketChannel channel, Void unused) {
            backoff.succeeded();
            acceptNext();
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                new ProactorConnection(channel, config, readBufferSize).start();
            } catch (IOException | RuntimeException e) {
                Closing.quietly(channel); // reset before we got to it, say: only this connection is lost
            }
        }

        @Override
        public void failed(Throwable failure, Void unused) {
            // Closed by close(): stop. Anything else (out of descriptors, most likely): keep serving
            // the connections we have, and accept again after a pause.
            if (!listener.isOpen()) {
                return;
            }
            try {
                acceptRetries.schedule(this::acceptNext, backoff.afterFailure(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // close() has shut the timer down: the server is closing
            }
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
        Closing.quietly(listener);
        acceptRetries.shutdownNow();
        try {
            acceptRetries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        poolThreads.forEach(Closing::join); // the pool terminates just before its last threads end
    }
}
