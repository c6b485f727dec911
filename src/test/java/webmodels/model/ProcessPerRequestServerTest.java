package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.ChildProcessFixture.GET;
import static webmodels.model.ChildProcessFixture.exchange;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;

@Timeout(30)
class ProcessPerRequestServerTest {

    private static ProcessPerRequestServer start(ServerConfig config) throws IOException {
        ProcessPerRequestServer server = new ProcessPerRequestServer(config);
        server.start();
        return server;
    }

    @Test
    void answersHelloWorldFromAChildAndCloses() throws IOException {
        try (ProcessPerRequestServer server = start(ServerConfig.loopback(0))) {
            String response = exchange(server.port(), GET);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nHello World"), response);
        }
    }

    @Test
    void servesSeveralClientsAtOnce() throws Exception {
        try (ProcessPerRequestServer server = start(ServerConfig.loopback(0));
             ExecutorService clients = Executors.newFixedThreadPool(4)) {
            List<Future<String>> responses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                responses.add(clients.submit(() -> exchange(server.port(), GET)));
            }
            for (Future<String> response : responses) {
                assertTrue(response.get().startsWith("HTTP/1.1 200 OK\r\n"), response.get());
            }
            assertEquals(0, server.refusedConnections());
        }
    }

    @Test
    void badRequestGetsItsErrorFromTheChild() throws IOException {
        try (ProcessPerRequestServer server = start(ServerConfig.loopback(0))) {
            String response = exchange(server.port(), "NOT A REQUEST\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), response);
        }
    }

    @Test
    void halfSentRequestTimesOutWith408() throws IOException {
        ServerConfig config = ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(Duration.ofMillis(500)));
        try (ProcessPerRequestServer server = start(config);
             Socket socket = ChildProcessFixture.connect(server.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            String response = ChildProcessFixture.readToEnd(socket);
            assertTrue(response.startsWith("HTTP/1.1 408 Request Timeout\r\n"), response);
        }
    }

    @Test
    void connectionsBeyondMaxChildrenGet503AndAreCounted() throws IOException {
        ServerConfig config = ServerConfig.loopback(0).withOption("max-children", "1");
        try (ProcessPerRequestServer server = start(config);
             Socket slow = ChildProcessFixture.connect(server.port())) {
            slow.getOutputStream().write("GET / HT".getBytes(StandardCharsets.US_ASCII)); // holds the only child until its timeout
            String response = exchange(server.port(), GET);
            assertTrue(response.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), response);
            assertEquals(1, server.refusedConnections());
        }
    }

    @Test
    void closeStopsEveryChildAndFreesThePort() throws Exception {
        ProcessPerRequestServer server = start(ServerConfig.loopback(0));
        int port = server.port();
        try (Socket idle = ChildProcessFixture.connect(port)) { // a child that waits for a request
            assertTrue(ChildProcessFixture.awaitDescendants(1, Duration.ofSeconds(10)), "no child was started");
            server.close();
            assertEquals(List.of(), ChildProcessFixture.descendants());
            assertTrue(ChildProcessFixture.portIsFree(port), "port " + port + " still bound");
            assertEquals(-1, idle.getInputStream().read(), "the open connection must be closed");
        } finally {
            server.close();
        }
    }

    @Test
    void childServesWithTheParentsLimits() throws IOException {
        Limits shortTargets = new Limits(16, 8192, 100, 1 << 20, Duration.ofSeconds(10));
        try (ProcessPerRequestServer server = start(ServerConfig.loopback(0).withLimits(shortTargets))) {
            String response = exchange(server.port(), "GET /aaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 414 URI Too Long\r\n"), response);
        }
    }
}
