package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static webmodels.load.ScriptedServer.HELLO;
import static webmodels.load.ScriptedServer.readRequest;
import static webmodels.load.ScriptedServer.write;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import webmodels.model.ReactorServer;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/**
 * The raw-client contract for {@link SelectorClient} with one connection, and what only it does:
 * several requests in flight from one thread, a failure on one connection leaving the others be.
 */
class SelectorClientTest extends RawClientContractTest {

    @Override
    RawClient client(InetSocketAddress server, boolean keepAlive, Duration timeout) throws IOException {
        return new SelectorClient(server, 1, keepAlive, timeout);
    }

    @Test
    void keepsOneRequestInFlightOnEveryConnection() throws Exception {
        // The server answers no one until it holds 8 requests at once: one request at a time would time out.
        int connections = 8;
        CountDownLatch allArrived = new CountDownLatch(connections);
        try (GatheringServer server = new GatheringServer(connections, allArrived);
             SelectorClient client = new SelectorClient(server.address(), connections, true, TIMEOUT)) {
            for (int i = 0; i < connections; i++) {
                assertDoesNotThrow(client::get);
            }
            assertEquals(connections, client.connectionsOpened());
        }
    }

    @Test
    void keepAliveReusesEachConnection() throws Exception {
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)));
             SelectorClient client = new SelectorClient(address(server), 8, true, TIMEOUT)) {
            for (int i = 0; i < 1000; i++) {
                client.get();
            }
            assertEquals(8, client.connectionsOpened());
        }
    }

    @Test
    void closeModeOpensAConnectionPerResponse() throws Exception {
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)));
             SelectorClient client = new SelectorClient(address(server), 4, false, TIMEOUT)) {
            for (int i = 0; i < 100; i++) {
                client.get();
            }
            // 100 answered, and the connections that were still waiting when the last one came
            long opened = client.connectionsOpened();
            assertEquals(true, opened >= 100 && opened <= 103, "opened " + opened);
        }
    }

    @Test
    void aSilentConnectionTimesOutWhileTheOthersAreServed() throws Exception {
        // the first connection never gets an answer; every later one is answered at once
        try (ScriptedServer server = new ScriptedServer(connection -> {
            readRequest(connection);
            connection.getInputStream().read();
        }, ScriptedServer.answer(HELLO));
             SelectorClient client = new SelectorClient(server.address(), 2, false, Duration.ofMillis(500))) {
            List<Failure> outcomes = new ArrayList<>();
            for (int i = 0; i < 2000 && outcomes.isEmpty(); i++) {
                try {
                    client.get();
                } catch (RequestFailedException e) {
                    outcomes.add(e.failure());
                }
            }
            assertEquals(List.of(Failure.TIMEOUT), outcomes);
        }
    }

    @Test
    void rejectsNonsense() {
        InetSocketAddress somewhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        assertThrows(IllegalArgumentException.class, () -> new SelectorClient(somewhere, 0, true, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new SelectorClient(somewhere, 1, true, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new SelectorClient(InetSocketAddress.createUnresolved("localhost", 80), 1, true, TIMEOUT));
    }

    /** Accepts n connections, a thread each, and answers each request only once n requests have arrived. */
    private static final class GatheringServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();

        GatheringServer(int n, CountDownLatch allArrived) throws IOException {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        Socket connection = listener.accept();
                        synchronized (accepted) {
                            accepted.add(connection);
                        }
                        Thread.ofPlatform().daemon().start(() -> {
                            try {
                                readRequest(connection);
                                allArrived.countDown();
                                if (allArrived.await(10, TimeUnit.SECONDS)) {
                                    write(connection, HELLO);
                                }
                            } catch (IOException | InterruptedException e) {
                                // the test ended: close() closed this connection
                            }
                        });
                    }
                } catch (IOException e) {
                    // close() closed the listener
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }
}
