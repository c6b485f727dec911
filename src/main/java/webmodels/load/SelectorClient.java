package webmodels.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One thread driving C connections through one {@link Selector}, each with one request in
 * flight: the shape of wrk and of ab, which keep a fixed number of requests outstanding from a
 * single event loop. Beside {@link RawHttpClient}, where each connection needs a blocking thread,
 * this client pays no thread wake-up per request and reads the responses that arrived together
 * in one batch, so that on a small machine more of the CPU is left to the server.
 *
 * <p>Each call of {@link #get()} is one response: it waits for a response on any connection,
 * checks it ({@code 200}, body {@code Hello World}, nothing more), sends that connection's next
 * request and returns; or it throws a {@link RequestFailedException} naming the {@link Failure}
 * of one request, whose connection is then closed and reopened on a later call. Nothing is
 * retried. With keep-alive a connection is reused for as long as the server keeps it open;
 * without, every request goes out on a new connection with {@code Connection: close}, as ab does.
 *
 * <pre>
 *   connection:  (to open) --connect--> CONNECTING --connected, request written--> AWAITING
 *                AWAITING --whole response, keep-alive--> AWAITING   (next request written)
 *                AWAITING --whole response, closing--> (to open)
 *                any state --failure or timeout--> (to open), the failure thrown by get()
 * </pre>
 *
 * <p>The timeout bounds each request from its connect (or, on a kept connection, from its
 * write) to its response's last byte. A request allocates nothing on the keep-alive path. Not
 * thread-safe: one client per thread.
 */
public final class SelectorClient implements RawClient {

    private final InetSocketAddress server;
    private final boolean keepAlive;
    private final long timeoutNanos;
    private final Selector selector;
    private final Connection[] connections;
    private final ArrayDeque<Connection> toOpen;
    private final ArrayDeque<Connection> ready;
    private final Consumer<SelectionKey> onSelected; // one instance, so that select() allocates nothing
    private long connectionsOpened;

    /**
     * @param server      where to connect; must be resolved
     * @param connections how many requests are in flight at once, each on its own connection
     * @param keepAlive   true to reuse each connection while the server keeps it open; false for a
     *                    new connection per request, closed after its response
     * @param timeout     the most one request may take, from 1 ms
     */
    public SelectorClient(InetSocketAddress server, int connections, boolean keepAlive, Duration timeout) throws IOException {
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + server);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, not: " + connections);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, not: " + timeout);
        }
        this.server = server;
        this.keepAlive = keepAlive;
        this.timeoutNanos = timeout.toNanos();
        this.selector = Selector.open();
        byte[] request = RawHttpClient.request(server, keepAlive);
        this.connections = new Connection[connections];
        this.toOpen = new ArrayDeque<>(connections);
        this.ready = new ArrayDeque<>(connections);
        for (int i = 0; i < connections; i++) {
            this.connections[i] = new Connection(request);
            toOpen.add(this.connections[i]);
        }
        this.onSelected = key -> ready.add((Connection) key.attachment());
    }

    /**
     * Returns after the next {@code 200 Hello World} on any connection, with that connection's
     * next request already sent; throws when instead one request failed.
     */
    @Override
    public void get() throws RequestFailedException {
        openClosedConnections();
        while (true) {
            Connection connection = ready.poll();
            if (connection == null) {
                awaitEvents();
            } else if (connection.onReady()) {
                return;
            }
        }
    }

    @Override
    public long connectionsOpened() {
        return connectionsOpened;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            connection.drop();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to do: its channels are closed, and a selector holds nothing else worth a failure
        }
    }

    /**
     * Starts a connect for every connection that has none. A connect that fails at once is that
     * request's failure: the connection waits for the next call, so that each attempt is counted.
     */
    private void openClosedConnections() throws RequestFailedException {
        Connection connection;
        while ((connection = toOpen.poll()) != null) {
            connection.open();
        }
    }

    /**
     * Waits for events until the earliest deadline of a request in flight; a request past its
     * deadline fails with {@link Failure#TIMEOUT}.
     */
    private void awaitEvents() throws RequestFailedException {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        Connection late = null;
        for (Connection connection : connections) {
            if (connection.channel != null && connection.deadline - now < earliest) {
                earliest = connection.deadline - now;
                late = connection;
            }
        }
        if (late == null) {
            throw new IllegalStateException("no connection in flight"); // openClosedConnections opened them all
        }
        if (earliest <= 0) {
            throw late.fail(new RequestFailedException(Failure.TIMEOUT,
                    late.connected ? "no complete response in time" : "no connection in time"));
        }
        try {
            selector.select(onSelected, Math.max(1, (earliest + 999_999) / 1_000_000));
        } catch (IOException e) {
            throw new IllegalStateException("the client's selector failed", e);
        }
    }

    /** One connection: its channel while open, its receive buffer and its request's deadline. */
    private final class Connection {

        private final ByteBuffer request;
        private final byte[] received = new byte[RawHttpClient.BUFFER_SIZE];
        private final ByteBuffer receiveBuffer = ByteBuffer.wrap(received);
        private final HelloResponse response = new HelloResponse(received);
        private SocketChannel channel;
        private SelectionKey key;
        private boolean connected;
        private long deadline;

        Connection(byte[] request) {
            this.request = ByteBuffer.wrap(request);
        }

        /** Starts a non-blocking connect; on loopback it often completes at once. */
        void open() throws RequestFailedException {
            deadline = System.nanoTime() + timeoutNanos;
            connected = false;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                if (channel.connect(server)) {
                    onConnected();
                }
            } catch (IOException e) {
                throw fail(e);
            }
        }

        /**
         * Does what the selector said is ready: finishes a connect, writes the rest of a request,
         * reads a response.
         *
         * @return true when a whole, good response arrived (and the next request has gone out)
         */
        boolean onReady() throws RequestFailedException {
            if (channel == null) {
                return false; // dropped after the selector chose it
            }
            try {
                if (!connected) {
                    if (channel.finishConnect()) {
                        onConnected();
                    }
                    return false;
                }
                if (request.hasRemaining()) {
                    writeRequest();
                    return false;
                }
                return read();
            } catch (IOException e) {
                throw fail(e);
            }
        }

        private void onConnected() throws IOException {
            connected = true;
            connectionsOpened++;
            sendRequest();
        }

        private void sendRequest() throws IOException {
            request.rewind();
            receiveBuffer.clear();
            writeRequest();
        }

        /** Writes what the socket takes; waits for OP_WRITE only in the rare case it takes less than all. */
        private void writeRequest() throws IOException {
            channel.write(request);
            key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private boolean read() throws IOException {
            if (!response.completeAfterRead(channel.read(receiveBuffer), receiveBuffer.position())) {
                return false;
            }
            if (keepAlive && !response.serverCloses()) {
                deadline = System.nanoTime() + timeoutNanos;
                sendRequest();
            } else {
                drop();
                toOpen.add(this);
            }
            return true;
        }

        /** Closes the connection after a failure and queues it to be opened again; the failure, to throw. */
        RequestFailedException fail(IOException e) {
            drop();
            toOpen.add(this);
            return RequestFailedException.of(e);
        }

        void drop() {
            if (channel == null) {
                return;
            }
            try {
                channel.close(); // also cancels the key
            } catch (IOException e) {
                // nothing to do: the connection is gone either way, and it is opened again when needed
            }
            channel = null;
            key = null;
        }
    }
}
