package webmodels.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One keep-alive connection of an {@link OpenLoopDriver}, non-blocking, driven by the driver's
 * selector, with at most one request in flight (no pipelining). It tells the driver what happened
 * through {@link Events}; the driver decides what the connection does next.
 *
 * <pre>
 *   CLOSED --open()--> CONNECTING --connected--> IDLE                    (a spare, ready for a request)
 *   CLOSED --openFor(request)--> CONNECTING --connected, request written--> BUSY
 *   IDLE --send(request)--> BUSY --whole response, keep-alive--> IDLE
 *   BUSY --whole response, server closes--> CLOSED   (Events.closed: the driver reopens it as a spare)
 *   IDLE --server closed it, or sent bytes unasked--> CLOSED   (Events.closed)
 *   any --failure or timeout--> CLOSED   (Events.failed when a request was on it, Events.closed otherwise)
 * </pre>
 */
final class OpenLoopConnection {

    enum State { CLOSED, CONNECTING, IDLE, BUSY }

    /** What the driver hears from its connections, on the driver's thread. */
    interface Events {
        /** A {@code 200 Hello World} for the request meant to go out at {@code intended} and sent at {@code sentAt}. */
        void answered(OpenLoopConnection connection, long intended, long sentAt, boolean measured);

        /** The request meant to go out at {@code intended} failed; the connection is CLOSED. */
        void failed(OpenLoopConnection connection, RequestFailedException failure, long intended, boolean measured);

        /** The connection is IDLE: connected, or its response arrived and it stays open. */
        void free(OpenLoopConnection connection);

        /**
         * The connection is CLOSED with no request on it: {@code reopen} true when it had worked (the
         * server closed it after a response or while idle), false when a spare's connect failed.
         */
        void closed(OpenLoopConnection connection, boolean reopen);
    }

    private final InetSocketAddress server;
    private final Selector selector;
    private final Events events;
    private final long timeoutNanos;
    private final ByteBuffer request;
    private final byte[] received = new byte[RawHttpClient.BUFFER_SIZE];
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(received);
    private final HelloResponse response = new HelloResponse(received);
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CLOSED;
    private boolean carrying; // a request rides on the connect in progress
    private long intended;
    private long sentAt;
    private boolean measured;
    private long deadline;
    private long opened;

    OpenLoopConnection(InetSocketAddress server, Selector selector, Events events, long timeoutNanos, byte[] request) {
        this.server = server;
        this.selector = selector;
        this.events = events;
        this.timeoutNanos = timeoutNanos;
        this.request = ByteBuffer.wrap(request);
    }

    State state() {
        return state;
    }

    /** Connections established so far, reopened ones included. */
    long opened() {
        return opened;
    }

    /** Starts a connect with no request on it: a spare, {@link Events#free} once connected. */
    void open() {
        connect(false, 0, false);
    }

    /** Starts a connect carrying the request meant for {@code intended}; its time counts from now on. */
    void openFor(long intended, boolean measured) {
        connect(true, intended, measured);
    }

    /** Sends the request meant for {@code intended} on this IDLE connection. */
    void send(long intended, boolean measured) {
        this.intended = intended;
        this.measured = measured;
        sentAt = System.nanoTime();
        deadline = sentAt + timeoutNanos;
        state = State.BUSY;
        try {
            writeRequest(true);
        } catch (IOException e) {
            fail(RequestFailedException.of(e));
        }
    }

    /** Fails what is in progress when its time is up: a request with TIMEOUT, a spare connect by closing it. */
    void checkTimeout(long now) {
        if ((state == State.BUSY || state == State.CONNECTING) && now - deadline > 0) {
            fail(new RequestFailedException(Failure.TIMEOUT,
                    state == State.BUSY ? "no complete response in time" : "no connection in time"));
        }
    }

    /** Does what the selector said is ready. */
    void onReady() {
        try {
            switch (state) {
                case CONNECTING -> {
                    if (channel.finishConnect()) {
                        onConnected();
                    }
                }
                case BUSY -> {
                    if (request.hasRemaining()) {
                        writeRequest(false);
                    } else {
                        read();
                    }
                }
                case IDLE -> onIdleReadable();
                case CLOSED -> {
                    // a key selected in the same batch as the failure that closed it: nothing left to do
                }
            }
        } catch (RequestFailedException e) {
            fail(e);
        } catch (IOException e) {
            fail(RequestFailedException.of(e));
        }
    }

    /** Closes the connection whatever its state, telling no one: the driver is stopping. */
    void close() {
        if (channel != null) {
            try {
                channel.close(); // also cancels the key
            } catch (IOException e) {
                // nothing to do: the connection is gone either way, and the run is over
            }
        }
        channel = null;
        key = null;
        state = State.CLOSED;
    }

    private void connect(boolean withRequest, long intended, boolean measured) {
        carrying = withRequest;
        this.intended = intended;
        this.measured = measured;
        sentAt = System.nanoTime();
        deadline = sentAt + timeoutNanos;
        state = State.CONNECTING;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(selector, SelectionKey.OP_CONNECT, this);
            if (channel.connect(server)) {
                onConnected();
            }
        } catch (IOException e) {
            fail(RequestFailedException.of(e));
        }
    }

    private void onConnected() throws IOException {
        opened++;
        if (carrying) {
            carrying = false;
            state = State.BUSY;
            writeRequest(true);
        } else {
            becomeIdle();
            events.free(this);
        }
    }

    /** Writes what the socket takes; waits for OP_WRITE only in the rare case it takes less than all. */
    private void writeRequest(boolean fromStart) throws IOException {
        if (fromStart) {
            request.rewind();
            receiveBuffer.clear();
        }
        channel.write(request);
        key.interestOps(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
        if (!response.completeAfterRead(channel.read(receiveBuffer), receiveBuffer.position())) {
            return;
        }
        if (response.serverCloses()) {
            close();
            events.answered(this, intended, sentAt, measured);
            events.closed(this, true);
        } else {
            becomeIdle();
            events.answered(this, intended, sentAt, measured);
            events.free(this);
        }
    }

    /** Watches an idle connection for the server closing it, so that no request is sent into a dead one. */
    private void becomeIdle() {
        state = State.IDLE;
        key.interestOps(SelectionKey.OP_READ);
        receiveBuffer.clear();
    }

    private void onIdleReadable() {
        int n;
        try {
            n = channel.read(receiveBuffer);
        } catch (IOException e) {
            n = -1; // reset while idle: the same as closed, no request was on it
        }
        if (n != 0) { // closed, or bytes nobody asked for: either way the connection cannot be trusted
            close();
            events.closed(this, true);
        }
    }

    private void fail(RequestFailedException failure) {
        boolean withRequest = state == State.BUSY || carrying;
        carrying = false;
        close();
        if (withRequest) {
            events.failed(this, failure, intended, measured);
        } else {
            events.closed(this, false);
        }
    }
}
