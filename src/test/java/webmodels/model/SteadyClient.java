package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import webmodels.model.RawClient.Reply;

/**
 * A well-behaved client: it keeps one connection while the server keeps it open, and connects
 * again when the server closes it. {@link #connections} tells how many it needed.
 */
final class SteadyClient implements AutoCloseable {

    private final int port;
    private RawClient client;
    private int connections;

    SteadyClient(int port) {
        this.port = port;
    }

    /** One GET, answered with Hello World; fails otherwise. */
    void request() throws IOException {
        if (client == null) {
            client = RawClient.connect(port);
            connections++;
        }
        Reply reply = client.send(Servers.GET).read();
        Servers.assertHello(reply);
        if (reply.closes()) {
            assertTrue(client.closedByServer(), "bytes after a Connection: close response");
            client.close();
            client = null;
        }
    }

    int connections() {
        return connections;
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }
}
