package webmodels.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A raw TCP server on a free loopback port that plays one script per accepted connection (the
 * last script repeats), for the responses and misbehaviours no real model produces.
 */
final class ScriptedServer implements AutoCloseable {

    interface Script {
        void play(Socket connection) throws IOException, InterruptedException;
    }

    static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHello World";

    private final ServerSocket listener;
    private final Thread acceptor;
    private volatile Socket current;

    ScriptedServer(Script... scripts) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Script> plays = List.of(scripts);
        acceptor = Thread.ofPlatform().name("scripted-server").daemon().start(() -> {
            for (int n = 0; !listener.isClosed(); n++) {
                try (Socket connection = listener.accept()) {
                    current = connection;
                    plays.get(Math.min(n, plays.size() - 1)).play(connection);
                } catch (IOException e) {
                    // the client hung up or close() closed the listener: on to the next, or out
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Reads one request head (up to its blank line), so the client's write is done before we answer. */
    static String readRequest(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before a whole request");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Answers one request with {@code text}. */
    static Script answer(String text) {
        return connection -> {
            readRequest(connection);
            write(connection, text);
            connection.getInputStream().read(); // hold the connection until the client drops it
        };
    }

    static void write(Socket connection, String text) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        try {
            listener.close();
            Socket open = current;
            if (open != null) {
                open.close();
            }
        } catch (IOException e) {
            // closing a socket fails only if already closed: nothing left to free
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
