package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProactorServerTest extends AsyncServerBehaviour {

    @Override
    Server create(ServerConfig config) {
        return new ProactorServer(config);
    }

    @Override
    String threadPrefix() {
        return ProactorServer.NAME + "-";
    }

    /** No thread belongs to a connection: one pool thread serves many connections, turn by turn. */
    @Test
    void oneThreadServesManyOpenConnections() throws IOException {
        Server server = start(ServerConfig.loopback(0).withOptions(Map.of("threads", "1")));
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                clients.add(new WireClient(server.port()));
            }
            for (int round = 0; round < 3; round++) {
                for (WireClient client : clients) {
                    client.send(GET);
                    assertHello(client.readResponse(), false);
                }
            }
            assertTrue(liveThreads() == 1, "threads=1 runs one pool thread");
        } finally {
            for (WireClient client : clients) {
                client.close();
            }
        }
    }

    /** A read buffer smaller than a request: the request arrives in pieces and is still answered. */
    @Test
    void requestLargerThanTheReadBufferIsAnswered() throws IOException {
        Server server = start(ServerConfig.loopback(0).withOptions(Map.of("read-buffer", "64")));
        try (WireClient client = new WireClient(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: test\r\nUser-Agent: " + "x".repeat(500) + "\r\n\r\n");
            assertHello(client.readResponse(), false);
        }
    }

    /** With a 1 MiB read buffer one read yields MiBs of responses, more than the socket takes at once: the rest must follow. */
    @Test
    void responsesLargerThanTheSocketTakesAreWrittenInParts() throws Exception {
        Server server = start(ServerConfig.loopback(0).withOptions(Map.of("read-buffer", String.valueOf(1 << 20))));
        assertPipelinedRequestsAnswered(server, 100_000);
    }

    @Test
    void malformedThreadsOptionIsRejected() {
        ServerConfig config = ServerConfig.loopback(0).withOptions(Map.of("threads", "0"));
        assertThrows(IllegalArgumentException.class, () -> new ProactorServer(config));
    }
}
