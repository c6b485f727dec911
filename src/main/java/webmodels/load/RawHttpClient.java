package webmodels.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A lean blocking client for one question, how fast a model answers: one blocking socket, one
 * request encoded once, one receive buffer, so that the client's own cost stays small beside the
 * server's (one thread per connection still pays a wake-up per request; {@link SelectorClient}
 * does not). On the keep-alive path a request allocates nothing: it writes the
 * same bytes, reads into the same buffer, and finds the status and {@code Content-Length} by
 * scanning bytes.
 *
 * <p>{@link #get()} either returns after a {@code 200} whose body is {@code Hello World}, or
 * throws a {@link RequestFailedException} naming the {@link Failure}; it never retries. After a
 * failure the connection is dropped and the next {@code get()} opens a new one, as it does when
 * the server answered {@code Connection: close} or the client is in close mode.
 *
 * <p>The timeout bounds the whole of one {@code get()}: connect, write and read together.
 * Not thread-safe: one client per thread.
 */
public final class RawHttpClient implements RawClient {

    /** Our server's answer is about 80 bytes; anything beyond this is not the response we expect. */
    static final int BUFFER_SIZE = 4096;

    private final InetSocketAddress server;
    private final boolean keepAlive;
    private final long timeoutNanos;
    private final byte[] request;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final HelloResponse response = new HelloResponse(buffer);
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int soTimeoutMillis;
    private long connectionsOpened;

    /**
     * @param server    where to connect; must be resolved
     * @param keepAlive true to reuse a connection for as long as the server keeps it open; false
     *                  to send {@code Connection: close} and open one connection per request
     * @param timeout   the most one {@link #get()} may take, from 1 ms
     */
    public RawHttpClient(InetSocketAddress server, boolean keepAlive, Duration timeout) {
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + server);
        }
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be from 1 ms to 24 days, not: " + timeout);
        }
        this.server = server;
        this.keepAlive = keepAlive;
        this.timeoutNanos = timeout.toNanos();
        this.request = request(server, keepAlive);
    }

    /** {@code GET /} to the server, with {@code Connection: close} unless keep-alive, encoded once. */
    static byte[] request(InetSocketAddress server, boolean keepAlive) {
        String address = server.getAddress().getHostAddress(); // the literal we connect to, not a name it may have
        String host = address.contains(":") ? "[" + address + "]" : address;
        return ("GET / HTTP/1.1\r\n"
                + "Host: " + host + ":" + server.getPort() + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one {@code GET /} and reads its response; returns only for {@code 200 Hello World}. */
    @Override
    public void get() throws RequestFailedException {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            if (socket == null) {
                connect(deadline);
            }
            out.write(request);
            boolean serverCloses = readResponse(deadline);
            if (serverCloses || !keepAlive) {
                drop();
            }
        } catch (RequestFailedException e) {
            drop();
            throw e;
        } catch (IOException e) {
            drop();
            throw RequestFailedException.of(e);
        }
    }

    @Override
    public long connectionsOpened() {
        return connectionsOpened;
    }

    @Override
    public void close() {
        drop();
    }

    private void connect(long deadline) throws IOException {
        Socket opening = new Socket();
        try {
            opening.setTcpNoDelay(true);
            opening.connect(server, remainingMillis(deadline));
            soTimeoutMillis = remainingMillis(deadline);
            opening.setSoTimeout(soTimeoutMillis);
            in = opening.getInputStream();
            out = opening.getOutputStream();
        } catch (IOException e) {
            opening.close();
            throw e;
        }
        socket = opening;
        connectionsOpened++;
    }

    /**
     * Reads exactly one response into the buffer and checks it.
     *
     * @return true when the server said it will close the connection
     */
    private boolean readResponse(long deadline) throws IOException {
        int filled = 0;
        do {
            filled += readSome(filled, deadline);
        } while (!response.complete(filled));
        if (filled > response.length()) { // we never pipeline, so the server had no reason to send more
            throw new RequestFailedException(Failure.OTHER, (filled - response.length()) + " unexpected bytes after the response");
        }
        return response.serverCloses();
    }

    /** Reads at least one byte into the buffer at {@code at}, within what is left of the deadline. */
    private int readSome(int at, long deadline) throws IOException {
        int millis = remainingMillis(deadline);
        if (millis != soTimeoutMillis) { // only after a slow read or a connect: no boxing on the usual path
            socket.setSoTimeout(millis);
            soTimeoutMillis = millis;
        }
        int n = in.read(buffer, at, buffer.length - at);
        if (n < 0) {
            throw new RequestFailedException(Failure.CLOSED_EARLY,
                    at == 0 ? "connection closed before any response" : "connection closed after " + at + " bytes of the response");
        }
        return n;
    }

    /** What is left of the deadline in whole milliseconds, rounded up, so a fresh request gets the full timeout. */
    private static int remainingMillis(long deadline) throws RequestFailedException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new RequestFailedException(Failure.TIMEOUT, "no complete response in time");
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }

    private void drop() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the connection is gone either way, and the next get() opens a new one
        }
        socket = null;
        in = null;
        out = null;
    }
}
