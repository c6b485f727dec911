package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.http.Limits;
import webmodels.model.Model;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void anEventLoopHoldsEveryIdleConnection() throws Exception {
        try (Server server = start(Model.REACTOR);
             IdleConnections idle = IdleConnections.open(address(server), 300, Duration.ofSeconds(20))) {
            assertEquals(0, idle.failedToOpen());
            assertEquals(300, idle.answered());
            assertEquals(0, idle.unanswered());
            assertEquals(300, idle.stillOpen());
        }
    }

    @Test
    void aServerThatClosesAfterEachResponseHoldsNone() throws Exception {
        try (Server server = start(Model.BLOCKING);
             IdleConnections idle = IdleConnections.open(address(server), 20, Duration.ofSeconds(20))) {
            assertEquals(20, idle.answered());
            assertEquals(0, stillOpenOnceSettled(idle, 0));
        }
    }

    /**
     * Connections still open, read again until it is {@code expected} or 10 s have passed: the
     * server's close of the connection it just answered may still be on its way.
     */
    private static int stillOpenOnceSettled(IdleConnections idle, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int open = idle.stillOpen();
        while (open != expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            open = idle.stillOpen();
        }
        return open;
    }

    @Test
    void aPoolSmallerThanTheConnectionsLeavesTheRestUnanswered() throws Exception {
        ServerConfig config = ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(LONG)).withOption("workers", "2");
        try (Server server = Model.THREAD_POOL.create(config)) {
            server.start();
            try (IdleConnections idle = IdleConnections.open(address(server), 10, Duration.ofSeconds(2))) {
                assertEquals(2, idle.answered(), "each worker holds one idle keep-alive connection");
                assertEquals(8, idle.unanswered());
            }
        }
    }

    @Test
    void refusedConnectionsAreCounted() throws Exception {
        int port;
        try (Server server = start(Model.REACTOR)) {
            port = server.port();
        }
        try (IdleConnections idle = IdleConnections.open(new InetSocketAddress("127.0.0.1", port), 5, Duration.ofSeconds(5))) {
            assertEquals(5, idle.failedToOpen());
            assertEquals(0, idle.stillOpen());
        }
    }

    private static Server start(Model model) throws Exception {
        Server server = model.create(ServerConfig.loopback(0).withLimits(Limits.DEFAULT.withRequestTimeout(LONG)));
        server.start();
        return server;
    }

    private static InetSocketAddress address(Server server) {
        return new InetSocketAddress("127.0.0.1", server.port());
    }
}
