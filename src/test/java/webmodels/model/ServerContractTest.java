package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.HEAD;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.assertPortFree;
import static webmodels.model.Servers.start;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import webmodels.http.Limits;
import webmodels.model.RawClient.Reply;

/**
 * The contract every model meets, run against every value of {@link Model}: a model added to the
 * registry is tested here without a line more. Each test starts its own server on 127.0.0.1, port
 * 0, and talks to it over raw sockets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerContractTest {

    /**
     * The models that answer every request with {@code Connection: close} by design (one thread
     * or one process per connection cannot afford to wait for a client's next request). Every
     * other model must keep connections alive.
     */
    private static final Set<String> CLOSE_PER_REQUEST = Set.of("blocking", "prefork", "process-per-request");

    /** What the concurrency test asks of a model: that many clients at once, each doing that many requests. */
    private record Load(int clients, int requestsPerClient) {
    }

    private static Load loadFor(Model model) {
        return switch (model.modelName) {
            // A JVM per connection, and at most max-children (64 by default) of them at once.
            case "process-per-request" -> new Load(16, 1);
            // One thread (per process) serves every client: many clients, fewer requests each.
            case "blocking", "reactor", "prefork" -> new Load(200, 2);
            default -> new Load(200, 5);
        };
    }

    /** The request timeout of the servers in the timeout tests. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    /** One class of bad input and the status that answers it. */
    private record BadInput(String name, int status, String request) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<BadInput> BAD_INPUT = List.of(
            new BadInput("Content-Length with Transfer-Encoding", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 5
                    Transfer-Encoding: chunked

                    hello"""),
            new BadInput("conflicting Content-Lengths", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 5
                    Content-Length: 6

                    hello!"""),
            new BadInput("non-numeric Content-Length", 400, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: five

                    hello"""),
            new BadInput("malformed request line", 400, """
                    GET /a b HTTP/1.1
                    Host: localhost

                    """),
            new BadInput("malformed header", 400, """
                    GET / HTTP/1.1
                    Host: localhost
                    no colon here

                    """),
            new BadInput("malformed version", 400, """
                    GET / HTTP/one
                    Host: localhost

                    """),
            new BadInput("obs-fold", 400, """
                    GET / HTTP/1.1
                    Host: localhost
                    X-Folded: first
                     continued

                    """),
            new BadInput("whitespace before colon", 400, """
                    GET / HTTP/1.1
                    Host : localhost

                    """),
            new BadInput("HTTP/1.1 without Host", 400, """
                    GET / HTTP/1.1
                    Accept: */*

                    """),
            new BadInput("HTTP/2.0", 505, """
                    GET / HTTP/2.0
                    Host: localhost

                    """),
            new BadInput("HTTP/0.9", 505, """
                    GET / HTTP/0.9
                    Host: localhost

                    """),
            new BadInput("target too long", 414,
                    "GET /" + "a".repeat(Limits.DEFAULT.maxTargetLength()) + " HTTP/1.1\nHost: localhost\n\n"),
            new BadInput("header section too large", 431,
                    "GET / HTTP/1.1\nHost: localhost\nX-Big: " + "a".repeat(Limits.DEFAULT.maxHeaderBytes()) + "\n\n"),
            new BadInput("too many headers", 431,
                    "GET / HTTP/1.1\nHost: localhost\n" + "X-Many: v\n".repeat(Limits.DEFAULT.maxHeaderCount()) + "\n"),
            new BadInput("body over the limit", 413, """
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: %d

                    """.formatted(Limits.DEFAULT.maxBodyBytes() + 1)),
            new BadInput("unknown method", 501, """
                    DELETE / HTTP/1.1
                    Host: localhost

                    """));

    /**
     * Every model; {@code -Dmodels=reactor,netty-epoll} (names as in {@link Model}) narrows the run
     * to some while working on them.
     */
    static Stream<Model> models() {
        String only = System.getProperty("models", "").trim();
        if (only.isEmpty()) {
            return Arrays.stream(Model.values());
        }
        return Arrays.stream(only.split(",")).map(String::trim).map(Model::byName);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersThousandsOfPipelinedRequestsInOrderToAClientThatReadsSlowly(Model model) throws Exception {
        if (closesPerRequest(model)) {
            return; // pipelinedRequestsAreAnsweredInOrder covers them: one answer, then the close
        }
        int pairs = 10_000; // about 0.7 MB of requests and 1.3 MB of answers: more than socket buffers hold
        try (Server server = start(model);
             RawClient client = RawClient.connect(server.port());
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
    void restartsTheRequestTimeoutAfterEveryResponse(Model model) throws Exception {
        if (closesPerRequest(model)) {
            return; // one request per connection: nothing to restart
        }
        // A client that pipelines without pause for longer than the request timeout, each write
        // ending in the middle of a request: the server reads a partial request after nearly
        // every response. It is answered, not timed out, because the deadline restarts with every
        // response.
        int requests = 100; // one every 10 ms: twice the timeout
        byte[] stream = RawClient.crlf(GET.repeat(requests)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int size = stream.length / requests;
        try (Server server = start(model, SHORT_TIMEOUT);
             RawClient client = RawClient.connect(server.port());
             ExecutorService reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-reader"))) {
            Future<Integer> answered = reader.submit(() -> {
                for (int i = 0; i < requests; i++) {
                    Reply reply = client.read();
                    assertEquals(200, reply.status(), "answer " + i + " of a connection that never paused: " + reply);
                }
                return requests;
            });
            int sent = 0;
            try {
                for (int i = 1; i <= requests; i++) {
                    int upTo = i == requests ? stream.length : i * size + size / 2; // end mid-request
                    client.sendRaw(stream, sent, upTo - sent);
                    sent = upTo;
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                answered.get(30, TimeUnit.SECONDS); // the reader saw why the server closed: report that
                throw e;
            }
            assertEquals(requests, answered.get(30, TimeUnit.SECONDS));
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersBadInputAndClosesWhileServingOthers(Model model) throws Exception {
        try (Server server = start(model)) {
            int port = server.port();
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger served = new AtomicInteger();
            AtomicReference<Throwable> bystanderFailure = new AtomicReference<>();
            CountDownLatch firstServed = new CountDownLatch(1);
            Thread bystander = Thread.ofPlatform().name("test-bystander").start(() -> {
                try (SteadyClient steady = new SteadyClient(port)) {
                    do {
                        steady.request();
                        served.incrementAndGet();
                        firstServed.countDown();
                        Thread.sleep(20);
                    } while (!done.get());
                    if (!closesPerRequest(model)) {
                        assertEquals(1, steady.connections(), "the bystander's keep-alive connection was closed");
                    }
                } catch (Throwable t) {
                    bystanderFailure.set(t);
                    firstServed.countDown();
                }
            });
            try {
                assertTrue(firstServed.await(30, TimeUnit.SECONDS), "the bystander was never served");
                assertAll(BAD_INPUT.stream().map(bad -> (Executable) () -> assertRejected(port, bad)));
            } finally {
                done.set(true);
                bystander.join(30_000);
            }
            assertNull(bystanderFailure.get(), () -> "the client sending good requests meanwhile failed: " + bystanderFailure.get());
            assertTrue(served.get() > 0);
            try (RawClient fresh = RawClient.connect(port)) {
                assertHello(fresh.send(GET).read()); // and the server still serves
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void closesASilentConnectionAfterTheRequestTimeout(Model model) throws Exception {
        try (Server server = start(model, SHORT_TIMEOUT); RawClient silent = RawClient.connect(server.port())) {
            assertTrue(silent.closedByServer(), "an idle connection must be closed without a response");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void emptyLinesDoNotKeepAConnectionAlive(Model model) throws Exception {
        // Empty lines before a request are ignored (RFC 9112, 2.2); they must not restart the
        // request timeout, or a client could hold a connection forever with them.
        try (Server server = start(model, SHORT_TIMEOUT); RawClient client = RawClient.connect(server.port())) {
            boolean closed = false;
            // Up to ten seconds, twenty times the timeout: process-per-request first starts a JVM,
            // slow on a loaded machine, and a write fails only after the server's close came back.
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    client.send("\n");
                    Thread.sleep(100);
                } catch (IOException e) {
                    closed = true; // the server has closed: writing to the connection fails
                }
            }
            assertTrue(closed, "a connection that sent only empty lines was kept open");
            assertTrue(client.closedByServer(), "empty lines are no request: nothing may be answered");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void answersAHalfSentRequestWith408AfterTheRequestTimeout(Model model) throws Exception {
        try (Server server = start(model, SHORT_TIMEOUT);
             RawClient halfHead = RawClient.connect(server.port());
             RawClient halfBody = RawClient.connect(server.port())) {
            halfHead.send("GET / HTTP/1.1\nHost: loc");
            halfBody.send("""
                    POST / HTTP/1.1
                    Host: localhost
                    Content-Length: 10

                    12345""");
            for (RawClient client : List.of(halfHead, halfBody)) {
                Reply reply = client.read();
                assertEquals(408, reply.status());
                assertTrue(reply.closes());
                assertTrue(client.closedByServer(), "bytes after the 408");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void clientsThatResetDoNotHurtOthers(Model model) throws Exception {
        try (Server server = start(model); SteadyClient steady = new SteadyClient(server.port())) {
            int port = server.port();
            steady.request();
            List<String> interrupted = List.of(
                    "GET / HTTP/1.1\nHost: loc",                                  // in the head
                    "POST / HTTP/1.1\nHost: localhost\nContent-Length: 100\n\nabc", // in the body
                    GET + GET + GET);                                             // before reading the answers
            for (String request : interrupted) {
                RawClient resetting = RawClient.connect(port);
                resetting.send(request);
                Thread.sleep(20); // let the server start on it
                resetting.reset();
                steady.request();
            }
            try (RawClient fresh = RawClient.connect(port)) {
                assertHello(fresh.send(GET).read());
            }
            if (!closesPerRequest(model)) {
                assertEquals(1, steady.connections(), "the other client's keep-alive connection was closed");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void servesHundredsOfConcurrentClients(Model model) throws Exception {
        Load load = loadFor(model);
        try (Server server = start(model); ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger served = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < load.clients(); i++) {
                running.add(clients.submit(() -> {
                    try (SteadyClient steady = new SteadyClient(server.port())) {
                        go.await();
                        for (int r = 0; r < load.requestsPerClient(); r++) {
                            steady.request();
                            served.incrementAndGet();
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(e.toString()); // counted and shown, never dropped
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : running) {
                client.get(50, TimeUnit.SECONDS);
            }
            int expected = load.clients() * load.requestsPerClient();
            assertEquals(List.of(), summarize(failures), failures.size() + " of " + load.clients() + " clients failed");
            assertEquals(expected, served.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void restartBindsTheSamePortAndLeavesNothingBehind(Model model) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        int port;
        Server first = start(model);
        try {
            port = first.port();
            try (RawClient client = RawClient.connect(port)) {
                assertHello(client.send(GET).read());
            }
            // The JDK's own thread of an AsynchronousChannelGroup (its timeout scheduler) cannot be
            // named by a model; the leak check below still counts it.
            List<String> started = LiveThreads.startedSince(threadsBefore);
            assertTrue(started.stream().allMatch(name -> name.startsWith(model.modelName) || name.startsWith("InnocuousThread")),
                    () -> "threads of a model are named after it: " + started);
            // Close with connections still open: an idle one and one in the middle of a request.
            try (RawClient idle = RawClient.connect(port); RawClient half = RawClient.connect(port)) {
                half.send("GET / HTTP/1.1\nHo");
                Thread.sleep(50); // let the server take them up
                first.close();
                idle.awaitClose(); // fails with a timeout if close() left them open
                half.awaitClose();
            }
            first.close(); // a second close is harmless
        } finally {
            first.close();
        }
        assertPortFree(port);
        Server second = start(model, ServerConfig.loopback(port));
        try {
            assertEquals(port, second.port());
            try (RawClient client = RawClient.connect(port)) {
                assertHello(client.send(GET).read());
            }
        } finally {
            second.close();
            second.close();
        }
        assertPortFree(port);
        assertEquals(List.of(), threadsLeftSince(threadsBefore), "threads of the closed servers still alive");
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                "child processes of the closed servers still alive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void failsToStartOnABusyPortAndLeavesNothingBehind(Model model) throws Exception {
        Map<Long, String> threadsBefore = LiveThreads.now();
        try (ServerSocket occupant = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Server server = model.create(ServerConfig.loopback(occupant.getLocalPort()));
            try {
                assertThrows(IOException.class, server::start);
            } finally {
                server.close();
            }
        }
        assertEquals(List.of(), threadsLeftSince(threadsBefore), "threads of the server that failed to start");
        assertEquals(List.of(), ProcessHandle.current().descendants().map(ProcessHandle::pid).toList(),
                "child processes of the server that failed to start");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void rejectsAnUnknownOptionNamingTheModel(Model model) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.create(ServerConfig.loopback(0).withOption("no-such-option", "1")).close());
        assertTrue(e.getMessage().contains(model.modelName) && e.getMessage().contains("no-such-option"), e.getMessage());
    }

    // ---- helpers ----

    private static boolean closesPerRequest(Model model) {
        return CLOSE_PER_REQUEST.contains(model.modelName);
    }

    private static void assertRejected(int port, BadInput bad) throws IOException {
        try (RawClient client = RawClient.connect(port)) {
            Reply reply = client.send(bad.request()).read();
            assertEquals(bad.status(), reply.status(), () -> bad + ": " + reply);
            assertTrue(reply.closes(), () -> bad + ": an error must say Connection: close");
            assertTrue(client.closedByServer(), () -> bad + ": bytes after the error response");
        }
    }

    /**
     * Threads started since {@code before} that are still alive. close() has joined them, but a
     * pool's worker may still be between signalling its end and returning: give them a moment.
     */
    private static List<String> threadsLeftSince(Map<Long, String> before) throws InterruptedException {
        List<String> left = LiveThreads.startedSince(before);
        for (int i = 0; i < 20 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = LiveThreads.startedSince(before);
        }
        return left;
    }

    /** Distinct failure messages with their counts, so that 200 identical failures read as one line. */
    private static List<String> summarize(ConcurrentLinkedQueue<String> failures) {
        return failures.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey())
                .sorted()
                .toList();
    }
}
