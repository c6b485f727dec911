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
            assertEquals(0, idle.stillOpen());
        }
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
