package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import webmodels.http.Limits;
import webmodels.model.RawClient.Reply;

/** The tests' fixture: servers on 127.0.0.1, port 0, and what a good answer looks like. */
final class Servers {

    static final String GET = """
            GET / HTTP/1.1
            Host: localhost

            """;

    static final String HEAD = """
            HEAD / HTTP/1.1
            Host: localhost

            """;

    /** The request timeout of the servers in the timeout tests. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    private Servers() {
    }

    /**
     * Every model, for the contract tests; {@code -Dmodels=reactor,netty-epoll} (names as in
     * {@link Model}) narrows the run to some while working on them.
     */
    static Stream<Model> models() {
        String only = System.getProperty("models", "").trim();
        if (only.isEmpty()) {
            return Arrays.stream(Model.values());
        }
        return Arrays.stream(only.split(",")).map(String::trim).map(Model::byName);
    }

    /** Every other model must keep connections alive: see {@link Model#closesPerRequest()}. */
    static boolean closesPerRequest(Model model) {
        return model.closesPerRequest();
    }

    static Server start(Model model) throws IOException {
        return start(model, ServerConfig.loopback(0));
    }

    static Server start(Model model, Duration requestTimeout) throws IOException {
        return start(model, ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(requestTimeout)));
    }

    /**
     * Creates and starts; a server that fails to start is closed before the failure is passed on.
     * A model this machine cannot run at all (io_uring switched off, say) skips the test with the reason.
     */
    static Server start(Model model, ServerConfig config) throws IOException {
        Server server = model.create(config);
        try {
            server.start();
        } catch (ModelUnavailableException e) {
            server.close();
            Assumptions.abort("skipped: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Closes {@code server}, whose work runs in the process {@code pid}, twice (the second is harmless),
     * then checks that the process has ended and that the port takes a new server at once.
     */
    static void assertClosingEndsTheProcessAndFreesThePort(Server server, long pid) throws IOException {
        int port = server.port();
        ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
        server.close();
        server.close();
        assertFalse(child.isAlive());
        try (Server again = Model.BLOCKING.create(ServerConfig.loopback(port))) {
            again.start();
            assertEquals(port, again.port());
        }
    }

    static void assertHello(Reply reply) {
        assertEquals(200, reply.status(), () -> "status of " + reply);
        assertEquals("Hello World", reply.body());
        assertEquals("11", reply.header("Content-Length"));
        assertEquals("text/plain", reply.header("Content-Type"));
    }

    /**
     * Binds a plain listener (no SO_REUSEPORT) to {@code port} and closes it: this fails while any
     * socket still listens there, even one with SO_REUSEPORT, which another SO_REUSEPORT listener
     * would share without complaint.
     */
    static void assertPortFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // connections of the closed server in TIME_WAIT do not count
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }
}
