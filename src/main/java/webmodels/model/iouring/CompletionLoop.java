package webmodels.model.iouring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import webmodels.http.HttpSession;
import webmodels.http.OutBuffer;

/**
 * One thread, one io_uring: the loop of {@code io-uring}. Nothing is asked "are you ready?"; the
 * loop hands the kernel operations and reads back what they did.
 *
 * <pre>
 *   submit every queued SQE and wait for one CQE (or 100 ms) -- one io_uring_enter per turn
 *   for each CQE:
 *     accept (multishot) --fd--> new connection --> queue recv (buffer chosen by the kernel)
 *     recv n bytes  --> session.process --> responses? queue send   : queue recv again
 *     recv 0 / error --> close
 *     send done     --> rest unsent? queue send : close-after? close : queue recv
 *     eventfd read  --> close() was called
 *   every 100 ms: past its request deadline? 408 for a half-sent request, then close
 * </pre>
 *
 * A connection has at most one operation in flight: no receive while a response is unsent, so
 * a client that does not read its responses cannot make the server buffer without bound. The
 * request deadline restarts with every response. A connection's slot is reused only after the
 * completion of its last operation, so a late completion never reaches the wrong connection.
 */
public final class CompletionLoop implements Runnable {

    /**
     * @param entries    submission queue entries (the completion queue has four times as many)
     * @param buffers    provided receive buffers shared by every connection (a power of two)
     * @param bufferSize bytes per receive buffer
     * @param tcpNoDelay disable Nagle's algorithm on accepted connections
     * @param linkReceive submit a keep-alive response's send linked to the next receive, the send
     *                    reporting only a failure: one submission round and one completion per
     *                    request instead of two; false: queue the receive when the send completed
     * @param pollFirst   a receive that follows a response waits for data before it tries to read
     *                    (IORING_RECVSEND_POLL_FIRST): the client has rarely sent its next request
     *                    by then, so the first attempt would only fail with EAGAIN
     */
    public record Options(int entries, int buffers, int bufferSize, boolean tcpNoDelay, boolean linkReceive, boolean pollFirst) {
    }

    private static final long SWEEP_INTERVAL_NANOS = 100_000_000L;
    private static final long DRAIN_NANOS = 2_000_000_000L;
    private static final int OP_BITS = 3;
    private static final int OP_ACCEPT = 1;
    private static final int OP_RECV = 2;
    private static final int OP_SEND = 3;
    private static final int OP_WAKE = 4;
    private static final int OP_CANCEL = 5;
    /** A send linked to the receive after it: it completes (posts a CQE) only when it failed. */
    private static final int OP_SEND_LINKED = 6;

    private final InetAddress host;
    private final int requestedPort;
    private final int backlog;
    private final Supplier<HttpSession> sessions;
    private final long timeoutNanos;
    private final Options options;
    private final Thread thread;
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private final OutBuffer responses = new OutBuffer(4096);
    private final ArrayDeque<Connection> awaitingBuffer = new ArrayDeque<>();
    private volatile boolean closed;
    /** Guards {@link #eventFd}: close() must never write to the number after the loop closed it (it may name another file by then). */
    private final Object wakeLock = new Object();
    private int eventFd = -1;
    private int port;

    // Owned by the loop thread.
    private Arena arena;
    private Libc libc;
    private Ring ring;
    private BufferRing buffers;
    private ListeningSocket listener;
    private MemorySegment wakeCounter;
    private MemorySegment intOne;
    private Connection[] slots = new Connection[64];
    private int slotCount;
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int inFlight;
    private boolean acceptArmed;
    private boolean acceptAgainAtSweep;

    /** One accepted connection, in the slot its operations name in their user_data. */
    private static final class Connection {
        final int slot;
        /** Which connection of this slot: an operation's user_data carries it, so a late completion of an earlier one is told apart. */
        int generation;
        int fd = -1;
        boolean open;
        boolean free;
        boolean recvPending;
        boolean sendPending;
        boolean waitingForBuffer;
        HttpSession session;
        long deadline;
        Arena sendArena; // kept with the slot, so the next connection in it reuses the buffer
        MemorySegment sendBuffer;
        int sendOffset;
        int sendLength;
        boolean closeAfterSend;

        Connection(int slot) {
            this.slot = slot;
        }

        MemorySegment sendBuffer(int capacity) {
            if (sendBuffer == null || sendBuffer.byteSize() < capacity) {
                if (sendArena != null) {
                    sendArena.close();
                }
                sendArena = Arena.ofConfined();
                sendBuffer = sendArena.allocate(Math.max(capacity, 1024), 64);
            }
            return sendBuffer;
        }
    }

    public CompletionLoop(String threadName, InetAddress host, int port, int backlog, Supplier<HttpSession> sessions,
                          long timeoutNanos, Options options) {
        this.host = host;
        this.requestedPort = port;
        this.backlog = backlog;
        this.sessions = sessions;
        this.timeoutNanos = timeoutNanos;
        this.options = options;
        this.thread = new Thread(this, threadName);
    }

    /** Starts the loop thread and returns once it accepts connections, or fails with why it cannot. */
    public void start() throws IOException {
        thread.start();
        try {
            port = started.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            thread.interrupt();
            join(thread);
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("io-uring: the loop failed to start: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("io-uring: the loop did not start within 30 s", e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void run() {
        try {
            open();
        } catch (IOException | RuntimeException | Error e) {
            release();
            started.completeExceptionally(e);
            return;
        }
        started.complete(listener.port());
        try {
            serve();
        } finally {
            try {
                drain();
            } finally {
                release(); // even when the ring broke: every descriptor is closed
            }
        }
    }

    /** Everything the loop needs, made on the loop thread: a SINGLE_ISSUER ring belongs to the thread that set it up. */
    private void open() throws IOException {
        arena = Arena.ofConfined();
        libc = new Libc(arena);
        ring = Ring.open(libc, arena, options.entries(), 4 * options.entries());
        buffers = BufferRing.register(ring, arena, options.buffers(), options.bufferSize());
        listener = ListeningSocket.open(libc, host, requestedPort, backlog);
        int wakeFd = (int) Errno.check(libc.eventfd(0, Libc.EFD_CLOEXEC), "eventfd");
        synchronized (wakeLock) {
            eventFd = wakeFd;
        }
        wakeCounter = arena.allocate(JAVA_LONG);
        intOne = arena.allocate(JAVA_INT);
        intOne.set(JAVA_INT, 0, 1);
    }

    private void serve() {
        armAccept();
        armWake();
        long nextSweep = System.nanoTime() + SWEEP_INTERVAL_NANOS;
        while (!closed) {
            retryReceivesWaitingForBuffers();
            buffers.publish();
            ring.submitAndWait(SWEEP_INTERVAL_NANOS);
            reap();
            long now = System.nanoTime();
            if (now - nextSweep >= 0) {
                sweep(now);
                nextSweep = now + SWEEP_INTERVAL_NANOS;
            }
        }
    }

    private void reap() {
        int head = ring.cqHead();
        int tail = ring.cqTail();
        for (; head != tail; head++) {
            complete(ring.userData(head), ring.result(head), ring.flags(head));
        }
        ring.consumedUpTo(head);
    }

    private void complete(long userData, int result, int flags) {
        int op = (int) (userData & ((1 << OP_BITS) - 1));
        if ((flags & Ring.CQE_F_MORE) == 0 && op != OP_SEND_LINKED) {
            inFlight--; // the operation's last completion (a linked send is counted with its receive)
        }
        switch (op) {
            case OP_ACCEPT -> onAccept(result, flags);
            case OP_SEND_LINKED -> {
                Connection connection = current(userData);
                if (connection != null) {
                    onLinkedSendFailed(connection);
                }
            }
            case OP_RECV -> {
                Connection connection = current(userData);
                if (connection != null) {
                    onReceived(connection, result, flags);
                } else if ((flags & Ring.CQE_F_BUFFER) != 0) {
                    buffers.recycle(flags >>> Ring.CQE_BUFFER_SHIFT);
                }
            }
            case OP_SEND -> {
                Connection connection = current(userData);
                if (connection != null) {
                    onSent(connection, result);
                }
            }
            case OP_WAKE -> {
                if (!closed) {
                    armWake();
                }
            }
            default -> { // OP_CANCEL: nothing to do but count it
            }
        }
    }

    private void armAccept() {
        push(Ring.OP_ACCEPT, (byte) 0, Ring.ACCEPT_MULTISHOT, listener.fd(), 0, 0, 0, Libc.SOCK_CLOEXEC, OP_ACCEPT);
        acceptArmed = true;
        acceptAgainAtSweep = false;
    }

    private void armWake() {
        push(Ring.OP_READ, (byte) 0, (short) 0, eventFd, 0, wakeCounter.address(), 8, 0, OP_WAKE);
    }

    private void push(byte opcode, byte flags, short ioprio, int fd, long off, long addr, int len, int opFlags, long userData) {
        ring.push(opcode, flags, ioprio, fd, off, addr, len, opFlags, userData, BufferRing.GROUP);
        inFlight++;
    }

    private void onAccept(int result, int flags) {
        if ((flags & Ring.CQE_F_MORE) == 0) {
            acceptArmed = false;
        }
        if (result >= 0) {
            if (closed) {
                libc.close(result);
            } else {
                adopt(result);
            }
        }
        if (!acceptArmed && !closed) {
            if (result < 0) {
                acceptAgainAtSweep = true; // EMFILE, say: re-arming now would fail again at once; keep serving
            } else {
                armAccept();
            }
        }
    }

    private void adopt(int fd) {
        if (options.tcpNoDelay() && libc.setsockopt(fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, intOne) < 0) {
            libc.close(fd); // the peer already left: it is the one case in which this fails
            return;
        }
        Connection connection = freeSlot();
        connection.fd = fd;
        connection.open = true;
        connection.free = false;
        connection.generation++;
        connection.session = sessions.get();
        connection.deadline = System.nanoTime() + timeoutNanos;
        receive(connection);
    }

    private Connection freeSlot() {
        if (freeCount > 0) {
            return slots[freeSlots[--freeCount]];
        }
        if (slotCount == slots.length) {
            slots = Arrays.copyOf(slots, slotCount * 2);
            freeSlots = Arrays.copyOf(freeSlots, slotCount * 2);
        }
        Connection connection = new Connection(slotCount);
        slots[slotCount++] = connection;
        return connection;
    }

    private void receive(Connection connection) {
        receive(connection, (short) 0);
    }

    /** The receive after a response: the client is reading it, and has rarely sent more yet. */
    private void receiveAfterResponse(Connection connection) {
        receive(connection, options.pollFirst() ? Ring.RECVSEND_POLL_FIRST : 0);
    }

    private void receive(Connection connection, short ioprio) {
        push(Ring.OP_RECV, Ring.SQE_BUFFER_SELECT, ioprio, connection.fd, 0, 0, 0, 0, userData(connection, OP_RECV));
        connection.recvPending = true;
    }

    /**
     * The connection an operation's completion belongs to, or null when its slot has since passed
     * to another connection: a send linked to a receive completes only when it failed, and the
     * kernel does not promise to report it before the receive it canceled, after which the slot
     * is free again.
     */
    private Connection current(long userData) {
        Connection connection = slots[(int) (userData & 0xFFFF_FFFFL) >>> OP_BITS];
        return connection.generation == (int) (userData >>> 32) ? connection : null;
    }

    private static long userData(Connection connection, int op) {
        return ((long) connection.generation << 32) | ((long) connection.slot << OP_BITS) | op;
    }

    private void onReceived(Connection connection, int result, int flags) {
        int bid = (flags & Ring.CQE_F_BUFFER) != 0 ? flags >>> Ring.CQE_BUFFER_SHIFT : -1;
        connection.recvPending = false;
        connection.sendPending = false; // a send linked before this receive ended before it began
        try {
            if (!connection.open) {
                return; // closed while the receive was in flight
            }
            if (result == -Errno.ENOBUFS) { // every buffer was lent out this turn: try again next turn
                connection.waitingForBuffer = true;
                awaitingBuffer.add(connection);
                return;
            }
            if (result <= 0) { // 0: the client closed (or half-closed) its side; else a reset
                close(connection);
                return;
            }
            boolean closeAfter = connection.session.process(buffers.received(bid, result), responses);
            if (!responses.isEmpty()) {
                // The deadline restarts with every response, and only then: bytes that complete no
                // request (empty lines, say) must not keep a connection open.
                connection.deadline = System.nanoTime() + timeoutNanos;
                send(connection, closeAfter);
            } else if (closeAfter) {
                close(connection);
            } else {
                receive(connection);
            }
        } catch (RuntimeException e) {
            close(connection); // a bug in serving this one connection: close it and serve the others
        } finally {
            if (bid >= 0) {
                buffers.recycle(bid);
            }
            // The buffer is the loop's, shared by every connection: what a throwing handler left
            // in it must never be sent to the next connection served.
            responses.clear();
            releaseIfDone(connection);
        }
    }

    private void send(Connection connection, boolean closeAfter) {
        int length = responses.size();
        MemorySegment.copy(responses.array(), 0, connection.sendBuffer(length), JAVA_BYTE, 0, length);
        connection.sendOffset = 0;
        connection.sendLength = length;
        connection.closeAfterSend = closeAfter;
        if (options.linkReceive() && !closeAfter) {
            sendThenReceive(connection);
        } else {
            sendRest(connection);
        }
    }

    /**
     * The send, and linked to it the next receive, which the kernel starts only once the send
     * succeeded: still no reading while a response is unsent. MSG_WAITALL makes the kernel send
     * it all (or fail); CQE_SKIP_SUCCESS keeps the send's completion off the queue unless it failed.
     */
    private void sendThenReceive(Connection connection) {
        ring.push(Ring.OP_SEND, (byte) (Ring.SQE_IO_LINK | Ring.SQE_CQE_SKIP_SUCCESS), (short) 0, connection.fd, 0,
                connection.sendBuffer.address(), connection.sendLength, Libc.MSG_NOSIGNAL | Libc.MSG_WAITALL,
                userData(connection, OP_SEND_LINKED), BufferRing.GROUP);
        connection.sendPending = true;
        receiveAfterResponse(connection);
    }

    /** The linked send failed (its receive comes back canceled next): the client is gone. */
    private void onLinkedSendFailed(Connection connection) {
        close(connection);
    }

    private void sendRest(Connection connection) {
        push(Ring.OP_SEND, (byte) 0, (short) 0, connection.fd, 0, connection.sendBuffer.address() + connection.sendOffset,
                connection.sendLength - connection.sendOffset, Libc.MSG_NOSIGNAL, userData(connection, OP_SEND));
        connection.sendPending = true;
    }

    private void onSent(Connection connection, int result) {
        connection.sendPending = false;
        try {
            if (!connection.open) {
                return;
            }
            if (result < 0) { // EPIPE, ECONNRESET: the client is gone
                close(connection);
                return;
            }
            connection.sendOffset += result;
            if (connection.sendOffset < connection.sendLength) {
                sendRest(connection); // the socket took part of it: the rest when it has room
            } else if (connection.closeAfterSend) {
                if (connection.session.failed()) {
                    // Bad input: the client may still be sending. Stop writing and let it see the
                    // error before the close, instead of a reset that could destroy the response.
                    libc.shutdown(connection.fd, Libc.SHUT_WR);
                }
                close(connection);
            } else {
                receiveAfterResponse(connection);
            }
        } finally {
            releaseIfDone(connection);
        }
    }

    private void retryReceivesWaitingForBuffers() {
        Connection connection;
        while ((connection = awaitingBuffer.poll()) != null) {
            if (connection.waitingForBuffer && connection.open) { // else closed, or queued twice
                connection.waitingForBuffer = false;
                receive(connection);
            }
        }
    }

    /** Closes connections past their request deadline: a half-sent request gets its 408 first, best effort. */
    private void sweep(long now) {
        for (int i = 0; i < slotCount; i++) {
            Connection connection = slots[i];
            if (connection.open && now - connection.deadline >= 0) {
                if (!connection.sendPending) {
                    connection.session.onTimeout(responses);
                    if (!responses.isEmpty()) {
                        int length = responses.size();
                        MemorySegment out = connection.sendBuffer(length);
                        MemorySegment.copy(responses.array(), 0, out, JAVA_BYTE, 0, length);
                        libc.send(connection.fd, out.asSlice(0, length), Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL); // it is closing anyway
                        responses.clear();
                    }
                }
                close(connection);
                releaseIfDone(connection);
            }
        }
        if (acceptAgainAtSweep && !acceptArmed) {
            armAccept();
        }
    }

    private void close(Connection connection) {
        if (!connection.open) {
            return;
        }
        connection.open = false;
        connection.waitingForBuffer = false;
        connection.session = null;
        if (connection.recvPending || connection.sendPending) {
            // The operation in flight holds the socket: a close alone would leave the connection
            // up until the client sends. Shutting it down ends that operation, and with it the socket.
            libc.shutdown(connection.fd, Libc.SHUT_RDWR);
        }
        libc.close(connection.fd);
        connection.fd = -1;
    }

    /** Frees the slot once its connection is closed and the kernel has reported its last operation. */
    private void releaseIfDone(Connection connection) {
        if (!connection.open && !connection.free && !connection.recvPending && !connection.sendPending) {
            connection.free = true;
            freeSlots[freeCount++] = connection.slot;
        }
    }

    /** After the loop: closes every connection and the listener, cancels what is left, and waits for the kernel to report it all. */
    private void drain() {
        for (int i = 0; i < slotCount; i++) {
            close(slots[i]);
        }
        if (listener != null) {
            libc.shutdown(listener.fd(), Libc.SHUT_RDWR); // ends the multishot accept
        }
        push(Ring.OP_ASYNC_CANCEL, (byte) 0, (short) 0, 0, 0, 0, 0, Ring.ASYNC_CANCEL_ANY, OP_CANCEL);
        long giveUp = System.nanoTime() + DRAIN_NANOS;
        while (inFlight > 0 && System.nanoTime() - giveUp < 0) {
            ring.submitAndWait(SWEEP_INTERVAL_NANOS);
            reap();
        }
    }

    /** Closes every descriptor and unmaps the rings; the buffers' memory only once the kernel can no longer write to it. */
    private void release() {
        if (listener != null) {
            libc.close(listener.fd());
        }
        synchronized (wakeLock) {
            if (eventFd >= 0) {
                libc.close(eventFd);
                eventFd = -1;
            }
        }
        if (ring != null) {
            ring.close();
        }
        for (int i = 0; i < slotCount; i++) {
            if (slots[i].sendArena != null && !slots[i].sendPending) {
                slots[i].sendArena.close();
            }
        }
        if (arena != null && inFlight <= 0) {
            arena.close();
        } else if (arena != null) {
            System.err.println("io-uring: " + inFlight + " operations still in flight after " + DRAIN_NANOS / 1_000_000
                    + " ms; their buffers are left allocated rather than freed under the kernel");
        }
    }

    /** Stops the loop; its thread closes every connection, the listener and the ring, and this waits for it. */
    public void close() {
        closed = true;
        synchronized (wakeLock) {
            if (eventFd >= 0) {
                try (Arena local = Arena.ofConfined()) {
                    MemorySegment one = local.allocate(JAVA_LONG);
                    one.set(JAVA_LONG, 0, 1L);
                    new Libc(local).write(eventFd, one); // completes the loop's read of the eventfd: it wakes at once
                }
            }
        }
        if (Thread.currentThread() != thread) {
            join(thread);
        }
    }

    /** Whether the loop thread is still running (for tests of close). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Bounded, and keeping an interrupt for the caller. */
    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
