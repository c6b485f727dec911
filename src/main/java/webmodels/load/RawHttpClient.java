package webmodels.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The leanest client we can write for one question, how fast a model answers: one blocking
 * socket, one request encoded once, one receive buffer, so that the client's own cost stays
 * small beside the server's. On the keep-alive path a request allocates nothing: it writes the
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
public final class RawHttpClient implements AutoCloseable {

    private static final byte[] EXPECTED_BODY = "Hello World".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    /** Our server's answer is about 80 bytes; anything beyond this is not the response we expect. */
    private static final int BUFFER_SIZE = 4096;

    private final InetSocketAddress server;
    private final boolean keepAlive;
    private final long timeoutNanos;
    private final byte[] request;
    private final byte[] buffer = new byte[BUFFER_SIZE];
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
        String address = server.getAddress().getHostAddress(); // the literal we connect to, not a name it may have
        String host = address.contains(":") ? "[" + address + "]" : address;
        this.request = ("GET / HTTP/1.1\r\n"
                + "Host: " + host + ":" + server.getPort() + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one {@code GET /} and reads its response; returns only for {@code 200 Hello World}. */
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
            throw classify(e);
        }
    }

    /** How many connections this client has opened so far (successful connects). */
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
        int headEnd = -1;
        while (headEnd < 0) {
            if (filled == buffer.length) {
                throw new RequestFailedException(Failure.OTHER, "response head larger than " + buffer.length + " bytes");
            }
            int from = Math.max(0, filled - 3);
            filled += readSome(filled, deadline);
            headEnd = headEnd(from, filled);
        }
        int status = status(headEnd);
        if (status != 200) {
            throw new RequestFailedException(Failure.NON_200, "status " + status);
        }
        int contentLength = -1;
        boolean serverCloses = false;
        int line = lineEnd(0, headEnd) + 2;
        while (line < headEnd - 2) {
            int end = lineEnd(line, headEnd);
            int colon = indexOf((byte) ':', line, end);
            if (colon < 0) {
                throw new RequestFailedException(Failure.OTHER, "header line without a colon");
            }
            if (equalsIgnoreCase(line, colon, CONTENT_LENGTH)) {
                contentLength = parseLength(colon + 1, end);
            } else if (equalsIgnoreCase(line, colon, CONNECTION)) {
                serverCloses = containsIgnoreCase(colon + 1, end, CLOSE);
            }
            line = end + 2;
        }
        if (contentLength < 0) {
            throw new RequestFailedException(Failure.OTHER, "200 without a Content-Length");
        }
        if (contentLength != EXPECTED_BODY.length) {
            throw new RequestFailedException(Failure.WRONG_BODY, "body of " + contentLength + " bytes");
        }
        int total = headEnd + contentLength;
        while (filled < total) {
            filled += readSome(filled, deadline);
        }
        if (filled > total) { // we never pipeline, so the server had no reason to send more
            throw new RequestFailedException(Failure.OTHER, (filled - total) + " unexpected bytes after the response");
        }
        if (!Arrays.equals(buffer, headEnd, total, EXPECTED_BODY, 0, EXPECTED_BODY.length)) {
            throw new RequestFailedException(Failure.WRONG_BODY,
                    "body '" + new String(buffer, headEnd, contentLength, StandardCharsets.ISO_8859_1) + "'");
        }
        return serverCloses;
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

    /** The index just past the blank line ending the head, or -1 when it has not arrived yet. */
    private int headEnd(int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private int status(int headEnd) throws RequestFailedException {
        // "HTTP/1.1 200 OK": version, one space, three digits, then a space or the line's end
        if (headEnd < 14 || !Arrays.equals(buffer, 0, HTTP_1.length, HTTP_1, 0, HTTP_1.length) || buffer[8] != ' '
                || (buffer[12] != ' ' && buffer[12] != '\r')) {
            throw new RequestFailedException(Failure.OTHER, "malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new RequestFailedException(Failure.OTHER, "malformed status code");
            }
            status = status * 10 + digit;
        }
        return status;
    }

    /** The index of the CR of the CRLF ending the line that starts at {@code from}. */
    private int lineEnd(int from, int headEnd) {
        int i = from;
        while (i < headEnd - 1 && !(buffer[i] == '\r' && buffer[i + 1] == '\n')) {
            i++;
        }
        return i;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private boolean equalsIgnoreCase(int from, int to, byte[] lowerCase) {
        if (to - from != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            if (toLower(buffer[from + i]) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerCase) {
        for (int start = from; start + lowerCase.length <= to; start++) {
            if (equalsIgnoreCase(start, start + lowerCase.length, lowerCase)) {
                return true;
            }
        }
        return false;
    }

    private int parseLength(int from, int to) throws RequestFailedException {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) {
            from++;
        }
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 9) {
            throw new RequestFailedException(Failure.OTHER, "malformed Content-Length");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new RequestFailedException(Failure.OTHER, "malformed Content-Length");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static RequestFailedException classify(IOException e) {
        String message = String.valueOf(e.getMessage());
        Failure failure;
        if (e instanceof SocketTimeoutException || (e instanceof ConnectException && message.contains("timed out"))) {
            failure = Failure.TIMEOUT;
        } else if (e instanceof ConnectException) {
            failure = Failure.REFUSED;
        } else if (e instanceof SocketException && (message.contains("reset") || message.contains("Broken pipe"))) {
            failure = Failure.RESET;
        } else {
            failure = Failure.OTHER;
        }
        return new RequestFailedException(failure, e.getClass().getSimpleName() + ": " + message, e);
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
