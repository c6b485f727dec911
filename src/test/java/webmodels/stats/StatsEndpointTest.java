package webmodels.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatsEndpointTest {

    private ServerConfig config;
    private Server server;
    private StatsEndpoint stats;

    @BeforeEach
    void startReactorWithStats() throws IOException {
        config = ServerConfig.loopback(0).withOption("spins", "50");
        server = Model.REACTOR.create(config);
        server.start();
        stats = StatsEndpoint.start("reactor", config, server.port(), 0);
    }

    @AfterEach
    void stop() {
        stats.close();
        server.close();
    }

    @Test
    void getAnswersTheModelItsOptionsItsCostAndTheHost() throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(exchange(client, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("Hello World"));

            ServerStats read = new StatsClient(address()).read();

            assertEquals("reactor", read.model());
            assertEquals(Map.of("spins", "50"), read.options());
            assertEquals("none", read.work());
            assertEquals(10_000L, read.limits().get("requestTimeoutMillis"));
            assertEquals(server.port(), read.port());
            assertTrue(read.cpuNanos() > 0 && read.cpuNanos() == read.processCpuNanos() + read.childCpuNanos());
            assertTrue(read.processes() >= 1 && read.threads() > 1 && read.rssBytes() > 0 && read.heapUsedBytes() > 0);
            assertTrue(read.openConnections() >= 1, "the client's connection: " + read.openConnections());
            assertEquals(Runtime.getRuntime().availableProcessors(), read.host().get("cpus"));
            assertTrue(read.host().containsKey("kernel") && read.host().containsKey("jdk") && read.host().containsKey("cpuModel"));
        }
    }

    @Test
    void otherMethodsAndPathsAreRefusedAndChangeNothing() throws IOException {
        ServerStats before = new StatsClient(address()).read();

        assertEquals(405, status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"));
        assertEquals(405, status("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(405, status("PUT / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(404, status("GET /shutdown HTTP/1.1\r\nHost: x\r\n\r\n"));

        ServerStats after = new StatsClient(address()).read();
        assertEquals(before.model(), after.model());
        assertEquals(before.options(), after.options());
        assertEquals(before.limits(), after.limits());
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(exchange(client, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").endsWith("Hello World"), "the server still serves");
        }
    }

    @Test
    void closingFreesThePort() throws IOException {
        int port = stats.port();
        stats.close();

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    private InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), stats.port());
    }

    private int status(String request) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), stats.port())) {
            String response = exchange(client, request.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n"));
            return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
    }

    /** Sends a request and reads until the response's body is complete (Content-Length) or the peer closes. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            response.append((char) b);
            int end = response.indexOf("\r\n\r\n");
            if (end >= 0) {
                String head = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
                int at = head.indexOf("content-length:");
                if (at >= 0) {
                    int length = Integer.parseInt(head.substring(at + 15).split("\r\n")[0].trim());
                    if (response.length() >= end + 4 + length) {
                        break;
                    }
                }
            }
        }
        return response.toString();
    }
}
