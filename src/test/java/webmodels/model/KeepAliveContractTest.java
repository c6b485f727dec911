package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.HEAD;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.closesPerRequest;
import static webmodels.model.Servers.start;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.model.RawClient.Reply;

/**
 * How requests share a connection, for every model ({@link Servers#models()}): keep-alive and
 * {@code Connection: close}, HTTP/1.0, pipelining, half-closes, and requests or bodies that arrive
 * in pieces. Each test starts its own server on 127.0.0.1, port 0, and talks to it over raw sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeepAliveContractTest {

    static Stream<Model> models() {
        return Servers.models();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void servesSeveralRequestsOnOneConnection(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply first = client.send(GET).read();
            assertHello(first);
            if (closesPerRequest(model)) {
                assertTrue(first.closes(), "a close-per-request model must say Connection: close");
                assertTrue(client.closedByServer(), "bytes after the response");
                return;
            }
            assertFalse(first.closes(), "a keep-alive model closed an HTTP/1.1 connection");
            assertHello(client.send(GET).read());
            assertHello(client.send(GET).read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void connectionCloseClosesAfterTheResponse(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.send("""
                    GET / HTTP/1.1
                    Host: localhost
                    Connection: close

                    """).read();
            assertHello(reply);
            assertTrue(reply.closes());
            assertTrue(client.closedByServer(), "bytes after the response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersNothingAfterAConnectionCloseRequest(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.send("""
                    GET / HTTP/1.1
                    Host: localhost
                    Connection: close

                    """ + GET).read(); // the GET after it must go unanswered
            assertHello(reply);
            assertTrue(reply.closes());
            assertTrue(client.closedByServer(), "answered a request sent after Connection: close");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersAClientThatHalfClosesAfterItsRequest(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            client.send(GET).shutdownOutput(); // as `printf ... | nc` does: request, then FIN
            assertHello(client.read());
            assertTrue(client.closedByServer(), "the server must close once the client has nothing more to send");
        }
    }

    /**
     * A client may half-close once it has sent its requests (as {@code nc -N} does): it still gets
     * every answer. Twenty times over: a server that closed as soon as it read the end of input
     * would lose an answer still being written only now and then (io_uring did).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersEveryPipelinedRequestOfAClientThatHalfCloses(Model model) throws Exception {
        int attempts = model == Model.PROCESS_PER_REQUEST ? 3 : 20; // a JVM start per attempt
        try (Server server = start(model)) {
            for (int attempt = 0; attempt < attempts; attempt++) {
                try (RawClient client = RawClient.connect(server.port())) {
                    client.send(GET + GET).shutdownOutput();
                    assertHello(client.read());
                    if (!closesPerRequest(model)) {
                        assertHello(client.read());
                    }
                    assertTrue(client.closedByServer(), "attempt " + attempt + ": the connection stayed open after the half-close");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersThousandsOfPipelinedRequestsInOrderToAClientThatReadsSlowly(Model model) throws Exception {
        if (closesPerRequest(model)) {
            return; // pipelinedRequestsAreAnsweredInOrder covers them: one answer, then the close
        }
        int pairs = 10_000; // about 0.7 MB of requests and 1.3 MB of answers: more than socket buffers hold
        try (Server server = start(model);
             RawClient client = RawClient.connect(server.port(), 16 * 1024); // a small window: the server must wait to write
             ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-reader"))) {
            Future<Integer> answered = reader.submit(() -> {
                Thread.sleep(200); // let the server fill the socket buffers and wait for the client
                for (int i = 0; i < pairs; i++) {
                    assertHello(client.read());
                    Reply head = client.readHeadResponse();
                    assertEquals(200, head.status(), "answer " + (2 * i + 1));
                    assertEquals("11", head.header("Content-Length"));
                }
                return pairs;
            });
            String chunk = (GET + HEAD).repeat(100);
            for (int i = 0; i < pairs / 100; i++) {
                client.send(chunk);
            }
            assertEquals(pairs, answered.get(50, TimeUnit.SECONDS));
            assertHello(client.send(GET).read()); // and the connection still serves
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void http10ClosesByDefault(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply reply = client.send("""
                    GET / HTTP/1.0

                    """).read();
            assertHello(reply);
            assertTrue(reply.closes());
            assertTrue(client.closedByServer(), "bytes after the response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void http10KeepsAliveWhenAsked(Model model) throws Exception {
        String request = """
                GET / HTTP/1.0
                Connection: keep-alive

                """;
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply first = client.send(request).read();
            assertHello(first);
            if (closesPerRequest(model)) {
                assertTrue(first.closes());
                assertTrue(client.closedByServer(), "bytes after the response");
                return;
            }
            assertEquals("keep-alive", first.header("Connection"), "HTTP/1.0 keep-alive must be confirmed");
            assertHello(client.send(request).read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void pipelinedRequestsAreAnsweredInOrder(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            client.send(GET + HEAD + GET); // one write; the HEAD's bodiless answer shows the order
            Reply first = client.read();
            assertHello(first);
            if (closesPerRequest(model)) {
                assertTrue(first.closes());
                assertTrue(client.closedByServer(), "a close-per-request model answered past the first request");
                return;
            }
            Reply second = client.readHeadResponse();
            assertEquals(200, second.status());
            assertEquals("11", second.header("Content-Length"));
            assertHello(client.read());
        }
    }

    /** Pipelined requests of which the last says {@code Connection: close}: each is answered, then the connection closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersPipelinedRequestsUpToTheOneThatCloses(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            client.send(GET + GET + """
                    GET / HTTP/1.1
                    Host: localhost
                    Connection: close

                    """);
            Reply first = client.read();
            assertHello(first);
            if (closesPerRequest(model)) {
                assertTrue(first.closes());
                assertTrue(client.closedByServer(), "a close-per-request model answered past the first request");
                return;
            }
            assertFalse(first.closes());
            Reply second = client.read();
            assertHello(second);
            assertFalse(second.closes());
            Reply last = client.read();
            assertHello(last);
            assertTrue(last.closes(), "the answer to Connection: close must say so");
            assertTrue(client.closedByServer(), "bytes after the response that closes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersARequestArrivingByteByByte(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply first = client.sendByteByByte(GET, 1).read();
            assertHello(first);
            if (!closesPerRequest(model)) {
                assertHello(client.send(GET).read()); // and the connection is ready for the next one
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersHeadWithoutABody(Model model) throws Exception {
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            Reply head = client.send(HEAD).readHeadResponse();
            assertEquals(200, head.status());
            assertEquals("11", head.header("Content-Length"), "HEAD reports the length of the body it leaves out");
            if (closesPerRequest(model)) {
                assertTrue(client.closedByServer(), "bytes after the head of a HEAD response");
                return;
            }
            // A stray body would now be read as the start of this response.
            assertHello(client.send(GET).read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void consumesAPostBodyEvenWhenItArrivesInPieces(Model model) throws Exception {
        String postHead = """
                POST /form HTTP/1.1
                Host: localhost
                Content-Length: 16

                """;
        try (Server server = start(model); RawClient client = RawClient.connect(server.port())) {
            client.send(postHead + "GET / HTTP/1.1"); // a body that looks like a request line
            Thread.sleep(20);
            client.send("xx");
            Thread.sleep(20);
            Reply post = client.send(closesPerRequest(model) ? "" : GET).read();
            assertHello(post);
            if (closesPerRequest(model)) {
                assertTrue(post.closes());
                assertTrue(client.closedByServer(), "bytes after the response");
                return;
            }
            assertHello(client.read()); // the GET pipelined right after the body
            client.send(postHead + "GET / HTTP/1.1xx" + GET); // body and next request in one write
            assertHello(client.read());
            assertHello(client.read());
        }
    }
}
