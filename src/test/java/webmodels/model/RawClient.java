package webmodels.model;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test client on a raw socket: it sends exactly the bytes it is given and reads responses off
 * the wire itself, so that the tests see what a server really sends (and when it closes).
 * Every read is bounded by the socket timeout: a server that never answers fails the test.
 */
final class RawClient implements AutoCloseable {

    /** One response as read off the wire; header names in lower case. */
    record Reply(int status, Map<String, String> headers, String body) {

        boolean closes() {
            return "close".equalsIgnoreCase(headers.get("connection"));
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /**
     * Connects with a receive buffer of {@code receiveBuffer} bytes (SO_RCVBUF, set before the
     * connect so that the window stays small), so that a server's writes to a client that does not
     * read block soon; 0 for the system's default.
     */
    static RawClient connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true); // so that a request sent in pieces arrives in pieces
            return new RawClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Text blocks are written with LF; HTTP wants CRLF. */
    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    /** Sends {@code text} (LF turned into CRLF) in one write. */
    RawClient send(String text) throws IOException {
        out.write(crlf(text).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends {@code length} bytes of {@code bytes} from {@code offset}, as they are, in one write. */
    RawClient sendRaw(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
        return this;
    }

    /** Sends FIN: this client has nothing more to send, and still reads. */
    RawClient shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** Sends {@code text} (LF turned into CRLF) one byte per write, pausing between them. */
    RawClient sendByteByByte(String text, long pauseMillis) throws IOException, InterruptedException {
        for (byte b : crlf(text).getBytes(StandardCharsets.ISO_8859_1)) {
            out.write(b);
            out.flush();
            Thread.sleep(pauseMillis);
        }
        return this;
    }

    /** Reads one response, its body by Content-Length, or up to the close when it has none. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads the response to a HEAD request: its head only, whatever its Content-Length says. */
    Reply readHeadResponse() throws IOException {
        return read(true);
    }

    private Reply read(boolean toHead) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        String line;
        while (!(line = requireLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed response header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (headers.put(name, line.substring(colon + 1).trim()) != null) {
                throw new IOException("response header sent twice: " + name);
            }
        }
        if (toHead) {
            return new Reply(status, headers, "");
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        if (length != null && body.length < Integer.parseInt(length)) {
            throw new EOFException("the server closed after " + body.length + " of " + length + " body bytes");
        }
        return new Reply(status, headers, new String(body, StandardCharsets.ISO_8859_1));
    }

    /**
     * True when the server has closed the connection (end of stream, or a reset, which also ends
     * it) with nothing more sent; false when more bytes arrive, which a test then reports.
     * Waits up to the read timeout: it throws {@link SocketTimeoutException} if the server keeps
     * the connection open.
     */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            return true; // reset: closed, and with nothing more to read
        }
    }

    /**
     * Reads and discards whatever the server still sends until it closes the connection (end of
     * stream or reset); throws {@link SocketTimeoutException} if it keeps it open.
     */
    void awaitClose() throws IOException {
        try {
            while (in.read() >= 0) {
                // what a closing server says last does not matter here, only that it closes
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            // reset: closed
        }
    }

    /**
     * True when the server sends no further byte within {@code quiet} (it stays silent, or closes);
     * false when another byte arrives: a response nobody on this connection asked for.
     */
    boolean receivesNothingMoreWithin(Duration quiet) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(quiet.toMillis()));
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            return true; // reset: closed, and with nothing more to read
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Ends the connection with a reset (SO_LINGER 0), as a crashing client or a middlebox would. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String requireLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("the server closed the connection in the middle of a response head");
        }
        return line;
    }

    /** One CRLF-terminated line without its CRLF; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new EOFException("the server closed the connection in the middle of a line: " + line);
        }
        return null;
    }
}
