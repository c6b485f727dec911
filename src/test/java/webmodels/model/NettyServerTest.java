package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import webmodels.model.NettyServer.Transport;

/** Both Netty transports, each held to the same behaviour as every other model. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyServerTest {

    @Nested
    class Epoll extends AsyncServerBehaviour {
        @Override
        Server create(ServerConfig config) {
            return NettyServer.epoll(config);
        }

        @Override
        String threadPrefix() {
            return Transport.EPOLL.modelName + "-";
        }
    }

    /** io_uring must work on the machines the suite runs on (a kernel of 5.10 or later, not disabled by sysctl or seccomp). */
    @Nested
    class IoUring extends AsyncServerBehaviour {
        @Override
        Server create(ServerConfig config) {
            return NettyServer.ioUring(config);
        }

        @Override
        String threadPrefix() {
            return Transport.IO_URING.modelName + "-";
        }
    }

    /** Either the transport serves, or start() says which transport is missing and why; never an obscure error. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void startServesOrNamesTheMissingTransport(Transport transport) throws IOException {
        try (NettyServer server = new NettyServer(ServerConfig.loopback(0), transport)) {
            try {
                server.start();
            } catch (IOException e) {
                assertTrue(e.getMessage().startsWith(transport.modelName + ": Netty's native "), e.getMessage());
                assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
                return;
            }
            try (WireClient client = new WireClient(server.port())) {
                client.send(AsyncServerBehaviour.GET);
                AsyncServerBehaviour.assertHello(client.readResponse(), false);
            }
        }
    }

    /** With several loops, connections spread over them and each is served on its own loop. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void severalLoopsServeManyConnections(Transport transport) throws IOException {
        try (NettyServer server = new NettyServer(ServerConfig.loopback(0).withOptions(Map.of("loops", "3")), transport)) {
            server.start();
            List<WireClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    clients.add(new WireClient(server.port()));
                }
                for (int round = 0; round < 3; round++) {
                    for (WireClient client : clients) {
                        client.send(AsyncServerBehaviour.GET);
                        AsyncServerBehaviour.assertHello(client.readResponse(), false);
                    }
                }
                long loops = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().startsWith(transport.modelName + "-"))
                        .count();
                assertEquals(3, loops, "loops=3 runs three loop threads");
            } finally {
                for (WireClient client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void loopsOptionOutOfRangeIsRejected() {
        ServerConfig config = ServerConfig.loopback(0).withOptions(Map.of("loops", "0"));
        assertThrows(IllegalArgumentException.class, () -> NettyServer.epoll(config));
    }
}
