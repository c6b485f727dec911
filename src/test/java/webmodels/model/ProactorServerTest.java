package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.assertHello;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only {@code proactor} has: its pool of completion threads and its per-connection read buffer. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProactorServerTest {

    /** No thread belongs to a connection: one pool thread serves many connections, turn by turn. */
    @Test
    void oneThreadServesManyOpenConnections() throws IOException {
        try (Server server = Servers.start(Model.PROACTOR, ServerConfig.loopback(0).withOptions(Map.of("threads", "1")))) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    clients.add(RawClient.connect(server.port()));
                }
                for (int round = 0; round < 3; round++) {
                    for (RawClient client : clients) {
                        assertHello(client.send(GET).read());
                    }
                }
                long poolThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.isAlive() && thread.getName().startsWith(ProactorServer.NAME + "-"))
                        .count();
                assertEquals(1, poolThreads, "threads=1 runs one pool thread");
            } finally {
                for (RawClient client : clients) {
                    client.close();
                }
            }
        }
    }

    /** A read buffer smaller than a request: the request arrives in pieces and is still answered. */
    @Test
    void requestLargerThanTheReadBufferIsAnswered() throws IOException {
        try (Server server = Servers.start(Model.PROACTOR, ServerConfig.loopback(0).withOptions(Map.of("read-buffer", "64")));
             RawClient client = RawClient.connect(server.port())) {
            assertHello(client.send("GET / HTTP/1.1\nHost: test\nUser-Agent: " + "x".repeat(500) + "\n\n").read());
        }
    }

    /**
     * With a 1 MiB read buffer one read yields MiBs of responses (7 MiB in all), more than the
     * socket takes at once, to a client with a small window that reads only after a pause: the
     * rest must follow, in order.
     */
    @Test
    void responsesLargerThanTheSocketTakesAreWrittenInParts() throws Exception {
        int requests = 100_000;
        try (Server server = Servers.start(Model.PROACTOR, ServerConfig.loopback(0).withOptions(Map.of("read-buffer", String.valueOf(1 << 20))));
             RawClient client = RawClient.connect(server.port(), 16 * 1024)) {
            Thread writer = Thread.ofPlatform().name("test-pipeline-writer").start(() -> {
                try {
                    client.send(GET.repeat(requests - 1) + "GET / HTTP/1.1\nHost: test\nConnection: close\n\n");
                } catch (IOException e) {
                    // the reads below fail the test with what they did not get
                }
            });
            Thread.sleep(200); // let the server fill the buffers and stop reading
            for (int i = 1; i < requests; i++) {
                RawClient.Reply reply = client.read();
                assertHello(reply);
                assertFalse(reply.closes());
            }
            assertTrue(client.read().closes());
            assertTrue(client.closedByServer());
            writer.join(10_000);
        }
    }

    @Test
    void malformedThreadsOptionIsRejected() {
        ServerConfig config = ServerConfig.loopback(0).withOptions(Map.of("threads", "0"));
        assertThrows(IllegalArgumentException.class, () -> new ProactorServer(config));
    }
}
