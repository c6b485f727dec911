package webmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.load.Failure;

/** HelloClient against tiny raw-socket servers that answer well, badly or not at all. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HelloClientTest {

    private static final String HELLO = crlf("""
            HTTP/1.1 200 OK
            Content-Type: text/plain
            Content-Length: 11

            Hello World""");

    private static final String HELLO_AND_CLOSE = crlf("""
            HTTP/1.1 200 OK
            Content-Length: 11
            Connection: close

            Hello World""");

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final List<String> requestsSeen = new CopyOnWriteArrayList<>();
    private ServerSocket listener;
    private HelloClient client;
    private final RequestCounters counters = new RequestCounters();

    /** What the fixture server does with each connection it accepts. */
    private interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void keepAliveReusesOneConnection() throws IOException {
        start(socket -> answerEach(socket, HELLO), Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            assertTrue(client.get(counters, true));
        }

        assertEquals(3, counters.requests);
        assertEquals(0, counters.failures);
        assertEquals(1, counters.connectionsOpened);
        assertFalse(requestsSeen.get(0).toLowerCase().contains("connection: close"));
    }

    @Test
    void closePerRequestOpensAConnectionForEachRequestAndAsksToClose() throws IOException {
        start(socket -> answerEach(socket, HELLO_AND_CLOSE), Duration.ofSeconds(5));

        for (int i = 0; i < 3; i++) {
            assertTrue(client.get(counters, false));
        }

        assertEquals(3, counters.connectionsOpened);
        assertEquals(0, counters.failures);
        assertEquals(3, requestsSeen.size());
        assertTrue(requestsSeen.stream().allMatch(request -> request.toLowerCase().contains("\r\nconnection: close\r\n")));
        assertTrue(requestsSeen.get(0).startsWith("GET / HTTP/1.1\r\n"));
    }

    @Test
    void anAnswerOtherThan200IsAFailure() throws IOException {
        start(socket -> answerEach(socket, crlf("""
                HTTP/1.1 503 Service Unavailable
                Content-Length: 4
                Connection: close

                busy""")), Duration.ofSeconds(5));

        assertFalse(client.get(counters, true));

        assertEquals(1, counters.failures);
        assertEquals(1, counters.failNon200);
    }

    @Test
    void aWrongBodyIsAFailure() throws IOException {
        start(socket -> answerEach(socket, crlf("""
                HTTP/1.1 200 OK
                Content-Length: 11

                Hello Worle""")), Duration.ofSeconds(5));

        assertFalse(client.get(counters, true));

        assertEquals(1, counters.failBody);
    }

    @Test
    void aPortWithNothingListeningIsRefusedNotThrown() throws IOException {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        client = new HelloClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), deadPort), 1, SHORT_TIMEOUT);

        assertFalse(client.get(counters, true));
        assertFalse(client.get(counters, false));

        assertEquals(2, counters.failRefused);
        assertEquals(0, counters.connectionsOpened);
        assertEquals(Failure.REFUSED, client.firstFailures().keySet().iterator().next());
    }

    @Test
    void aServerThatClosesWithoutAnsweringIsClosedEarly() throws IOException {
        start(socket -> readRequest(socket.getInputStream()), SHORT_TIMEOUT); // then the fixture closes: FIN

        assertFalse(client.get(counters, true));

        assertEquals(1, counters.failClosed);
    }

    @Test
    void aServerThatResetsIsAReset() throws IOException {
        start(socket -> {
            readRequest(socket.getInputStream());
            socket.setSoLinger(true, 0); // close with RST
        }, SHORT_TIMEOUT);

        assertFalse(client.get(counters, true));

        assertEquals(1, counters.failReset);
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws IOException {
        start(socket -> {
            readRequest(socket.getInputStream());
            Thread.sleep(SHORT_TIMEOUT.multipliedBy(5).toMillis());
        }, SHORT_TIMEOUT);

        assertFalse(client.get(counters, true));

        assertEquals(1, counters.failTimeout);
    }

    @Test
    void aKeepAliveConnectionClosedByTheServerIsCountedNotRetried() throws IOException {
        start(socket -> {
            String request = readRequest(socket.getInputStream());
            if (request != null) {
                socket.getOutputStream().write(HELLO.getBytes(StandardCharsets.US_ASCII)); // no Connection: close, then closes
            }
        }, Duration.ofSeconds(5));

        assertTrue(client.get(counters, true));
        sleepQuietly(100); // let the server's FIN arrive before the client reuses the connection
        assertFalse(client.get(counters, true));
        assertTrue(client.get(counters, true));

        assertEquals(3, counters.requests);
        assertEquals(1, counters.failClosed + counters.failReset);
        assertEquals(2, counters.connectionsOpened);
    }

    private void start(Behaviour behaviour, Duration clientTimeout) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptLoop(behaviour), "fixture-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        client = new HelloClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 1, clientTimeout);
    }

    /** Serves one connection at a time, until the test closes the listener. */
    private void acceptLoop(Behaviour behaviour) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                behaviour.serve(socket);
            } catch (IOException | InterruptedException e) {
                // the test closed the listener, or the client went away: the next accept decides
            }
        }
    }

    /** Answers every request on the connection with {@code response}, until the client closes it. */
    private void answerEach(Socket socket, String response) throws IOException {
        InputStream in = socket.getInputStream();
        while (readRequest(in) != null) {
            socket.getOutputStream().write(response.getBytes(StandardCharsets.US_ASCII));
            if (response.contains("Connection: close")) {
                return;
            }
        }
    }

    /** Reads one request head (a GET has no body); null at end of stream. */
    private String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                requestsSeen.add(head.toString(StandardCharsets.US_ASCII));
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
