package webmodels.model;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
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
 *
 * <p>What goes wrong with one connection (a reset, a socket that cannot be set up) closes that
 * connection only. A failed accept (out of descriptors) stops accepting for a while
 * ({@link AcceptBackoff}): the listener stays ready under the level-triggered selector, and the
 * loop would otherwise spin. A failure of the selector itself ends the loop: it closes its
 * connections, reports the failure on stderr and to its server, which then stops accepting.
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
    /** Every connection the loop holds: a failed selector forgets its keys, and the loop must still close them. */
    private final Set<SocketChannel> open = new HashSet<>();
    private final long timeoutNanos;
    /** {@link #onReady} as the selector's action, made once: {@code this::onReady} in the loop would be a new object per select. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final ChannelSetup setup;
    private final Consumer<Throwable> onFailure;
    private final Thread thread;
    private final AcceptBackoff acceptBackoff = new AcceptBackoff();
    private volatile boolean closed;
    /** Set once the loop has ended (closed or failed): connections handed over after that are closed, not queued. */
    private volatile boolean ended;
    private long nextSweep;
    /** The listener's key while accepting waits after a failed accept, else null; and until when it waits. */
    private SelectionKey acceptPaused;
    private long acceptResumesAt;

    /** How the loop sets up each connection it takes on; an exception closes that connection only. */
    interface ChannelSetup {
        void configure(SocketChannel channel) throws IOException;
    }

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

    /**
     * A loop named {@code name} (its thread's name); {@code onFailure} hears, on the loop's thread,
     * why the loop ended if it was not {@link #close() closed}.
     */
    EventLoop(String name, ServerConfig config, LoopOptions options, Consumer<Throwable> onFailure) throws IOException {
        this(name, config, options, onFailure, channel -> channel.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay()));
    }

    EventLoop(String name, ServerConfig config, LoopOptions options, Consumer<Throwable> onFailure, ChannelSetup setup) throws IOException {
        this.config = config;
        this.options = options;
        this.onFailure = onFailure;
        this.setup = setup;
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

    /** Hands an accepted connection to this loop; safe from any thread. A loop that has ended closes it. */
    void adopt(SocketChannel channel) {
        handoff.add(channel);
        selector.wakeup();
        if (ended) { // the loop may have emptied the queue for the last time before this joined it
            closeHandedOff();
        }
    }

    /** The loop's selector, for tests that make it fail. */
    Selector selector() {
        return selector;
    }

    /** True while the loop runs: not yet closed, and not ended by a failure. */
    boolean isServing() {
        return !ended && thread.isAlive();
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
                if (acceptPaused != null && now - acceptResumesAt >= 0) {
                    acceptPaused.interestOps(SelectionKey.OP_ACCEPT);
                    acceptPaused = null;
                }
                if (now - nextSweep >= 0) {
                    sweepTimeouts(now);
                    nextSweep = now + SWEEP_INTERVAL_NANOS;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // The selector itself failed (a failure of one connection never gets here): this loop
            // can serve no more. Say so where a person sees it, and let the server stop accepting.
            if (!closed) {
                System.err.println(thread.getName() + " failed and serves no more: " + e);
                onFailure.accept(e);
            }
        } finally {
            ended = true;
            closeEverything();
        }
    }

    private void onReady(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept(key);
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

    private void accept(SelectionKey listenerKey) {
        ServerSocketChannel listener = (ServerSocketChannel) listenerKey.channel();
        for (int i = 0; i < options.acceptBatch(); i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // Out of descriptors, most likely: the connection stays in the backlog and the
                // listener ready, so stop asking for a while and serve the connections we have.
                acceptPaused = listenerKey;
                acceptResumesAt = System.nanoTime() + acceptBackoff.afterFailure();
                listenerKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            acceptBackoff.succeeded();
            register(channel);
        }
    }

    private void adoptHandedOff() {
        SocketChannel channel;
        while ((channel = handoff.poll()) != null) {
            register(channel);
        }
    }

    /** Takes the connection on, or closes it if it cannot be set up: one bad socket never stops the loop. */
    private void register(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            setup.configure(channel);
            channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
            open.add(channel);
        } catch (IOException | RuntimeException e) {
            Closing.quietly(channel); // reset before we got to it, say: only this connection is lost
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

    private void close(SelectionKey key) {
        key.cancel();
        Closing.quietly(key.channel());
        open.remove(key.channel());
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

    /** Closes every connection; the listeners are their servers' to close. */
    private void closeEverything() {
        open.forEach(Closing::quietly);
        open.clear();
        closeHandedOff();
        Closing.quietly(selector);
    }

    private void closeHandedOff() {
        SocketChannel channel;
        while ((channel = handoff.poll()) != null) {
            Closing.quietly(channel);
        }
    }
}
