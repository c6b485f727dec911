package webmodels.model;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A raw HTTP/1.1 client for model tests: sends text as written, reads responses by their Content-Length. */
final class WireClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    WireClient(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer the client's SO_RCVBUF in bytes, small to make the server wait; 0 for the default */
    WireClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(10_000); // a test that hangs fails here instead of at its @Timeout
        in = new BufferedInputStream(socket.getInputStream());
    }

    void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Tells the server that this client will send nothing more (half-close), while it goes on reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response, head and body; fails if the connection ends first. */
    String readResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0; // the last four bytes read, to spot CR LF CR LF
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection ended after " + head.size() + " bytes of a response head: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = contentLength(text);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection ended within a body: " + text);
        }
        return text + new String(body, StandardCharsets.ISO_8859_1);
    }

    /** True when the server has closed the connection: the next read sees its end (or a reset after it). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true; // reset: closed, with nothing more to read
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
