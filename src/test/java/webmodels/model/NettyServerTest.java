package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import webmodels.model.NettyServer.Transport;

/** What only the Netty models have: a transport that may be missing, and several loops in one group (the contract tests hold both to every other rule). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NettyServerTest {

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
            try (RawClient client = RawClient.connect(server.port())) {
                assertHello(client.send(GET).read());
            }
        }
    }

    /** With several loops, connections spread over them and each is served on its own loop. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void severalLoopsServeManyConnections(Transport transport) throws IOException {
        try (NettyServer server = new NettyServer(ServerConfig.loopback(0).withOptions(Map.of("loops", "3")), transport)) {
            server.start();
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    clients.add(RawClient.connect(server.port()));
                }
                for (int round = 0; round < 3; round++) {
                    for (RawClient client : clients) {
                        assertHello(client.send(GET).read());
                    }
                }
                long loops = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().startsWith(transport.modelName + "-"))
                        .count();
                assertEquals(3, loops, "loops=3 runs three loop threads");
            } finally {
                for (RawClient client : clients) {
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
