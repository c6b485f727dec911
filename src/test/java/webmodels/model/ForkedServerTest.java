package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForkedServerTest {

    @Test
    void servesFromItsOwnProcessAndReportsItsFootprint() throws Exception {
        try (ForkedServer server = new ForkedServer(Model.REACTOR, ServerConfig.loopback(0), List.of("-Xmx64m"))) {
            server.start();
            assertTrue(server.pid() != ProcessHandle.current().pid());
            assertTrue(get(server.port()).endsWith("Hello World"));
            Footprint footprint = server.footprint();
            assertEquals(1, footprint.processes());
            assertTrue(footprint.threads() > 1, "threads: " + footprint.threads());
            assertTrue(footprint.rssBytes() > 0 && footprint.heapBytes() > 0, footprint.toString());
        }
    }

    @Test
    void closingStopsTheChildAndFreesThePort() throws Exception {
        ForkedServer server = new ForkedServer(Model.BLOCKING, ServerConfig.loopback(0), List.of());
        server.start();
        Servers.assertClosingEndsTheProcessAndFreesThePort(server, server.pid());
    }

    /** Every limit reaches the child, not only the request timeout: here a short target limit gives 414. */
    @Test
    void passesEveryLimitAndOptionToTheChild() throws Exception {
        Limits tight = new Limits(100, 8192, 100, 1 << 20, Duration.ofSeconds(10));
        ServerConfig config = ServerConfig.loopback(0).withLimits(tight).withOption("workers", "3");
        try (ForkedServer server = new ForkedServer(Model.THREAD_POOL, config, List.of())) {
            server.start();
            String longTarget = "/" + "a".repeat(200);
            String answer = exchange(server.port(), "GET " + longTarget + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
            assertTrue(get(server.port()).endsWith("Hello World"));
        }
    }

    @Test
    void aChildThatCannotListenFailsTheStartWithItsReasonAndLeavesNothing() throws Exception {
        try (ServerSocket occupant = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ForkedServer server = new ForkedServer(Model.REACTOR, ServerConfig.loopback(occupant.getLocalPort()), List.of());
            IOException e = assertThrows(IOException.class, server::start);
            assertTrue(e.getMessage().contains("cannot start"), e.getMessage()); // the child's stderr, quoted
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }

    @Test
    void aBadOptionFailsInTheCallersJvm() {
        assertThrows(IllegalArgumentException.class,
                () -> new ForkedServer(Model.REACTOR, ServerConfig.loopback(0).withOptions(Map.of("nope", "1")), List.of()));
    }

    @Test
    void checkingTheOptionsLeavesNoThreadBehindInTheCallersJvm() {
        // thread-pool starts its workers in its constructor; the copy built to check the options must be closed.
        long before = poolWorkers();
        ForkedServer unstarted = new ForkedServer(Model.THREAD_POOL, ServerConfig.loopback(0).withOption("workers", "3"), List.of());
        unstarted.close();
        assertEquals(before, poolWorkers());
    }

    private static long poolWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("thread-pool-worker"))
                .count();
    }

    private static String get(int port) throws Exception {
        return exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static String exchange(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
