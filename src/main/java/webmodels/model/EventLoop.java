package webmodels.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import webmodels.http.HttpSession;
import webmodels.http.OutBuffer;

/**
 * One selector loop on one thread: the heart of {@code reactor} (one loop that also accepts) and
 * {@code multi-reactor} (several loops fed by an acceptor, or each with its own listener).
 *
 * <pre>
 *   select --OP_ACCEPT--> accept (up to acceptBatch), register OP_READ
 *      |---OP_READ----> read into the loop's buffer -> session.process -> write
 *      |                    all written: keep OP_READ | partial: keep the rest, wait for OP_WRITE
 *      |---OP_WRITE---> write the rest -> back to OP_READ (or close)
 *      '---every sweep: close connections past their request deadline
 * </pre>
 *
 * While a connection has unwritten bytes it is not read: a client that does not read its
 * responses cannot make the server buffer without bound.
 */
final class EventLoop implements Runnable {

    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;

    private final ServerConfig config;
    private final LoopOptions options;
    private final Selector selector;
    private final ByteBuffer readBuffer;
    private final ByteBuffer directWriteBuffer;
    private final OutBuffer responses = new OutBuffer(4096);
    private final Queue<SocketChannel> handoff = new ConcurrentLinkedQueue<>();
    private final long timeoutNanos;
    /** {@link #onReady} as the selector's action, made once: {@code this::onReady} in the loop would be a new object per select. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final Thread thread;
    private volatile boolean closed;
    private long nextSweep;

    /** The state of one connection, attached to its selection key. */
    private final class Connection {
        final SocketChannel channel;
        final HttpSession session;
        ByteBuffer unwritten; // null unless a write was partial (or deferred to OP_WRITE)
        boolean closeWhenWritten;
        long deadline;

        Connection(SocketChannel channel) {
            this.channel = channel;
            this.session = new HttpSession(config.handler(), config.limits(), false);
            this.deadline = System.nanoTime() + timeoutNanos;
        }
    }

    EventLoop(String name, ServerConfig config, LoopOptions options) throws IOException {
        this.config = config;
        this.options = options;
        this.selector = Selector.open();
        this.readBuffer = options.direct() ? ByteBuffer.allocateDirect(options.readBuffer()) : ByteBuffer.allocate(options.readBuffer());
        this.directWriteBuffer = options.direct() ? ByteBuffer.allocateDirect(64 * 1024) : null;
        this.timeoutNanos = config.limits().requestTimeout().toNanos();
        this.thread = new Thread(this, name);
    }

    /** Makes this loop accept from {@code listener} itself; call before {@link #start()}. */
    void acceptFrom(ServerSocketChannel listener) throws IOException {
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    void start() {
        thread.start();
    }

    /** Hands an accepted connection to this loop; safe from any thread. */
    void adopt(SocketChannel channel) {
        handoff.add(channel);
        selector.wakeup();
    }

    @Override
    public void run() {
        nextSweep = System.nanoTime() + SWEEP_INTERVAL_NANOS;
        int idleSpins = 0;
        try {
            while (!closed) {
                int ready = switch (options.select()) {
                    case BLOCK -> selector.select(onReady, SWEEP_INTERVAL_NANOS / 1_000_000);
                    case BUSY_POLL -> selector.selectNow(onReady);
                    case TIMEOUT -> selector.select(onReady, 1);
                    case SPIN_THEN_BLOCK -> idleSpins < options.spins()
                            ? selector.selectNow(onReady)
                            : selector.select(onReady, SWEEP_INTERVAL_NANOS / 1_000_000);
                };
                idleSpins = ready > 0 ? 0 : idleSpins + 1;
                adoptHandedOff();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweepTimeouts(now);
                    nextSweep = now + SWEEP_INTERVAL_NANOS;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            closeEverything();
        }
    }

    private void onReady(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept((ServerSocketChannel) key.channel());
                return;
            }
            Connection connection = (Connection) key.attachment();
            if (key.isWritable()) {
                onWritable(key, connection);
            } else if (key.isReadable()) {
                onReadable(key, connection);
            }
        } catch (IOException | RuntimeException e) {
            // A reset, or a bug in serving this one connection: close it and serve the others.
            close(key);
        } finally {
            // The buffer is the loop's, shared by every connection: responses a failed write or
            // a throwing handler left in it must never be sent to the next connection served.
            responses.clear();
        }
    }

    private void accept(ServerSocketChannel listener) throws IOException {
        for (int i = 0; i < options.acceptBatch(); i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                return; // e.g. EMFILE: keep serving the connections we have, retry on the next event
            }
            if (channel == null) {
                return;
            }
            register(channel);
        }
    }

    private void adoptHandedOff() {
        SocketChannel channel;
        while ((channel = handoff.poll()) != null) {
            try {
                register(channel);
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    private void register(SocketChannel channel) throws IOException {
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
            channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void onReadable(SelectionKey key, Connection connection) throws IOException {
        ByteBuffer in = readBuffer.clear();
        int n = connection.channel.read(in);
        if (n < 0) {
            close(key);
            return;
        }
        if (n == 0) {
            return;
        }
        in.flip();
        boolean close = connection.session.process(in, responses);
        if (!responses.isEmpty()) {
            // The deadline restarts with every response, even when this read also began the next
            // request (a client that keeps pipelining is being served, not slow), and only then
            // (bytes that complete no request, empty lines say, must not keep a connection open).
            connection.deadline = System.nanoTime() + timeoutNanos;
            send(key, connection, close);
        } else if (close) {
            close(key);
        }
    }

    /** Writes the collected responses now, or keeps what is left for OP_WRITE. */
    private void send(SelectionKey key, Connection connection, boolean closeAfter) throws IOException {
        ByteBuffer out = responses.flip();
        if (options.writeMode() == LoopOptions.WriteMode.IMMEDIATE) {
            writeSome(connection.channel, out);
        }
        responses.clear();
        if (out.hasRemaining()) {
            connection.unwritten = ByteBuffer.allocate(out.remaining()).put(out).flip();
            connection.closeWhenWritten = closeAfter;
            key.interestOps(SelectionKey.OP_WRITE);
        } else if (closeAfter) {
            closeAfterResponse(key, connection);
        }
    }

    private void onWritable(SelectionKey key, Connection connection) throws IOException {
        writeSome(connection.channel, connection.unwritten);
        if (connection.unwritten.hasRemaining()) {
            return;
        }
        connection.unwritten = null;
        if (connection.closeWhenWritten) {
            closeAfterResponse(key, connection);
        } else {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Writes as much of {@code out} as the socket takes, through the direct buffer when configured. */
    private void writeSome(SocketChannel channel, ByteBuffer out) throws IOException {
        if (directWriteBuffer == null || out.isDirect() || out.remaining() > directWriteBuffer.capacity()) {
            channel.write(out);
            return;
        }
        int start = out.position();
        directWriteBuffer.clear().put(out).flip();
        int written = channel.write(directWriteBuffer);
        out.position(start + written);
    }

    private void closeAfterResponse(SelectionKey key, Connection connection) {
        if (connection.session.failed()) {
            // Bad input: the client may still be sending. Stop writing and let it see the error
            // before the close, instead of a reset that could destroy the response.
            try {
                connection.channel.shutdownOutput();
            } catch (IOException e) {
                // closing anyway
            }
        }
        close(key);
    }

    private void sweepTimeouts(long now) {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection && now - connection.deadline >= 0) {
                if (connection.unwritten == null) {
                    connection.session.onTimeout(responses);
                    if (!responses.isEmpty()) {
                        try {
                            writeSome(connection.channel, responses.flip()); // best effort: it is closing anyway
                        } catch (IOException e) {
                            // closing anyway
                        }
                        responses.clear();
                    }
                }
                close(key);
            }
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    /** Stops the loop; its thread closes every connection and the selector, and this waits for it. */
    void close() {
        closed = true;
        selector.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive()) {
            closeEverything(); // the loop never started, or already ended: make sure all is closed
        }
    }

    private void closeEverything() {
        try {
            for (SelectionKey key : selector.keys()) {
                if (!(key.channel() instanceof ServerSocketChannel)) {
                    close(key);
                }
            }
        } catch (RuntimeException e) {
            // ClosedSelectorException: a second call, nothing left to close
        }
        SocketChannel channel;
        while ((channel = handoff.poll()) != null) {
            closeQuietly(channel);
        }
        closeQuietly(selector);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // cleanup: nothing more to do with it
        }
    }
}
