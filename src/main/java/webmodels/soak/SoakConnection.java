package webmodels.soak;

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

/**
 * One client connection on a raw socket, for the soak's clients: it sends exactly the bytes it is
 * given, reads responses off the wire, and can end rudely (reset, half-close). Every read is
 * bounded by the timeout given at connect, so a server that never answers is a failure, not a hang.
 */
final class SoakConnection implements AutoCloseable {

    /** One response: its status, whether it closes the connection, its body. */
    record Reply(int status, boolean closes, String body) {

        /** The answer the shared handler gives a good GET or POST. */
        boolean isHello() {
            return status == 200 && body.equals("Hello World");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final long openedNanos = System.nanoTime();
    /** What this connection has done, for the detail of a failure: writes begun, responses read, when. */
    private long writes;
    private long replies;
    private long lastReplyNanos;
    private long lastWriteNanos;
    private long lastWriteAfterReplyNanos = -1;
    private String lastRequestLine = "";

    private SoakConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static SoakConnection open(int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = Math.toIntExact(timeout.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true); // so that a request sent slowly arrives in pieces
            return new SoakConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    void send(byte[] bytes) throws IOException {
        noteWrite(bytes);
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code bytes} one per write, pausing between them: a slow client. */
    void sendSlowly(byte[] bytes, long pauseMillis) throws IOException, InterruptedException {
        noteWrite(bytes);
        for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(pauseMillis);
        }
    }

    /** Sends FIN: nothing more to send, still reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response; for a HEAD request ({@code head}) its head only. */
    Reply read(boolean head) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        int status = number(parts[1], statusLine);
        int contentLength = -1;
        boolean closes = false;
        String line;
        while (!(line = requireLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed response header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                contentLength = number(value, line);
            } else if (name.equals("connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        if (head) {
            noteReply();
            return new Reply(status, closes, contentLength == 11 ? "Hello World" : "");
        }
        if (contentLength < 0) {
            throw new IOException("a response without Content-Length");
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) {
            throw new EOFException("closed after " + body.length + " of " + contentLength + " body bytes");
        }
        noteReply();
        return new Reply(status, closes, new String(body, StandardCharsets.ISO_8859_1));
    }

    /**
     * What this connection had done when it failed, to tell a server's fault from the client's own
     * stall: which write and response it was at, how long after the last response the last write
     * began (past the server's request timeout, the server may close it as idle), and how long ago.
     */
    String describe() {
        long now = System.nanoTime();
        StringBuilder text = new StringBuilder(160);
        text.append("write ").append(writes).append(" (").append(lastRequestLine).append(") after ")
                .append(replies).append(" responses on a connection open ").append(millis(now - openedNanos)).append(" ms; ");
        if (writes == 0) {
            text.append("nothing written yet");
        } else {
            text.append("write began ");
            text.append(lastWriteAfterReplyNanos < 0 ? "before any response" : millis(lastWriteAfterReplyNanos) + " ms after the last response");
            text.append(", failed ").append(millis(now - lastWriteNanos)).append(" ms after it began");
        }
        return text.toString();
    }

    private void noteWrite(byte[] bytes) {
        writes++;
        lastWriteNanos = System.nanoTime();
        lastWriteAfterReplyNanos = replies == 0 ? -1 : lastWriteNanos - lastReplyNanos;
        int end = 0;
        while (end < bytes.length && end < 60 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        lastRequestLine = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private void noteReply() {
        replies++;
        lastReplyNanos = System.nanoTime();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * True when the server closes the connection (end of stream or reset) with nothing more sent,
     * false when a byte arrives; throws {@link SocketTimeoutException} when it keeps it open.
     */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (SocketException e) {
            return true; // a reset also closes, with nothing more sent
        }
    }

    /** Ends the connection with a reset (SO_LINGER 0), as a crashing client would. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a client socket fails only when it is gone already: nothing to count
        }
    }

    private static int number(String text, String line) throws IOException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a number in: " + line, e);
        }
    }

    private String requireLine() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("closed in the middle of a response head");
        }
        return line;
    }

    /** One line without its CRLF; null at the end of the stream before any byte. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
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
            throw new EOFException("closed in the middle of a line");
        }
        return null;
    }
}
