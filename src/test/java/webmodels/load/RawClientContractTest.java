package webmodels.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.load.ScriptedServer.HELLO;
import static webmodels.load.ScriptedServer.answer;
import static webmodels.load.ScriptedServer.readRequest;
import static webmodels.load.ScriptedServer.write;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webmodels.model.BlockingServer;
import webmodels.model.ReactorServer;
import webmodels.model.Server;
import webmodels.model.ServerConfig;

/**
 * What both raw clients promise, each request ending in a success or in exactly one counted
 * {@link Failure}: run once per client by {@link RawHttpClientTest} and {@link SelectorClientTest},
 * against real models for the good paths and a {@link ScriptedServer} for every misbehaviour.
 */
@Timeout(20)
abstract class RawClientContractTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A client of the kind under test, with one request in flight at a time. */
    abstract RawClient client(InetSocketAddress server, boolean keepAlive, Duration timeout) throws IOException;

    @Test
    void keepAliveReusesOneConnection() throws Exception {
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)));
             RawClient client = client(address(server), true, TIMEOUT)) {
            for (int i = 0; i < 50; i++) {
                client.get();
            }
            assertEquals(1, client.connectionsOpened());
        }
    }

    @Test
    void closeModeOpensOneConnectionPerRequest() throws Exception {
        try (Server server = started(new ReactorServer(ServerConfig.loopback(0)));
             RawClient client = client(address(server), false, TIMEOUT)) {
            for (int i = 0; i < 5; i++) {
                client.get();
            }
            assertEquals(5, client.connectionsOpened());
        }
    }

    @Test
    void reconnectsWhenTheServerAnswersConnectionClose() throws Exception {
        // the blocking model closes after every response, saying so
        try (Server server = started(new BlockingServer(ServerConfig.loopback(0)));
             RawClient client = client(address(server), true, TIMEOUT)) {
            for (int i = 0; i < 5; i++) {
                client.get();
            }
            assertEquals(5, client.connectionsOpened());
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        try (RawClient client = client(new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort()), true, TIMEOUT)) {
            assertEquals(Failure.REFUSED, failureOf(client));
            assertEquals(Failure.REFUSED, failureOf(client));
            assertEquals(0, client.connectionsOpened());
        }
    }

    @Test
    void statusOtherThan200IsNon200() throws Exception {
        assertEquals(Failure.NON_200, failureAgainst(answer("""
                HTTP/1.1 404 Not Found\r
                Content-Length: 10\r
                \r
                Not Found
                """)));
    }

    @Test
    void otherBodyIsWrongBody() throws Exception {
        assertEquals(Failure.WRONG_BODY, failureAgainst(answer("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHello Earth")));
        assertEquals(Failure.WRONG_BODY, failureAgainst(answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nHi")));
    }

    @Test
    void halfAResponseThenCloseIsClosedEarly() throws Exception {
        assertEquals(Failure.CLOSED_EARLY, failureAgainst(connection -> {
            readRequest(connection);
            write(connection, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHello");
        }));
    }

    @Test
    void closeWithoutAnswerIsClosedEarly() throws Exception {
        assertEquals(Failure.CLOSED_EARLY, failureAgainst(ScriptedServer::readRequest));
    }

    @Test
    void silentServerIsTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer(connection -> {
            readRequest(connection);
            connection.getInputStream().read(); // say nothing until the client gives up
        });
             RawClient client = client(server.address(), true, Duration.ofMillis(200))) {
            assertEquals(Failure.TIMEOUT, failureOf(client));
        }
    }

    @Test
    void resetConnectionIsReset() throws Exception {
        assertEquals(Failure.RESET, failureAgainst(connection -> {
            readRequest(connection);
            connection.setSoLinger(true, 0); // close with RST instead of FIN
        }));
    }

    @Test
    void garbageIsOther() throws Exception {
        assertEquals(Failure.OTHER, failureAgainst(answer("HELLO WORLD\r\n\r\n")));
        assertEquals(Failure.OTHER, failureAgainst(answer("HTTP/1.1 200 OK\r\n\r\nHello World")));
        assertEquals(Failure.OTHER, failureAgainst(answer("HTTP/1.1 200 OK\r\nContent-Length: eleven\r\n\r\nHello World")));
    }

    @Test
    void responseInPiecesWithOddHeaderCaseIsAccepted() throws Exception {
        try (ScriptedServer server = new ScriptedServer(connection -> {
            readRequest(connection);
            for (String piece : new String[] {"HTTP/1.1 200 OK\r\nconTENT-length:", " 11 \r\nX-Other: y\r", "\n\r\nHello", " World"}) {
                write(connection, piece);
                Thread.sleep(20);
            }
            connection.getInputStream().read();
        });
             RawClient client = client(server.address(), true, TIMEOUT)) {
            assertDoesNotThrow(client::get);
        }
    }

    @Test
    void sendsOneFixedGetWithHost() throws Exception {
        String[] seen = new String[1];
        try (ScriptedServer server = new ScriptedServer(connection -> {
            seen[0] = readRequest(connection);
            write(connection, HELLO);
            connection.getInputStream().read();
        });
             RawClient client = client(server.address(), false, TIMEOUT)) {
            client.get();
            assertEquals("""
                    GET / HTTP/1.1\r
                    Host: 127.0.0.1:%d\r
                    Connection: close\r
                    \r
                    """.formatted(server.address().getPort()), seen[0]);
        }
    }

    @Test
    void afterAFailureTheNextRequestOpensANewConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(answer("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"), answer(HELLO));
             RawClient client = client(server.address(), true, TIMEOUT)) {
            assertEquals(Failure.NON_200, failureOf(client));
            assertDoesNotThrow(client::get);
            assertEquals(2, client.connectionsOpened());
        }
    }

    @Test
    void connectionClosedBetweenRequestsIsAFailureNotARetry() throws Exception {
        // answers keep-alive, then closes anyway, as a server's idle timeout would
        try (ScriptedServer server = new ScriptedServer(connection -> {
            readRequest(connection);
            write(connection, HELLO);
        });
             RawClient client = client(server.address(), true, TIMEOUT)) {
            client.get();
            Thread.sleep(50); // let the server's close arrive
            assertTrue(Set.of(Failure.CLOSED_EARLY, Failure.RESET).contains(failureOf(client)));
            assertDoesNotThrow(client::get);
            assertEquals(2, client.connectionsOpened());
        }
    }

    private Failure failureAgainst(ScriptedServer.Script script) throws Exception {
        try (ScriptedServer server = new ScriptedServer(script);
             RawClient client = client(server.address(), true, TIMEOUT)) {
            return failureOf(client);
        }
    }

    static Failure failureOf(RawClient client) {
        return assertThrows(RequestFailedException.class, client::get).failure();
    }

    static Server started(Server server) throws IOException {
        server.start();
        return server;
    }

    static InetSocketAddress address(Server server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    /** A port nothing listens on: bound and let go (another process could take it, but not in a test's second). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
