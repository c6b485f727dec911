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
 * <p>The request timeout is a deadline that restarts after every response: a connection that stays
 * silent that long, or takes that long to send one request, is closed.
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
     * closes the socket. An I/O error (a reset, say) ends only this connection.
     */
    public void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            serve(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            // The client reset or vanished: this connection is over, and only this one.
        }
    }

    /**
     * Serves requests read from {@code in} and writes responses to {@code out}; when {@code socket}
     * is not null its read timeout enforces the request timeout, otherwise the caller must.
     */
    public void serve(InputStream in, OutputStream out, Socket socket) throws IOException {
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
                writeAndClear(out, responses);
                return;
            }
            if (n < 0) {
                return;
            }
            readBuffer.clear().limit(n);
            boolean close = session.process(readBuffer, responses);
            if (!responses.isEmpty()) {
                writeAndClear(out, responses);
                // Even when the read also began the next request: a client that keeps pipelining
                // is being served, not slow.
                deadline = System.nanoTime() + timeoutNanos;
            }
            if (close) {
                if (socket != null && session.failed()) {
                    lingeringClose(socket);
                }
                return;
            }
        }
    }

    private static void writeAndClear(OutputStream out, OutBuffer responses) throws IOException {
        out.write(responses.array(), 0, responses.size());
        out.flush();
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
