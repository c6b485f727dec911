package webmodels.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webmodels.model.Servers.GET;
import static webmodels.model.Servers.SHORT_TIMEOUT;
import static webmodels.model.Servers.assertHello;
import static webmodels.model.Servers.closesPerRequest;
import static webmodels.model.Servers.start;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * The request deadline, for every model: it closes silent and idle connections, answers a
 * half-sent or trickling request with 408, restarts with every response (and only then), and
 * bounds every write, so that a client that never reads cannot hold what serves it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutContractTest {

    static Stream<Model> models() {
        return Servers.models();
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
    void closesAnIdleKeepAliveConnectionAfterTheRequestTimeout(Model model) throws Exception {
        try (Server server = start(model, SHORT_TIMEOUT); RawClient client = RawClient.connect(server.port())) {
            assertHello(client.send(GET).read());
            assertTrue(client.closedByServer(), "a connection idle after its answer must be closed without a response");
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

    /**
     * The deadline covers the whole request, not each read: a client that sends a header line
     * every 100 ms is cut off although no single read waits long. Its last line would complete
     * the request after 9 s; a server that timed out each read alone would answer 200 then.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void cutsOffATricklingRequestAtTheDeadline(Model model) throws Exception {
        try (Server server = start(model, SHORT_TIMEOUT); RawClient client = RawClient.connect(server.port())) {
            Thread trickle = Thread.ofPlatform().name("test-trickle").start(() -> {
                try {
                    client.send("GET / HTTP/1.1\nHost: localhost\n");
                    for (int i = 0; i < 90; i++) {
                        Thread.sleep(100);
                        client.send("X-Slow-" + i + ": yes\n");
                    }
                    client.send("\n");
                } catch (IOException | InterruptedException e) {
                    // the server closed the connection, as it should
                }
            });
            try {
                Reply reply = client.read();
                assertEquals(408, reply.status(), () -> "a request trickling in past the deadline: " + reply);
            } finally {
                trickle.interrupt();
                trickle.join(5_000);
            }
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

    /**
     * Clients that pipeline requests and never read the answers: once the server's writes to them
     * block, the request deadline must close their connections, freeing whatever served them (a
     * pool's worker, a thread, a loop's buffer), and the server goes on serving others. Eight of
     * them are as many as {@code thread-pool} has workers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void closesClientsThatNeverReadAtTheDeadlineAndServesOthers(Model model) throws Exception {
        int clients = 8;
        List<RawClient> neverReading = new ArrayList<>();
        try (Server server = start(model, SHORT_TIMEOUT); ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                List<Future<Long>> sent = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    RawClient client = RawClient.connect(server.port(), 16 * 1024); // a small window: the server's writes block soon
                    neverReading.add(client);
                    sent.add(senders.submit(() -> sendUntilTheServerCloses(client)));
                }
                for (Future<Long> client : sent) {
                    // Blocked for good in its write if the server never closes: the wait fails the test.
                    assertTrue(client.get(30, TimeUnit.SECONDS) > 0);
                }
                try (RawClient fresh = RawClient.connect(server.port())) {
                    assertHello(fresh.send(GET).read());
                }
            } finally {
                for (RawClient client : neverReading) {
                    client.close(); // ends a sender still blocked (the test failed)
                }
            }
        }
    }

    /**
     * Pipelines GETs without ever reading until a write fails because the server closed; returns
     * the bytes sent. Bounded in time, and in bytes far beyond every socket buffer on the way
     * (a close-per-request server reads away what follows its one answer, briefly, at full speed).
     */
    private static long sendUntilTheServerCloses(RawClient client) {
        byte[] burst = RawClient.crlf(GET.repeat(1000)).getBytes(StandardCharsets.ISO_8859_1);
        long sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (sent < 4L << 30 && System.nanoTime() < deadline) {
                client.sendRaw(burst, 0, burst.length);
                sent += burst.length;
            }
        } catch (IOException e) {
            return Math.max(1, sent); // closed (or reset) by the server: what the test waits for
        }
        throw new AssertionError("sent " + sent + " bytes of requests without reading, and the server still has not closed");
    }
}
