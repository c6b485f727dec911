package webmodels.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * Serves one connection with blocking reads and writes on the calling thread: the loop that the
 * blocking, thread-pool, thread-per-connection, virtual-threads, prefork and process-per-request
 * models all run, each on threads (or processes) of its own choosing.
 *
 * <p>The request timeout is a deadline that restarts with every response: a connection that stays
 * silent that long, takes that long to send one request, or to take one response off the server
 * (the {@link WriteTimer} enforces that), is closed.
 */
public final class BlockingConnection {

    private final Handler handler;
    private final Limits limits;
    private final boolean closeAfterEachResponse;

    public BlockingConnection(Handler handler, Limits limits, boolean closeAfterEachResponse) {
        this.handler = handler;
        this.limits = limits;
        this.closeAfterEachResponse = closeAfterEachResponse;
    }

    /**
     * Serves requests until the client closes, a response closes, bad input or the timeout; then
     * closes the socket. An I/O error (a reset, or the close of a write past its deadline by
     * {@code writeTimer}'s owner) ends only this connection.
     */
    public void serve(Socket socket, WriteTimer writeTimer) {
        try (socket) {
            socket.setTcpNoDelay(true);
            serve(socket.getInputStream(), socket.getOutputStream(), socket, writeTimer);
        } catch (IOException e) {
            // The client reset or vanished: this connection is over, and only this one.
        }
    }

    /** {@link #serve(InputStream, OutputStream, Socket, WriteTimer)} with writes no one bounds. */
    public void serve(InputStream in, OutputStream out, Socket socket) throws IOException {
        serve(in, out, socket, WriteTimer.NONE);
    }

    /**
     * Serves requests read from {@code in} and writes responses to {@code out}; when {@code socket}
     * is not null its read timeout enforces the request timeout, otherwise the caller must.
     * Every write is reported to {@code writeTimer} with its deadline.
     */
    public void serve(InputStream in, OutputStream out, Socket socket, WriteTimer writeTimer) throws IOException {
        HttpSession session = new HttpSession(handler, limits, closeAfterEachResponse);
        byte[] readBytes = new byte[8192];
        ByteBuffer readBuffer = ByteBuffer.wrap(readBytes);
        OutBuffer responses = new OutBuffer(512);
        long timeoutNanos = limits.requestTimeout().toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            int n;
            try {
                if (socket != null) {
                    long remainingMillis = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
                }
                n = in.read(readBytes);
            } catch (SocketTimeoutException e) {
                session.onTimeout(responses);
                writeAndClear(out, responses, System.nanoTime() + timeoutNanos, writeTimer); // one more timeout to send the 408
                return;
            }
            if (n < 0) {
                return;
            }
            readBuffer.clear().limit(n);
            boolean close = session.process(readBuffer, responses);
            if (!responses.isEmpty()) {
                // The deadline restarts with every response, even when the read also began the next
                // request (a client that keeps pipelining is being served, not slow); the response
                // must leave within it, as in the event loops.
                deadline = System.nanoTime() + timeoutNanos;
                writeAndClear(out, responses, deadline, writeTimer);
            }
            if (close) {
                if (socket != null && session.failed()) {
                    lingeringClose(socket);
                }
                return;
            }
        }
    }

    private static void writeAndClear(OutputStream out, OutBuffer responses, long deadline, WriteTimer writeTimer) throws IOException {
        writeTimer.writing(deadline);
        try {
            out.write(responses.array(), 0, responses.size());
            out.flush();
        } finally {
            writeTimer.written();
        }
        responses.clear();
    }

    /**
     * Closing a socket with unread input makes the kernel send a reset, which can destroy the
     * response still in flight (an error answer to a request with a body, say). So after an error,
     * stop writing, let the client see the end of the response, and read away what it still
     * sends, briefly.
     */
    static void lingeringClose(Socket socket) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(200);
        byte[] discard = new byte[4096];
        long until = System.nanoTime() + 200_000_000L;
        try {
            while (System.nanoTime() < until && socket.getInputStream().read(discard) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // the client kept the connection open: close it anyway
        }
    }
}
