package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;

/**
 * What {@code proactor}, {@code netty-epoll} and {@code netty-io-uring} must all do with a
 * connection, whatever moves their bytes; each model's test class extends it with its factory.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class AsyncServerBehaviour {

    static final String GET = """
            GET / HTTP/1.1\r
            Host: test\r
            \r
            """;

    static final String GET_AND_CLOSE = """
            GET / HTTP/1.1\r
            Host: test\r
            Connection: close\r
            \r
            """;

    private final List<Server> servers = new ArrayList<>();

    /** Builds the model's server (not started). */
    abstract Server create(ServerConfig config);

    /** How the model's threads are named: none may outlive close(). */
    abstract String threadPrefix();

    Server start(ServerConfig config) throws IOException {
        Server server = create(config);
        servers.add(server);
        server.start();
        return server;
    }

    Server start() throws IOException {
        return start(ServerConfig.loopback(0));
    }

    Server startWithRequestTimeout(Duration timeout) throws IOException {
        return start(ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(timeout)));
    }

    @AfterEach
    void closeServers() {
        servers.forEach(Server::close);
    }

    static void assertHello(String response, boolean closing) {
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\nHello World"), response);
        assertEquals(closing, response.contains("Connection: close\r\n"), response);
    }

    @Test
    void keepAliveRequestsShareOneConnection() throws IOException {
        Server server = start();
        try (WireClient client = new WireClient(server.port())) {
            for (int i = 0; i < 3; i++) {
                client.send(GET);
                assertHello(client.readResponse(), false);
            }
        }
    }

    @Test
    void connectionCloseIsAnsweredThenClosed() throws IOException {
        Server server = start();
        try (WireClient client = new WireClient(server.port())) {
            client.send(GET_AND_CLOSE);
            assertHello(client.readResponse(), true);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void http11RequestsPipelined() throws IOException {
        Server server = start();
        try (WireClient client = new WireClient(server.port())) {
            client.send(GET + GET + GET_AND_CLOSE);
            assertHello(client.readResponse(), false);
            assertHello(client.readResponse(), false);
            assertHello(client.readResponse(), true);
            assertTrue(client.closedByServer());
        }
    }

    /** A client may half-close once it has sent its requests (as {@code nc -N} does): it still gets every answer. */
    @Test
    void halfClosedClientStillGetsEveryAnswer() throws IOException {
        Server server = start();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (WireClient client = new WireClient(server.port())) {
                client.send(GET + GET);
                client.shutdownOutput();
                assertHello(client.readResponse(), false);
                assertHello(client.readResponse(), false);
                assertTrue(client.closedByServer());
            }
        }
    }

    /**
     * Far more responses (7 MiB) than the socket buffers hold, to a client with a small receive
     * buffer that reads only after a pause: the server must stop reading, wait until it can write,
     * and go on.
     */
    @Test
    void manyPipelinedRequestsAreAllAnsweredInOrder() throws Exception {
        assertPipelinedRequestsAnswered(start(), 100_000);
    }

    static void assertPipelinedRequestsAnswered(Server server, int requests) throws Exception {
        try (WireClient client = new WireClient(server.port(), 16 * 1024)) {
            Thread writer = Thread.ofPlatform().name("test-pipeline-writer").start(() -> {
                try {
                    client.send(GET.repeat(requests - 1) + GET_AND_CLOSE);
                } catch (IOException e) {
                    // the reader below fails the test with what it did not get
                }
            });
            Thread.sleep(200); // let the server fill the buffers and stop reading
            for (int i = 1; i < requests; i++) {
                assertHello(client.readResponse(), false);
            }
            assertHello(client.readResponse(), true);
            assertTrue(client.closedByServer());
            writer.join(10_000);
        }
    }

    @Test
    void badInputIsAnsweredAndClosedWhileOthersAreServed() throws IOException {
        Server server = start();
        try (WireClient good = new WireClient(server.port()); WireClient bad = new WireClient(server.port())) {
            good.send(GET);
            assertHello(good.readResponse(), false);

            bad.send("NOT HTTP AT ALL\r\n\r\n");
            String response = bad.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.contains("Connection: close\r\n"), response);
            assertTrue(bad.closedByServer());

            good.send(GET);
            assertHello(good.readResponse(), false);
        }
    }

    /** The error is sent while the client is still sending: it must arrive all the same. */
    @Test
    void oversizedHeadersAreAnswered431EvenWhileTheClientSends() throws IOException {
        Server server = start();
        try (WireClient client = new WireClient(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "x".repeat(16 * 1024) + "\r\n\r\n");
            String response = client.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 431 "), response);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheRequestTimeout() throws IOException {
        Server server = startWithRequestTimeout(Duration.ofMillis(300));
        try (WireClient client = new WireClient(server.port())) {
            assertTrue(client.closedByServer(), "an idle connection gets no response, only its end");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheRequestTimeout() throws IOException {
        Server server = startWithRequestTimeout(Duration.ofMillis(300));
        try (WireClient client = new WireClient(server.port())) {
            client.send(GET);
            assertHello(client.readResponse(), false);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void halfSentRequestIsAnswered408() throws IOException {
        Server server = startWithRequestTimeout(Duration.ofMillis(300));
        try (WireClient client = new WireClient(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: test\r\n");
            String response = client.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response);
            assertTrue(client.closedByServer());
        }
    }

    /**
     * The deadline covers the whole request, not each read: a client that sends a header line
     * every 100 ms is cut off although no single read waits long. Its last line would complete
     * the request after 9 s; a server that timed out each read alone would answer 200 then.
     */
    @Test
    void tricklingRequestIsCutOffAtTheDeadline() throws Exception {
        Server server = startWithRequestTimeout(Duration.ofMillis(500));
        try (WireClient client = new WireClient(server.port())) {
            Thread trickle = Thread.ofPlatform().name("test-trickle").start(() -> {
                try {
                    client.send("GET / HTTP/1.1\r\nHost: test\r\n");
                    for (int i = 0; i < 90; i++) {
                        Thread.sleep(100);
                        client.send("X-Slow-" + i + ": yes\r\n");
                    }
                    client.send("\r\n");
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection, as it should
                }
            });
            String response = client.readResponse();
            assertTrue(response.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response);
            trickle.interrupt();
            trickle.join(5_000);
        }
    }

    @Test
    void closeFreesThePortEveryConnectionAndEveryThread() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Server server = start();
        int port = server.port();
        try (WireClient client = new WireClient(port)) {
            client.send(GET);
            assertHello(client.readResponse(), false);
            assertTrue(liveThreads() > 0, "the model's threads are named " + threadPrefix() + "...");

            server.close();

            assertTrue(client.closedByServer(), "close() ends open connections");
        }
        assertEquals(0, liveThreads(), "threads named " + threadPrefix() + "... after close()");
        List<String> leftBehind = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !thread.isDaemon() && thread.isAlive())
                .map(Thread::getName)
                .toList();
        assertEquals(List.of(), leftBehind, "non-daemon threads started by the server and still alive after close()");
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            assertDoesNotThrow(() -> again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        }
        assertDoesNotThrow(server::close, "a second close() is harmless");
    }

    @Test
    void closeBeforeStartIsHarmless() {
        Server server = create(ServerConfig.loopback(0));
        assertDoesNotThrow(server::close);
    }

    @Test
    void unknownOptionIsRejectedWithTheAllowedOnes() {
        ServerConfig config = ServerConfig.loopback(0).withOptions(Map.of("no-such-option", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(config));
        assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
    }

    long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(threadPrefix()))
                .count();
    }
}
